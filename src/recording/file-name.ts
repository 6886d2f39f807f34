/**
 * `nim-devtools-<where>-<YYYYMMDD-HHmmss>.json`: names that sort by time and say which page they came from.
 * Local time, like the browser's own download names: the user looks for "the one from 14:05".
 */

export function recordingFileName(url: string, date: Date): string {
  return `nim-devtools-${pageLabel(url)}-${timestamp(date)}.json`;
}

/** The host (with its port: local dev servers differ only by port), or what a host-less page is. */
function pageLabel(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'page';
  }
  if (parsed.protocol === 'blob:') return pageLabel(parsed.pathname);
  if (parsed.host) return sanitise(parsed.host) || 'page';
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme === 'file') {
    // file:///home/me/demo.html → file-demo
    const base = decodeSafely(parsed.pathname.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
    return sanitise(`file-${base}`) || 'file';
  }
  if (scheme === 'about') return sanitise(`about-${parsed.pathname}`) || 'about';
  // data:, javascript: and the like: their "path" is content, not a name.
  return sanitise(scheme) || 'page';
}

/** Only `a-z0-9.-` (punycode's `xn--` kept), no leading/trailing separators, short enough for any file system. */
function sanitise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60)
    .replace(/[-.]+$/, '');
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `YYYYMMDD-HHmmss`, local time: also in the names of the images the panel saves. */
export function timestamp(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}`;
  return `${day}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}
