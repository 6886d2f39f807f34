/**
 * The session model: what the panel, the recording viewer and the test fixture render, derived from the
 * tab's events by `applyEvents`. The objects are mutated in place for speed (100k events); every record
 * carries the session `version` of its last change so that a view can tell what changed without diffing.
 */

import type { CountsByKind, EventKind, Json, NimEvent, SdkFlavour, SdkSource, SdkVia } from '../model/events';
import type { CodeExplanation } from '../nim/codes';

/** See `instance-state.ts` for the state machine. */
export type InstanceConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'destroyed';

/**
 * `closing`: the socket's instance let go of it (a `disconnect` / `destroy` / `logout` call or a final
 * `ondisconnect`) and the real `close` has not come yet. The hook cannot see `ws.close()` calls, only closes.
 */
export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';

export interface GetInstanceRecord {
  seq: number;
  t: number;
  reused: boolean;
  changed: string[];
  /** The options as given to this call (redacted by the hook). */
  options: { [key: string]: Json };
}

export interface DisconnectRecord {
  seq: number;
  t: number;
  code?: string | number;
  reason?: string;
  message?: string;
  willReconnect?: boolean;
  explanation: CodeExplanation;
}

export interface DestroyRecord {
  seq: number;
  t: number;
  callId: number;
  /** Set when its `done` arrived. */
  doneSeq?: number;
  error?: string;
}

export interface InstanceRecord {
  id: string;
  /** Unknown only when the instance's `sdk.getInstance` was never seen (dropped or cleared). */
  flavour?: SdkFlavour;
  account?: string;
  /** Masked by the hook. */
  appKey?: string;
  /** `'wire'`: read off NIM's link protocol (a bundled SDK the hook could not instrument); else its API. */
  via?: SdkVia;
  state: InstanceConnectionState;
  /** The last `retryCount` an `onwillreconnect` reported. */
  retryCount?: number;
  /** How many times `onconnect` fired. */
  connects: number;
  lastDisconnect?: DisconnectRecord;
  destroy?: DestroyRecord;
  /**
   * True after the app called `disconnect` / `destroy` / `logout` until it asks to connect again: a socket
   * created in between is not this instance's doing (used to attribute sockets).
   */
  releasedByApp: boolean;
  /**
   * True from a `getInstance` or `connect()` that started a connection until a socket is attributed to the
   * instance (or it connects, or is let go): the next NIM socket of its frame is almost certainly its own.
   */
  awaitingSocket: boolean;
  /** Socket ids, in creation order. */
  sockets: string[];
  /** How many of them are not closed yet. */
  liveSockets: number;
  getInstance: GetInstanceRecord[];
  /** The options merged over every `getInstance` call, as the SDK merges them. */
  options: { [key: string]: Json };
  documentIndex: number;
  doc?: string;
  frameId?: number;
  firstSeq: number;
  /** Set when a later top-level navigation unloaded the document the instance lived in. */
  unloadedSeq?: number;
  version: number;
}

/** How a socket was tied to an instance: stamped on an event, or inferred by the reducer (see `socket-attribution.ts`). */
export type SocketAttribution = 'event' | 'inferred';

export interface SocketCloseRecord {
  seq: number;
  code: number;
  reason: string;
  wasClean: boolean;
}

export interface SocketRecord {
  id: string;
  url: string;
  protocols: string[];
  instanceId?: string;
  attribution?: SocketAttribution;
  state: SocketState;
  createdSeq: number;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  /** The real close event; absent when the socket ended with its document (`endedByNavigation`). */
  close?: SocketCloseRecord;
  endedByNavigation: boolean;
  errored: boolean;
  /** False for a socket whose frames the hook does not read (not a NIM link): its frame counts are unknown. */
  counted: boolean;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** NIM heartbeats (1_2, both ways) among those frames: read on NIM link sockets only. */
  heartbeats: number;
  documentIndex: number;
  doc?: string;
  frameId?: number;
  version: number;
}

/** A top-level document of the tab, in order. */
export interface DocumentRecord {
  index: number;
  url?: string;
  title?: string;
  doc?: string;
  /** The `page.navigate` that started it; absent for a document whose marker was never seen. */
  seq?: number;
  t: number;
  restoredFromCache: boolean;
  firstEventIndex: number;
}

export interface SdkDetection {
  seq: number;
  flavour: SdkFlavour;
  source: SdkSource;
  version?: string;
  documentIndex: number;
}

export interface SessionCounters {
  events: number;
  byKind: Record<EventKind, number>;
  /** Sockets created and not yet closed (connecting, open or closing). */
  openSockets: number;
  peakOpenSockets: number;
  /** Events lost to a cap (page ring buffer or the background's session cap). */
  dropped: number;
  /** `dropped` by kind, as far as the caps said (logs and traffic go first). */
  droppedByKind: CountsByKind;
  /** Messages the relay refused from the page. */
  rejected: number;
  /** Exceptions caught inside the hook. */
  hookErrors: number;
}

export interface SessionState {
  /** Bumped once per `applyEvents` call that applied something, and by `resetSession`. */
  version: number;
  /** Every event, in arrival order (`seq` order). Replaced by a new array on reset. */
  events: NimEvent[];
  /** In order of first appearance. */
  instances: Map<string, InstanceRecord>;
  /** In order of creation. */
  sockets: Map<string, SocketRecord>;
  documents: DocumentRecord[];
  detections: SdkDetection[];
  counters: SessionCounters;
  /** Reducer bookkeeping, not for display: the last running total per emitter of cumulative counts. */
  runningTotals: Map<string, number>;
  /** Reducer bookkeeping: instances of the current document not destroyed (candidates for new sockets). */
  liveInstanceIds: Set<string>;
  /** Reducer bookkeeping: sockets not closed yet. */
  liveSocketIds: Set<string>;
}

/** What one `applyEvents` call touched. */
export interface SessionChange {
  version: number;
  /** Index in `events` of the first event of the batch. */
  fromIndex: number;
  instances: Set<string>;
  sockets: Set<string>;
  documents: boolean;
}
