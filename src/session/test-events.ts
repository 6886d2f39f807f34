/**
 * Test helper: builds `NimEvent`s with increasing `seq` and a clock you move by hand. One method per event
 * kind, named after it (`ws.close` → `wsClose`), each returning the typed event so a test can point at its
 * `seq` as evidence. For whole SDK sequences as the real SDK produces them, see `test-sdk-sequences.ts`.
 *
 *   const b = eventBuilder();
 *   b.sdkGetInstance('i1', { account: 'alice' });
 *   b.wait(5).wsCreate('s1');
 *   b.wait(3).wsOpen('s1');
 *   const login = b.wait(35).sdkConnect('i1');
 *   applyEvents(createSession(), b.take());
 */
import type {
  EventDataByKind,
  EventKind,
  FaultKind,
  Json,
  LogLevel,
  NimEvent,
  NimEventOf,
  SdkApi,
  SdkFlavour,
  SdkMethod,
  SdkSource,
} from '../model/events';

export const DEFAULT_START = Date.UTC(2025, 0, 1, 12, 0, 0);
export const DEFAULT_LINK_URL = 'ws://127.0.0.1:9001/websocket';

export interface EventBuilderOptions {
  /** Time of the first event, ms since the epoch. */
  start?: number;
  /** Seq of the first event. */
  seq?: number;
  /** Document token stamped on every event (changed by `pageNavigate` with a `doc`). */
  doc?: string;
  frameId?: number;
}

export interface Ids {
  instanceId?: string;
  socketId?: string;
  doc?: string;
  frameId?: number;
}

export interface GetInstanceInput {
  account?: string;
  flavour?: SdkFlavour;
  appKey?: string;
  reused?: boolean;
  changed?: string[];
  options?: { [key: string]: Json };
  /** A v10 client: it waits for `login()` / `connect()`. */
  api?: SdkApi;
}

export class EventBuilder {
  /** Every event built so far. */
  readonly events: NimEvent[] = [];
  /** The clock: the time the next event gets. */
  t: number;
  private nextSeq: number;
  private nextCallId = 1;
  private taken = 0;
  private doc: string | undefined;
  private readonly frameId: number | undefined;

  constructor(options: EventBuilderOptions = {}) {
    this.t = options.start ?? DEFAULT_START;
    this.nextSeq = options.seq ?? 1;
    this.doc = options.doc;
    this.frameId = options.frameId;
  }

  /** Moves the clock forward. */
  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  /** The events built since the previous `take()`: one batch, as the background would deliver it. */
  take(): NimEvent[] {
    const batch = this.events.slice(this.taken);
    this.taken = this.events.length;
    return batch;
  }

  /** The generic form every helper below uses. */
  emit<K extends EventKind>(kind: K, data: EventDataByKind[K], ids: Ids = {}): NimEventOf<K> {
    const event = {
      seq: this.nextSeq++,
      t: this.t,
      kind,
      ...(this.doc === undefined ? {} : { doc: this.doc }),
      ...(this.frameId === undefined ? {} : { frameId: this.frameId }),
      ...ids,
      data,
    } as NimEventOf<K>;
    this.events.push(event as NimEvent);
    return event;
  }

  pageNavigate(url: string, options: { doc?: string; title?: string; restoredFromCache?: boolean } = {}) {
    if (options.doc !== undefined) this.doc = options.doc;
    const data: EventDataByKind['page.navigate'] = { url };
    if (options.title !== undefined) data.title = options.title;
    if (options.restoredFromCache) data.restoredFromCache = true;
    return this.emit('page.navigate', data, { frameId: 0 });
  }

  sdkDetected(flavour: SdkFlavour = 'NIM', source: SdkSource = 'window.NIM', version?: string) {
    return this.emit('sdk.detected', version === undefined ? { flavour, source } : { flavour, source, version });
  }

