/**
 * The session reducer: folds events into `SessionState`, one batch at a time, in O(batch). Deterministic:
 * the same events give the same state however they are split into batches.
 */

import { EVENT_KINDS, type EventKind, type NimEvent, type NimEventOf } from '../model/events';
import { explainDisconnect } from '../nim/codes';
import { asksToConnect, nextInstanceState, releasesConnection } from './instance-state';
import { attributeSocket } from './socket-attribution';
import type { DocumentRecord, InstanceRecord, SessionChange, SessionState, SocketRecord } from './types';

export function createSession(): SessionState {
  return {
    version: 0,
    events: [],
    instances: new Map(),
    sockets: new Map(),
    documents: [],
    detections: [],
    counters: emptyCounters(),
    runningTotals: new Map(),
    liveInstanceIds: new Set(),
    liveSocketIds: new Set(),
  };
}

/** Empties the session in place (the panel's "clear"); `events` becomes a new array so caches keyed on it reset. */
export function resetSession(state: SessionState): void {
  const version = state.version + 1;
  Object.assign(state, createSession(), { version });
}

export function applyEvents(state: SessionState, events: readonly NimEvent[]): SessionChange {
  const change: SessionChange = {
    version: state.version,
    fromIndex: state.events.length,
    instances: new Set(),
    sockets: new Set(),
    documents: false,
  };
  if (events.length === 0) return change;
  change.version = ++state.version;
  const touched = new Touched(state, change);
  for (const event of events) applyOne(state, event, touched);
  return change;
}

/** One event, without change tracking: for consumers that follow the session event by event (diagnostics). */
export function applyEvent(state: SessionState, event: NimEvent): void {
  state.version++;
  applyOne(state, event, new Touched(state, undefined));
}

export function currentDocument(state: SessionState): DocumentRecord | undefined {
  return state.documents[state.documents.length - 1];
}

/** True when `event`, already applied, is the navigation that started the current document (not a late marker). */
export function startsDocument(state: SessionState, event: NimEvent): boolean {
  if (event.kind !== 'page.navigate') return false;
  const current = currentDocument(state);
  return current !== undefined && state.events[current.firstEventIndex] === event;
}

