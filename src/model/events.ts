/**
 * The event model: everything the page hook observes, as one discriminated union on `kind`.
 * Every layer (hook, relay, background, panel, recordings, fixture) speaks these types.
 */

export type SdkFlavour = 'NIM' | 'Chatroom';

/** Where an SDK global was found: a window global, `SDK.*`, or the page-world `register()` opt-in. */
export type SdkSource = 'window.NIM' | 'window.SDK.NIM' | 'window.SDK.Chatroom' | 'window.Chatroom' | 'register';

/** `login`, `kickOffline`: v10's V2NIMLoginService; `kick`: v10's V1-compatible API. */
export type SdkMethod =
  | 'connect'
  | 'disconnect'
  | 'destroy'
  | 'setOptions'
  | 'logout'
  | 'login'
  | 'kickOffline'
  | 'kick';

/** The v10 SDK's (`nim-web-sdk-ng`) two APIs: `'v1'` the V1-compatible default, `'v2'` V2NIMLoginService. */
export type SdkApi = 'v1' | 'v2';

export type LogLevel = 'debug' | 'log' | 'info' | 'warn' | 'error';

export type FaultKind = 'drop' | 'offline' | 'stall';

/**
 * How an SDK event was seen: through the SDK's API (callbacks, calls; the default when absent) or read off
 * the NIM link protocol on the page's sockets (`'wire'`: a bundled SDK the hook could not instrument).
 */
export type SdkVia = 'api' | 'wire';

/** A JSON value after redaction: what may leave the page. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EventDataByKind {
  'sdk.detected': { flavour: SdkFlavour; source: SdkSource; version?: string };
  'sdk.getInstance': {
    flavour: SdkFlavour;
    account?: string;
    /** Masked, e.g. `45c6…e1f2`. */
    appKey?: string;
    /** True when the SDK handed back an instance it already had (the singleton). */
    reused: boolean;
    /** Option names whose value differs from the instance's current options (only for a reused instance). */
    changed: string[];
    /** The options as given, redacted; functions become `"[function]"`. */
    options: { [key: string]: Json };
    via?: SdkVia;
    /** A v10 client, and which API it speaks: it connects only at `login()` / `connect()`, not when created. */
    api?: SdkApi;
  };
  'sdk.connect': {
    connectionId?: string;
    ip?: string;
    port?: number | string;
    country?: string;
    lastLoginDeviceId?: string;
    customTag?: string;
    via?: SdkVia;
    /** The v10 SDK event this is (`onLoginStatus`, `logined`); absent for v9's `onconnect`. */
    event?: string;
    /** Its V2 enum value by name, e.g. `LOGINED`. */
    status?: string;
  };
  'sdk.willReconnect': { retryCount?: number; duration?: number; via?: SdkVia; event?: string; status?: string };
  'sdk.disconnect': {
    code?: string | number;
    reason?: string;
    message?: string;
    willReconnect?: boolean;
    from?: string;
    custom?: string;
    via?: SdkVia;
    /** The v10 SDK event this is (`onDisconnected`, `onKickedOffline`, `kicked`, `disconnect`). */
    event?: string;
  };
  /** From the wire: a reply with a code other than 200, `message` naming the command (`getNosCdnHost`, `6_26`). */
  'sdk.error': { code?: string | number; message?: string; via?: SdkVia; event?: string };
  'sdk.call': {
    method: SdkMethod;
    callId: number;
    changed?: string[];
    inCallback?: string;
    /** `login(accountId, …)`: the account it logs in (the token never leaves the page). */
    account?: string;
  };
  /** A `done` callback of an `sdk.call` arrived. */
  'sdk.done': {
    method: SdkMethod;
    callId: number;
    afterMs: number;
    error?: string;
    /** The rejection's code (a V2NIMError's `code`) when the call returned a Promise that rejected. */
    code?: string | number;
  };
  /**
   * One log line, redacted. A long line is cut before it is scanned (the rest never leaves the page):
   * `truncated` then says so and `length` is the whole line's length in characters.
   */
  /**
   * A v10 SDK event that changes no connection state: `onLoginStatus` LOGINING, `onConnectStatus` CONNECTED,
   * `onDataSync`, `onLoginClientChanged`, `multiPortLogin`… `status` names the V2 enum value.
   */
  /** From the wire (`via: 'wire'`): what an instrumented SDK's callbacks leave out (a login reply's code, who kicked). */
  'sdk.status': { event: string; status?: string; detail?: { [key: string]: Json }; via?: SdkVia };
  'sdk.log': { level: LogLevel; text: string; truncated?: boolean; length?: number };
  /**
   * `counted: false`: the hook does not read this socket's frames (no NIM link, no SDK instance made it), so no
   * `ws.traffic` follows: pages pay nothing per frame for sockets that are none of NIM's business.
   */
  'ws.create': { url: string; protocols: string[]; counted?: boolean };
  'ws.open': { protocol: string; extensions: string };
  'ws.close': { code: number; reason: string; wasClean: boolean };
  'ws.error': Record<string, never>;
  /** Frames and bytes since the previous `ws.traffic` of this socket (aggregated, never per frame). */
  'ws.traffic': {
    framesIn: number;
    framesOut: number;
    bytesIn: number;
    bytesOut: number;
    /** NIM heartbeats (1_2, both ways) among those frames: counted on NIM link sockets only. */
    heartbeats?: number;
  };
  'page.navigate': { url: string; title?: string; restoredFromCache?: boolean };
  /**
   * Events a cap discarded, counted: never dropped silently. From the page (`where: 'page'`): the running
   * total of its document's ring buffer. From the background (`'session'`): how many this trim discarded.
   * `byKind` splits `count` by the kind of what was discarded, counted the same way (caps evict logs and
   * traffic first: see `model/retention.ts`).
   */
  'devtools.dropped': { count: number; where: 'page' | 'session'; byKind?: CountsByKind };
  /** Messages the relay refused from the page (forged, malformed, oversized), since its previous report. */
  'devtools.rejected': { count: number; reason: string };
  /** Exceptions caught inside the hook (the page never sees them); `count` is the document's running total. */
  'devtools.hookError': { count: number; where: string; message: string };
  /** A fault injected on purpose by the panel, the page API or a test fixture. */
  'fault.start': { fault: FaultKind; durationMs?: number; by: 'panel' | 'page' };
  'fault.end': { fault: FaultKind };
}

