/** Pretty-printed JSON with the DevTools' colours for keys, strings, numbers and literals. */
import type { JSX } from 'preact';

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

export function JsonView({ value }: { value: unknown }) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const parts: (string | JSX.Element)[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined && colon !== undefined) {
      parts.push(<span class="k">{string}</span>, colon);
    } else if (string !== undefined) parts.push(<span class="s">{string}</span>);
    else if (number !== undefined) parts.push(<span class="n">{number}</span>);
    else if (literal !== undefined) parts.push(<span class="b">{literal}</span>);
    last = at + whole.length;
  }
  parts.push(text.slice(last));
  return <pre class="json">{parts}</pre>;
}
