/**
 * Which sockets may be NIM links, from their URL alone: the SDK always connects to `ws(s)://<link>/websocket`
 * (binary; v8 with `binaryWebsocket`, v9, v10 V2) or `ws(s)://<link>/socket.io/1/websocket/<session>`
 * (socket.io 0.9; v8's default, v10's V1 API). Such a socket is only a candidate until its first NIM frame out
 * is a login request (`wire/reader/link-socket.ts`): plenty of other servers serve `/websocket`.
 */
const LINK_PATH = /^wss?:\/\/[^/?#]+(?:\/[^?#]*)?\/(?:websocket|socket\.io\/1\/websocket\/[^/?#]+)\/?(?:[?#]|$)/i;

export function mayBeNimLink(url: string): boolean {
  return url.length < 2048 && LINK_PATH.test(url);
}
