/**
 * The NIM link decoder: a frame of either framing in, a typed `LinkMessage` out (or undefined: nothing to report).
 * Pure (no DOM, no extension API), shared by the page hook (live sockets) and the file importers (HAR). A
 * frame costs a header peek; bodies are read only for lifecycle commands and failed replies; the login token
 * never comes out. Never throws, never reads past the frame.
 */
import { decodeBinaryFrame } from './binary';
import { decodeTextFrame } from './socketio';
import type { LinkDirection, LinkMessage } from './types';

export { clientTypeName, kickReasonName } from './commands';
export { mayBeNimLink } from './link-url';
export type { KickDetail, LinkDirection, LinkMessage, LoginRequest, LoginSession } from './types';

/** Text frames are socket.io 0.9; bytes are the binary framing. */
export function decodeLinkFrame(data: string | Uint8Array, direction: LinkDirection): LinkMessage | undefined {
  return typeof data === 'string' ? decodeTextFrame(data, direction) : decodeBinaryFrame(data, direction);
}