function applyOne(state: SessionState, event: NimEvent, touched: Touched): void {
  const index = state.events.length;
  state.events.push(event);
  state.counters.events++;
  state.counters.byKind[event.kind]++;
  if (state.documents.length === 0 && event.kind !== 'page.navigate') {
    // Events before any navigation marker (a session joined late, a hand-made recording): an unnamed document.
    state.documents.push({ index: 0, doc: event.doc, t: event.t, restoredFromCache: false, firstEventIndex: index });
    touched.documents();
  }
  switch (event.kind) {
    case 'page.navigate':
      navigate(state, event, index, touched);
      break;
    case 'sdk.detected':
      state.detections.push({ seq: event.seq, ...event.data, documentIndex: documentIndex(state) });
      break;
    case 'sdk.getInstance':
    case 'sdk.connect':
    case 'sdk.willReconnect':
    case 'sdk.disconnect':
    case 'sdk.call':
    case 'sdk.done':
      instanceLifecycle(state, event, touched);
      break;
    case 'sdk.error':
    case 'sdk.status':
    case 'sdk.log':
      break;
    case 'ws.create':
      createSocket(state, event, touched);
      break;
    case 'ws.open':
      withSocket(state, event, touched, (socket) => {
        socket.openedAt = event.t;
        if (socket.state === 'connecting') socket.state = 'open';
      });
      break;
    case 'ws.close':
      withSocket(state, event, touched, (socket) => {
        socket.close = { seq: event.seq, ...event.data };
        closeSocket(state, socket, event.t, touched);
      });
      break;
    case 'ws.error':
      withSocket(state, event, touched, (socket) => {
        socket.errored = true;
      });
      break;
    case 'ws.traffic':
      withSocket(state, event, touched, (socket) => {
        socket.framesIn += event.data.framesIn;
        socket.framesOut += event.data.framesOut;
        socket.bytesIn += event.data.bytesIn;
        socket.bytesOut += event.data.bytesOut;
        socket.heartbeats += event.data.heartbeats ?? 0;
      });
      break;
    case 'devtools.dropped':
      // The page's ring buffer reports a running total per document (hook/core.ts); the background's
      // session cap reports how many it dropped in that pass (background/tab-session.ts).
      state.counters.dropped +=
        event.data.where === 'page'
          ? advanceRunningTotal(state, `dropped:${event.doc ?? ''}`, event.data.count)
          : event.data.count;
      for (const [kind, count] of Object.entries(event.data.byKind ?? {}) as [EventKind, number][]) {
        const added =
          event.data.where === 'page' ? advanceRunningTotal(state, `dropped:${event.doc ?? ''}:${kind}`, count) : count;
        state.counters.droppedByKind[kind] = (state.counters.droppedByKind[kind] ?? 0) + added;
      }
      break;
    case 'devtools.rejected':
      // The relay reports what it refused since its previous report (relay/relay.ts).
      state.counters.rejected += event.data.count;
      break;
    case 'devtools.hookError':
      // A running total per document (hook/core.ts).
      state.counters.hookErrors += advanceRunningTotal(state, `hookError:${event.doc ?? ''}`, event.data.count);
      break;
    case 'fault.start':
    case 'fault.end':
      break;
  }
  // The hook stamps a socket's owner on its events as soon as it knows it (often at `ws.open`, since the SDK
  // opens sockets from timers): any event naming both settles the owner.
  if (event.socketId && event.instanceId) {
    attributeExplicitly(state, event.socketId, event.instanceId, touched);
  }
}

/** Records what changed: bumps a record's version and lists it in the batch's change. */
class Touched {
  constructor(
    private readonly state: SessionState,
    private readonly change: SessionChange | undefined,
  ) {}
  instance(instance: InstanceRecord): void {
    instance.version = this.state.version;
    this.change?.instances.add(instance.id);
  }
  socket(socket: SocketRecord): void {
    socket.version = this.state.version;
    this.change?.sockets.add(socket.id);
  }
  documents(): void {
    if (this.change) this.change.documents = true;
  }
}

function navigate(state: SessionState, event: NimEventOf<'page.navigate'>, index: number, touched: Touched): void {
  const current = currentDocument(state);
  const fields = { url: event.data.url, title: event.data.title, seq: event.seq };
  touched.documents();
  if (current && current.seq === undefined && current.doc !== undefined && current.doc === event.doc) {
    // The marker of the unnamed document we already hold: name it, it is not a new document.
    Object.assign(current, fields);
    return;
  }
  // Leaving a document ends everything in it: the browser closes its sockets without the page seeing a close.
  for (const id of state.liveSocketIds) {
    const socket = state.sockets.get(id);
    if (!socket) continue;
    socket.endedByNavigation = true;
    closeSocket(state, socket, event.t, touched);
  }
  for (const id of state.liveInstanceIds) {
    const instance = state.instances.get(id);
    if (!instance) continue;
    instance.unloadedSeq = event.seq;
    touched.instance(instance);
  }
  state.liveInstanceIds.clear();
  state.documents.push({
    index: state.documents.length,
    ...fields,
    doc: event.doc,
    t: event.t,
    restoredFromCache: event.data.restoredFromCache === true,
    firstEventIndex: index,
  });
}

type LifecycleEvent = Extract<
  NimEvent,
  { kind: 'sdk.getInstance' | 'sdk.connect' | 'sdk.willReconnect' | 'sdk.disconnect' | 'sdk.call' | 'sdk.done' }
>;

