/**
 * WebSocket URL rules, for the one case where the hook must decide without the native constructor: an
 * `offline` fault, where constructing the native socket against the real URL would reach the server.
 */

type UrlConstructor = new (url: string, base?: string) => URL;

/**
 * What `new WebSocket(input).url` would be, or null when the constructor would throw a SyntaxError
 * (WHATWG WebSockets, "new WebSocket(url, protocols)" steps 1-6: parse against the base URL, http(s) becomes
 * ws(s), any other scheme and any fragment are refused).
 */
export function resolveSocketUrl(input: string, base: string | undefined, PageURL: UrlConstructor): string | null {
  let url: URL;
  try {
    url = new PageURL(input, base);
  } catch {
    return null;
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
  // `hash` is '' for both no fragment and an empty one; the serialization tells them apart.
  if (url.href.includes('#')) return null;
  return url.href;
}

/**
 * The same URL on port 0. Browsers refuse port 0 before resolving the host or opening a connection, and report
 * it the way a dead network looks to a page: the socket stays CONNECTING, then `error`, then `close` with 1006
 * and wasClean false. The scheme and host stay, so mixed-content and other checks on the URL still apply.
 */
export function unreachableSocketUrl(resolved: string, PageURL: UrlConstructor): string {
  const url = new PageURL(resolved);
  url.port = '0';
  return url.href;
}