  sdkGetInstance(instanceId: string, input: GetInstanceInput = {}) {
    const { flavour = 'NIM', account, appKey = '45c6…e1f2', reused = false, changed = [], options, api } = input;
    const given = options ?? { account: account ?? null, token: '[redacted]' };
    return this.emit(
      'sdk.getInstance',
      {
        flavour,
        ...(account === undefined ? {} : { account }),
        appKey,
        reused,
        changed,
        options: given,
        ...(api === undefined ? {} : { api }),
      },
      { instanceId },
    );
  }

  sdkConnect(instanceId: string, data: EventDataByKind['sdk.connect'] = { connectionId: 'c1', ip: '127.0.0.1' }) {
    return this.emit('sdk.connect', data, { instanceId });
  }

  sdkWillReconnect(instanceId: string, retryCount: number, duration: number) {
    return this.emit('sdk.willReconnect', { retryCount, duration }, { instanceId });
  }

  sdkDisconnect(instanceId: string, data: EventDataByKind['sdk.disconnect']) {
    return this.emit('sdk.disconnect', data, { instanceId });
  }

  sdkError(instanceId: string, data: EventDataByKind['sdk.error'] = {}) {
    return this.emit('sdk.error', data, { instanceId });
  }

  /** An instance method call; the returned event's `data.callId` pairs it with its `sdkDone`. */
  sdkCall(
    instanceId: string,
    method: SdkMethod,
    extra: { inCallback?: string; changed?: string[]; account?: string } = {},
  ) {
    return this.emit('sdk.call', { method, callId: this.nextCallId++, ...extra }, { instanceId });
  }

  /** The `done` callback of `call`, at the current clock. */
  sdkDone(call: NimEventOf<'sdk.call'>, error?: string) {
    const data: EventDataByKind['sdk.done'] = {
      method: call.data.method,
      callId: call.data.callId,
      afterMs: this.t - call.t,
    };
    if (error !== undefined) data.error = error;
    return this.emit('sdk.done', data, { instanceId: call.instanceId });
  }

  sdkLog(instanceId: string | undefined, level: LogLevel, text: string) {
    return this.emit('sdk.log', { level, text }, instanceId === undefined ? {} : { instanceId });
  }

  /** `instanceId` only when the hook could tell; by default the reducer has to attribute the socket. */
  wsCreate(socketId: string, url: string = DEFAULT_LINK_URL, ids: { instanceId?: string; protocols?: string[] } = {}) {
    const { protocols = [], instanceId } = ids;
    return this.emit(
      'ws.create',
      { url, protocols },
      instanceId === undefined ? { socketId } : { socketId, instanceId },
    );
  }

  wsOpen(socketId: string) {
    return this.emit('ws.open', { protocol: '', extensions: '' }, { socketId });
  }

  wsClose(socketId: string, code = 1000, reason = '', wasClean = code === 1000) {
    return this.emit('ws.close', { code, reason, wasClean }, { socketId });
  }

  wsError(socketId: string) {
    return this.emit('ws.error', {}, { socketId });
  }

  wsTraffic(socketId: string, traffic: Partial<EventDataByKind['ws.traffic']>) {
    const { framesIn = 0, framesOut = 0, bytesIn = 0, bytesOut = 0 } = traffic;
    return this.emit('ws.traffic', { framesIn, framesOut, bytesIn, bytesOut }, { socketId });
  }

  devtoolsDropped(count: number, where: 'page' | 'session' = 'page') {
    return this.emit('devtools.dropped', { count, where });
  }

  devtoolsRejected(count: number, reason = 'malformed') {
    return this.emit('devtools.rejected', { count, reason });
  }

  devtoolsHookError(count: number, where = 'wrap', message = 'TypeError: boom') {
    return this.emit('devtools.hookError', { count, where, message });
  }

  faultStart(fault: FaultKind, durationMs?: number) {
    return this.emit(
      'fault.start',
      durationMs === undefined ? { fault, by: 'panel' } : { fault, durationMs, by: 'panel' },
    );
  }

  faultEnd(fault: FaultKind) {
    return this.emit('fault.end', { fault });
  }
}

export function eventBuilder(options?: EventBuilderOptions): EventBuilder {
  return new EventBuilder(options);
}