function instanceLifecycle(state: SessionState, event: LifecycleEvent, touched: Touched): void {
  if (!event.instanceId) return;
  const known = state.instances.get(event.instanceId);
  const instance = known ?? addInstance(state, event.instanceId, event);
  const before = instance.state;
  instance.state = nextInstanceState(before, event);
  const appAsksToConnect =
    event.kind === 'sdk.getInstance' || (event.kind === 'sdk.call' && asksToConnect(event.data.method));
  if (instance.state !== 'connecting') instance.awaitingSocket = false;
  else if (appAsksToConnect && (!known || before !== 'connecting')) instance.awaitingSocket = true;
  switch (event.kind) {
    case 'sdk.getInstance': {
      const { flavour, account, appKey, reused, changed, options } = event.data;
      instance.flavour = flavour;
      if (account !== undefined) instance.account = account;
      if (appKey !== undefined) instance.appKey = appKey;
      if (event.data.via !== undefined) instance.via = event.data.via;
      instance.getInstance.push({ seq: event.seq, t: event.t, reused, changed, options });
      Object.assign(instance.options, options);
      instance.releasedByApp = false;
      break;
    }
    case 'sdk.connect':
      instance.connects++;
      instance.releasedByApp = false;
      break;
    case 'sdk.willReconnect':
      if (event.data.retryCount !== undefined) instance.retryCount = event.data.retryCount;
      break;
    case 'sdk.disconnect': {
      const { code, reason, message, willReconnect } = event.data;
      const explanation = explainDisconnect(code, reason);
      instance.lastDisconnect = { seq: event.seq, t: event.t, code, reason, message, willReconnect, explanation };
      if (willReconnect !== true) releaseSockets(state, instance, touched);
      break;
    }
    case 'sdk.call':
      if (asksToConnect(event.data.method)) instance.releasedByApp = false;
      if (event.data.account !== undefined) instance.account = event.data.account;
      if (releasesConnection(event.data.method)) {
        instance.releasedByApp = true;
        releaseSockets(state, instance, touched);
      }
      if (event.data.method === 'destroy') {
        instance.destroy = { seq: event.seq, t: event.t, callId: event.data.callId };
        state.liveInstanceIds.delete(instance.id);
      }
      break;
    case 'sdk.done': {
      const destroy = instance.destroy;
      if (event.data.method === 'destroy' && destroy?.callId === event.data.callId) {
        destroy.doneSeq = event.seq;
        if (event.data.error !== undefined) {
          destroy.error = event.data.error;
          if (instance.unloadedSeq === undefined) state.liveInstanceIds.add(instance.id);
        }
      }
      break;
    }
  }
  touched.instance(instance);
}

function addInstance(state: SessionState, id: string, event: LifecycleEvent): InstanceRecord {
  const instance: InstanceRecord = {
    id,
    state: 'connecting',
    connects: 0,
    releasedByApp: false,
    awaitingSocket: false,
    sockets: [],
    liveSockets: 0,
    getInstance: [],
    options: {},
    documentIndex: documentIndex(state),
    doc: event.doc,
    frameId: event.frameId,
    firstSeq: event.seq,
    version: state.version,
  };
  state.instances.set(id, instance);
  state.liveInstanceIds.add(id);
  return instance;
}

/** The app (or the SDK's final ondisconnect) let go of the instance's sockets: they should close now. */
function releaseSockets(state: SessionState, instance: InstanceRecord, touched: Touched): void {
  if (instance.liveSockets === 0) return;
  for (const id of instance.sockets) {
    const socket = state.sockets.get(id);
    if (socket && (socket.state === 'connecting' || socket.state === 'open')) {
      socket.state = 'closing';
      touched.socket(socket);
    }
  }
}

function createSocket(state: SessionState, event: NimEventOf<'ws.create'>, touched: Touched): void {
  if (!event.socketId || state.sockets.has(event.socketId)) return;
  const socket = addSocket(state, event.socketId, event, event.data.url, event.data.protocols);
  if (event.data.counted === false) socket.counted = false;
  const owner = attributeSocket(state, event);
  if (owner) attach(state, socket, owner.instanceId, owner.attribution, touched);
  touched.socket(socket);
}

