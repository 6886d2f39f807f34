import { render } from 'preact';

function App() {
  return <div data-testid="panel-root">NIM</div>;
}

const root = document.getElementById('app');
if (root) render(<App />, root);
