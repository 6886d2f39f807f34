// What both demo pages (v9 `index.html`, v10 `v10.html`) share: the log below the buttons, the demo's control
// server (`?control=`, which makes the fake NIM server act and hands out the SDK options that stay local), and
// playing a situation from its button. `data-state` on a button (running / done / failed) lets the scripted tour
// know when a situation has played out. Load it (deferred) before the page's own script.
window.demoKit = (() => {
  const controlUrl = new URLSearchParams(location.search).get('control');
  const logList = document.getElementById('log');
  const status = document.querySelector('[data-testid="demo-status"]');
  const buttons = [...document.querySelectorAll('button[data-scenario]')];

  function log(text, tone = 'info') {
    const item = document.createElement('li');
    item.dataset.tone = tone;
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString([], { hour12: false });
    item.append(time, ` ${text}`);
    logList.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  /** Asks the control server to make the fake NIM server act; logs what the server did. */
  async function control(action, query) {
    const url = new URL(`/control/${action}`, controlUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    const response = await fetch(url, { method: 'POST' });
    const body = await response.json();
    if (!response.ok) throw new Error(`server: ${body.error ?? `HTTP ${response.status}`}`);
    log(`server: ${body.did}`, 'server');
  }

  async function play(button, scenarios) {
    for (const other of buttons) other.disabled = true;
    button.dataset.state = 'running';
    log(`▶ ${button.textContent}`, 'title');
    try {
      await scenarios[button.dataset.scenario]();
      button.dataset.state = 'done';
    } catch (error) {
      button.dataset.state = 'failed';
      log(`✖ ${error.message ?? error}`, 'error');
    } finally {
      for (const other of buttons) other.disabled = false;
    }
  }

  /**
   * Checks the SDK loaded (`sdkMissing()` names what did not), fetches the config, then enables the buttons;
   * `onConfig(config)` gets `{ appKey, privateConf }` first.
   */
  function start(sdkMissing, onConfig, scenarios) {
    const run = async () => {
      for (const link of document.querySelectorAll('a[data-keep-query]')) link.search = location.search;
      if (!controlUrl)
        throw new Error('Open this page with `npm start`: it needs the demo’s control server (?control=).');
      const missing = sdkMissing();
      if (missing) throw new Error(`The SDK (${missing}) did not load.`);
      const response = await fetch(new URL('/control/config', controlUrl));
      if (!response.ok) throw new Error(`The control server answered HTTP ${response.status}.`);
      onConfig(await response.json());
      for (const button of buttons) {
        button.addEventListener('click', () => play(button, scenarios));
        button.disabled = false;
      }
      setStatus('ready', 'Ready. Open DevTools → NIM, then press a button.');
    };
    run().catch((error) => setStatus('failed', error.message ?? String(error)));
  }

  return { log, control, start };
})();
