/**
 * A HAR file as Chrome DevTools saves it ("Save all as HAR with content") opened as a recording: each WebSocket
 * entry (`_resourceType: "websocket"`, `_webSocketMessages: [{type: "send" | "receive", time, opcode, data}]`,
 * binary frames base64 with opcode 2) is replayed, in time order across sockets, through the link reader the page
 * hook uses (`wire/reader`), so a HAR gives the very events, instances and findings a live session gives.
 *
 * Secrets: only socket URLs (redacted) and frames are read; headers, cookies, request and response bodies never
 * are; the link decoder drops the login's token. The result goes through `readRecording` like any import, so
 * exporting it writes an ordinary v1 recording.
 *
 * Only the fields read are checked, by hand: `har-validator` (deprecated) checks the whole standard HAR, none of
 * which is needed, and knows nothing of Chrome's `_webSocketMessages`.
 */
import { createEventLog, type EventLog } from '../model/event-log';
import { redactUrl } from '../model/redact-url';
import { typeName } from '../model/schema';
import { createLinkWatch, type LinkTarget } from '../wire/reader';
import { recordingEnvelope } from './envelope';
import { RECORDING_LIMITS, type RecordingResult } from './format';
import { readRecording } from './parse';

export interface HarImportOptions {
  exportedAt?: Date;
}

/** A socket being replayed: the link reader's record and its frame counts. */
interface ReplayedSocket extends LinkTarget {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
}

/** One WebSocket of the HAR: its URL, when it started, and its frames. */
interface HarSocket {
  url: string;
  startedAt: number;
  messages: HarMessage[];
}

interface HarMessage {
  /** Milliseconds since the epoch (the HAR has seconds). */
  t: number;
  direction: 'in' | 'out';
  data: string | Uint8Array;
  size: number;
}

/** Thrown while reading the HAR's shape; becomes a `not-har` error naming where. */
class HarShapeError extends Error {}