function addSocket(state: SessionState, id: string, event: NimEvent, url: string, protocols: string[]): SocketRecord {
  const socket: SocketRecord = {
    id,
    url,
    protocols,
    state: 'connecting',
    createdSeq: event.seq,
    createdAt: event.t,
    endedByNavigation: false,
    errored: false,
    counted: true,
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    heartbeats: 0,
    documentIndex: documentIndex(state),
    doc: event.doc,
    frameId: event.frameId,
    version: state.version,
  };
  state.sockets.set(id, socket);
  state.liveSocketIds.add(id);
  state.counters.openSockets = state.liveSocketIds.size;
  state.counters.peakOpenSockets = Math.max(state.counters.peakOpenSockets, state.counters.openSockets);
  return socket;
}

function withSocket(
  state: SessionState,
  event: NimEvent,
  touched: Touched,
  update: (socket: SocketRecord) => void,
): void {
  if (!event.socketId) return;
  // A socket whose `ws.create` we never saw (dropped by a cap): keep what we learn about it.
  const socket = state.sockets.get(event.socketId) ?? addSocket(state, event.socketId, event, '', []);
  update(socket);
  touched.socket(socket);
}

function closeSocket(state: SessionState, socket: SocketRecord, t: number, touched: Touched): void {
  if (socket.state === 'closed') return;
  socket.state = 'closed';
  socket.closedAt = t;
  state.liveSocketIds.delete(socket.id);
  state.counters.openSockets = state.liveSocketIds.size;
  const owner = socket.instanceId === undefined ? undefined : state.instances.get(socket.instanceId);
  if (owner) {
    owner.liveSockets--;
    touched.instance(owner);
  }
  touched.socket(socket);
}

function attach(
  state: SessionState,
  socket: SocketRecord,
  instanceId: string,
  attribution: 'event' | 'inferred',
  touched: Touched,
): void {
  socket.instanceId = instanceId;
  socket.attribution = attribution;
  const instance = state.instances.get(instanceId);
  if (!instance) return;
  instance.awaitingSocket = false;
  instance.sockets.push(socket.id);
  if (socket.state !== 'closed') instance.liveSockets++;
  touched.instance(instance);
}

/** An SDK event naming both its instance and socket settles the socket's owner, overriding an inference. */
function attributeExplicitly(state: SessionState, socketId: string, instanceId: string, touched: Touched): void {
  const socket = state.sockets.get(socketId);
  if (!socket || socket.attribution === 'event') return;
  if (socket.instanceId !== undefined && socket.instanceId !== instanceId) {
    const previous = state.instances.get(socket.instanceId);
    if (previous) {
      previous.sockets = previous.sockets.filter((id) => id !== socketId);
      if (socket.state !== 'closed') previous.liveSockets--;
      touched.instance(previous);
    }
  }
  if (socket.instanceId === instanceId) socket.attribution = 'event';
  else attach(state, socket, instanceId, 'event', touched);
  touched.socket(socket);
}

function documentIndex(state: SessionState): number {
  return Math.max(0, state.documents.length - 1);
}

/** Turns a running total reported by one emitter into the increase since its previous report. */
function advanceRunningTotal(state: SessionState, key: string, total: number): number {
  const previous = state.runningTotals.get(key) ?? 0;
  if (total <= previous) return 0;
  state.runningTotals.set(key, total);
  return total - previous;
}

function emptyCounters(): SessionState['counters'] {
  const byKind = {} as Record<EventKind, number>;
  for (const kind of EVENT_KINDS) byKind[kind] = 0;
  return {
    events: 0,
    byKind,
    openSockets: 0,
    peakOpenSockets: 0,
    dropped: 0,
    droppedByKind: {},
    rejected: 0,
    hookErrors: 0,
  };
}
