/**
 * NIM packets over socket.io 0.9, the SDK's other transport: the default of 8.x (unless `binaryWebsocket: true`
 * or an A/B experiment says otherwise) and of 9.x with `binaryWebsocket: false`. The SDK bundles a socket.io 0.9
 * client: an XHR handshake `GET /socket.io/1/?t=…`, then `ws://<link>/socket.io/1/websocket/<session>`, text
 * frames `type:id:endpoint[:data]`, and NIM packets as JSON in `message` (type 3) frames.
 */
import { isLoginCommand, type NimPacket, type NimRequest, parseLogin } from './nim-packets';
import type { Property } from './protocol';

export const HANDSHAKE_PATH = /^\/socket\.io\/1\/?$/;
export const WEBSOCKET_PATH = /^\/socket\.io\/1\/websocket\/([^/]+)$/;

/** Index = the type digit on the wire (the client's `parser.packets`). */
const FRAME_TYPES = ['disconnect', 'connect', 'heartbeat', 'message', 'json', 'event', 'ack', 'error', 'noop'] as const;

export type FrameType = (typeof FRAME_TYPES)[number];

export interface SocketIoFrame {
  type: FrameType;
  /** Message id and endpoint (namespace): empty in everything the SDK sends. */
  id: string;
  endpoint: string;
  data: string;
}

/** Same layout as the client's `encodePacket` for the frames a server sends: `1::`, `2::`, `3:::<data>`. */
export function encodeFrame(type: FrameType, data = ''): string {
  const head = `${FRAME_TYPES.indexOf(type)}::`;
  return data === '' ? head : `${head}:${data}`;
}

/** The client's `decodePacket` grammar; undefined for text that is not a socket.io 0.9 frame. */
export function decodeFrame(text: string): SocketIoFrame | undefined {
  const match = /^(\d):(\d*\+?):([^:]*):?([\s\S]*)$/.exec(text);
  const type = match ? FRAME_TYPES[Number(match[1])] : undefined;
  if (!match || !type) return undefined;
  return { type, id: match[2] ?? '', endpoint: match[3] ?? '', data: match[4] ?? '' };
}

/**
 * The handshake answer `session:heartbeatTimeout:closeTimeout:transports`. Only websocket is offered: the
 * client's polling transports would need a whole other server, and the SDK lists websocket first anyway.
 */
export function handshakeBody(session: string, heartbeatTimeoutSeconds: number, closeTimeoutSeconds: number): string {
  return `${session}:${heartbeatTimeoutSeconds}:${closeTimeoutSeconds}:websocket`;
}

/** `{sid, cid, ser, code, r}`: the SDK's `parseResponse` reads the body values from `r`, in schema order. */
export function encodeJson(packet: NimPacket): string {
  return JSON.stringify({
    sid: packet.sid,
    cid: packet.cid,
    ser: packet.ser,
    code: packet.code,
    r: packet.body.map((value) => value.value),
  });
}

/** The SDK sends `{SID, CID, SER, Q: [{t, v}]}`; a login's first value is its Property, keyed by number. */
export function decodeJsonRequest(text: string): NimRequest | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { SID: sid, CID: cid, SER: ser, Q: values } = parsed as Record<string, unknown>;
  if (typeof sid !== 'number' || typeof cid !== 'number' || typeof ser !== 'number') return undefined;
  const isLogin = isLoginCommand(sid, cid);
  const first = Array.isArray(values) ? (values[0] as { t?: unknown; v?: unknown } | undefined) : undefined;
  if (!isLogin || first?.t !== 'Property' || typeof first.v !== 'object' || first.v === null) return { sid, cid, ser };
  return { sid, cid, ser, login: parseLogin(stringValues(first.v as Record<string, unknown>)) };
}

/** A request as the SDK writes it in socket.io mode; for tests that play the client. */
export function encodeJsonRequest(command: { sid: number; cid: number }, ser: number, ...body: Property[]): string {
  return JSON.stringify({ SID: command.sid, CID: command.cid, SER: ser, Q: body.map((v) => ({ t: 'Property', v })) });
}

/** JSON Property values may be numbers or booleans where the binary wire has strings. */
function stringValues(object: Record<string, unknown>): Property {
  const property: Property = {};
  for (const [key, value] of Object.entries(object)) property[Number(key)] = String(value);
  return property;
}