/** True for text that is a HAR rather than a recording: a JSON object whose first key is `log`. */
export function looksLikeHar(fileName: string, text: string): boolean {
  return /\.har$/i.test(fileName) || /^\s*\{\s*"log"\s*:/.test(text.slice(0, 64));
}

export function importHar(text: string, options: HarImportOptions = {}): RecordingResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return failure('not-json', `not JSON: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  let har: ReturnType<typeof readHar>;
  try {
    har = readHar(document);
  } catch (error) {
    if (error instanceof HarShapeError) return failure('not-har', `not a usable HAR: ${error.message}`);
    throw error;
  }
  const { sockets, pageUrl, creator } = har;
  if (sockets.length === 0) {
    return failure(
      'no-nim',
      'this HAR has no WebSocket traffic: save it from the Network panel with "Save all as HAR with content" while the app is connected',
    );
  }
  const events = replay(sockets, pageUrl);
  if (!events.some((event) => event.kind === 'sdk.getInstance')) {
    return failure('no-nim', `this HAR has ${sockets.length} WebSocket(s), but none carries a NIM login`);
  }
  return readRecording(
    recordingEnvelope({
      events,
      page: { url: pageUrl, userAgent: '' },
      // What made the data: the browser that saved the HAR.
      tool: creator,
      exportedAt: options.exportedAt ?? new Date(),
    }),
  );
}

function readHar(document: unknown) {
  const log = field(document, 'log', 'object', 'log') as Record<string, unknown>;
  const creator = typeName(log.creator) === 'object' ? (log.creator as Record<string, unknown>) : {};
  const entries = field(log, 'entries', 'array', 'log.entries') as unknown[];
  const pages = Array.isArray(log.pages) ? log.pages : [];
  const firstPage = pages[0];
  const title = typeName(firstPage) === 'object' ? (firstPage as Record<string, unknown>).title : undefined;
  const sockets: HarSocket[] = [];
  entries.forEach((entry, index) => {
    const where = `log.entries[${index}]`;
    if (typeName(entry) !== 'object') throw new HarShapeError(`${where} is not an object`);
    const record = entry as Record<string, unknown>;
    if (record._resourceType !== 'websocket' && !Array.isArray(record._webSocketMessages)) return;
    const request = field(record, 'request', 'object', `${where}.request`) as Record<string, unknown>;
    const url = field(request, 'url', 'string', `${where}.request.url`) as string;
    const startedAt = Date.parse(field(record, 'startedDateTime', 'string', `${where}.startedDateTime`) as string);
    if (Number.isNaN(startedAt)) throw new HarShapeError(`${where}.startedDateTime is not a date`);
    const raw = Array.isArray(record._webSocketMessages) ? record._webSocketMessages : [];
    const messages = raw.map((message, i) => readMessage(message, `${where}._webSocketMessages[${i}]`));
    sockets.push({ url, startedAt, messages });
  });
  return {
    sockets,
    pageUrl: redactUrl(typeof title === 'string' ? title : ''),
    creator: {
      name: typeof creator.name === 'string' ? creator.name : 'HAR',
      version: typeof creator.version === 'string' ? creator.version : '',
    },
  };
}

function readMessage(message: unknown, where: string): HarMessage {
  const type = field(message, 'type', 'string', `${where}.type`);
  if (type !== 'send' && type !== 'receive') throw new HarShapeError(`${where}.type is neither send nor receive`);
  const time = field(message, 'time', 'number', `${where}.time`) as number;
  const opcode = field(message, 'opcode', 'number', `${where}.opcode`);
  const data = field(message, 'data', 'string', `${where}.data`) as string;
  const direction = type === 'send' ? 'out' : 'in';
  if (opcode !== 2) return { t: time * 1000, direction, data, size: data.length };
  const bytes = base64Bytes(data);
  if (bytes === undefined) throw new HarShapeError(`${where}.data is not base64`);
  return { t: time * 1000, direction, data: bytes, size: bytes.length };
}

function field(object: unknown, key: string, type: string, where: string): unknown {
  if (typeName(object) !== 'object')
    throw new HarShapeError(`${where.slice(0, where.lastIndexOf('.')) || 'the file'} is not an object`);
  const value = Object.hasOwn(object as object, key) ? (object as Record<string, unknown>)[key] : undefined;
  if (value === undefined) throw new HarShapeError(`${where} is missing`);
  if (typeName(value) !== type) throw new HarShapeError(`${where}: expected ${type}, got ${typeName(value)}`);
  return value;
}

function base64Bytes(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type Step =
  | { t: number; type: 'open'; socket: number }
  | { t: number; type: 'frame'; socket: number; message: HarMessage }
  | { t: number; type: 'close'; socket: number };

/**
 * Every socket's open and frames, merged in time order. A HAR does not say how a socket closed: a socket is taken
 * as closed after its last frame when a later socket opened after it (the SDK's reconnect), and as still open at
 * the end of the capture otherwise. Its close then has code 1005, "no status", which is all the HAR tells.
 */
function replay(sockets: HarSocket[], pageUrl: string) {
  let clock = sockets[0]?.startedAt ?? 0;
  const core = createEventLog({ now: () => clock, doc: 'har' });
  const link = createLinkWatch(globalThis, core, { apiInstanceFor: () => undefined });
  core.emit('page.navigate', { url: pageUrl });
  const steps: Step[] = [];
  sockets.forEach((socket, index) => {
    steps.push({ t: socket.startedAt, type: 'open', socket: index });
    for (const message of socket.messages) steps.push({ t: message.t, type: 'frame', socket: index, message });
    const end = socket.messages.reduce((last, message) => Math.max(last, message.t), socket.startedAt);
    if (sockets.some((other) => other.startedAt > end)) steps.push({ t: end, type: 'close', socket: index });
  });
  // Stable: at one instant, a socket's open comes before its frames and its frames before its close.
  steps.sort((a, b) => a.t - b.t);
  const live = new Map<number, ReplayedSocket>();
  for (const step of steps) {
    clock = Math.max(clock, step.t);
    if (step.type === 'open') {
      live.set(step.socket, open(core, link, sockets[step.socket]?.url ?? ''));
      continue;
    }
    const socket = live.get(step.socket);
    if (!socket) continue;
    if (step.type === 'frame') frame(socket, step.message);
    else {
      close(core, socket);
      live.delete(step.socket);
    }
  }
  // Open at the end of the capture: their traffic so far.
  for (const socket of live.values()) emitTraffic(core, socket);
  return core.events();
}

function open(core: EventLog, link: ReturnType<typeof createLinkWatch>, url: string): ReplayedSocket {
  const socketId = core.nextId('s');
  const socket: ReplayedSocket = {
    socketId,
    instanceId: undefined,
    ids: { socketId },
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    heartbeats: 0,
    link: null,
  };
  // The reader sees the URL as it was (its shape says whether it may be a NIM link); events keep it redacted.
  core.emit('ws.create', { url: redactUrl(url), protocols: [] }, socket.ids);
  core.emit('ws.open', { protocol: '', extensions: '' }, socket.ids);
  socket.link = link.socketFor(socket, url);
  return socket;
}

function frame(socket: ReplayedSocket, message: HarMessage): void {
  if (message.direction === 'in') {
    socket.framesIn++;
    socket.bytesIn += message.size;
  } else {
    socket.framesOut++;
    socket.bytesOut += message.size;
  }
  socket.link?.frame(message.data, message.direction);
}

function emitTraffic(core: EventLog, socket: ReplayedSocket): void {
  const { framesIn, framesOut, bytesIn, bytesOut, heartbeats } = socket;
  const counts = { framesIn, framesOut, bytesIn, bytesOut };
  if (framesIn + framesOut > 0)
    core.emit('ws.traffic', heartbeats > 0 ? { ...counts, heartbeats } : counts, socket.ids);
}

function close(core: EventLog, socket: ReplayedSocket): void {
  emitTraffic(core, socket);
  core.emit('ws.close', { code: 1005, reason: '', wasClean: false }, socket.ids);
  socket.link?.closed();
}

function failure(code: 'not-json' | 'not-har' | 'no-nim', message: string): RecordingResult {
  return { ok: false, error: { code, message } };
}
