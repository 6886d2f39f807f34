/** Pretty-printed JSON with the DevTools' colours for keys, strings, numbers and literals. */
import type { JSX } from 'preact';

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/**
 * A string longer than this (a 5 MB log line in an imported recording) is shown cut, with its length: laying out
 * megabytes of text would freeze the panel. The detail pane's copy button still copies the event whole.
 */
export const SHOWN_STRING_LIMIT = 10_000;

export function JsonView({ value }: { value: unknown }) {
  const text = shownJson(value);
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

/** The JSON text the view shows: indented, long strings cut. */
export function shownJson(value: unknown): string {
  return JSON.stringify(value, clipLongStrings, 2) ?? 'undefined';
}

function clipLongStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.length > SHOWN_STRING_LIMIT
    ? `${value.slice(0, SHOWN_STRING_LIMIT)}… [${value.length} chars]`
    : value;
}