export type EventKind = keyof EventDataByKind;

/** How many events of each kind, for the kinds that have any. */
export type CountsByKind = Partial<Record<EventKind, number>>;

export interface EventEnvelopeFields {
  /** Per document in the page; per tab once the background has stored it. */
  seq: number;
  /** Milliseconds since the epoch, fractional. */
  t: number;
  /** Unique per document: ids are prefixed by a random document token so they never collide across reloads. */
  instanceId?: string;
  socketId?: string;
  /** Stamped by the background from the port's sender, never from the page. */
  frameId?: number;
  /** The document (page load) that emitted it: stamped by the hook. */
  doc?: string;
}

export type NimEventOf<K extends EventKind> = EventEnvelopeFields & { kind: K; data: EventDataByKind[K] };

export type NimEvent = { [K in EventKind]: NimEventOf<K> }[EventKind];

export const EVENT_KINDS: readonly EventKind[] = [
  'sdk.detected',
  'sdk.getInstance',
  'sdk.connect',
  'sdk.willReconnect',
  'sdk.disconnect',
  'sdk.error',
  'sdk.call',
  'sdk.done',
  'sdk.status',
  'sdk.log',
  'ws.create',
  'ws.open',
  'ws.close',
  'ws.error',
  'ws.traffic',
  'page.navigate',
  'devtools.dropped',
  'devtools.rejected',
  'devtools.hookError',
  'fault.start',
  'fault.end',
];

export function isEventKind(value: unknown): value is EventKind {
  return typeof value === 'string' && (EVENT_KINDS as readonly string[]).includes(value);
}

/** The instance and socket an event belongs to. */
export interface EventIds {
  instanceId?: string;
  socketId?: string;
}

/**
 * Where observed events go: the hook's core in a page, a plain log when a file is replayed (HAR import). The sink
 * stamps `seq`, `t` and `doc`; `nextId` makes ids unique within its document.
 */
export interface EventSink {
  emit<K extends EventKind>(kind: K, data: EventDataByKind[K], ids?: EventIds): void;
  nextId(prefix: 'i' | 's'): string;
}
