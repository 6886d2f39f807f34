/**
 * The Connections view's model: one lane per SDK instance, with its connection state over time (the reducer's
 * own state machine, `instance-state.ts`, replayed event by event), the marks worth seeing at a glance
 * (getInstance, disconnects and kicks, errors, injected faults) and, for the whole page, navigations.
 * Sockets come from the reducer's records (`laneSockets`): their owner may be settled after their creation.
 *
 * Incremental: `ConnectionLanesIndex.update` reads only the events added since its previous call, so a live
 * session costs O(events) over its whole life. Times are the events' own (ms since the epoch).
 */
import type { NimEvent } from '../model/events';
import { nextInstanceState } from './instance-state';
import type { InstanceConnectionState, SessionState, SocketRecord } from './types';

/** A stretch of time an instance spent in one state. */
export interface StateSegment {
  state: InstanceConnectionState;
  from: number;
  /** Absent while the instance is still in it. */
  to?: number;
  /** The event that entered the state. */
  seq: number;
}

export type LaneMarkKind = 'sdk.getInstance' | 'sdk.disconnect' | 'sdk.error' | 'fault.start' | 'page.navigate';

export interface LaneMark {
  kind: LaneMarkKind;
  t: number;
  seq: number;
  /** Position in `session.events`: the event itself, for a tooltip. */
  index: number;
}

export interface Lane {
  instanceId: string;
  /** In time order, each starting where the previous one ended. */
  segments: StateSegment[];
  /** In time order. */
  marks: LaneMark[];
  /** When a navigation left the instance's document: the lane stops there. */
  endedAt?: number;
}

export interface ConnectionLanes {
  /** In order of the instances' first appearance (as `session.instances`). */
  lanes: Lane[];
  /** Marks for the whole page, across every lane: navigations, and faults aimed at no instance. */
  pageMarks: LaneMark[];
  /** The earliest and latest event times seen (0 before any event). */
  start: number;
  end: number;
}

export class ConnectionLanesIndex {
  private events: readonly NimEvent[] | undefined;
  private scanned = 0;
  private model: ConnectionLanes = emptyModel();
  private byInstance = new Map<string, Lane>();
  /** Lanes not ended by a navigation, with the document index of their instance. */
  private open = new Map<Lane, number>();
  /** The next `session.documents` entry whose starting navigation is still to come. */
  private nextDocument = 0;

  /** Brings the lanes up to date with `session` and returns them (the same object, grown in place). */
  update(session: SessionState): ConnectionLanes {
    if (this.events !== session.events) {
      // A new session or a reset: nothing kept belongs to it.
      this.events = session.events;
      this.scanned = 0;
      this.model = emptyModel();
      this.byInstance = new Map();
      this.open = new Map();
      this.nextDocument = 0;
    }
    const { events } = session;
    for (let index = this.scanned; index < events.length; index++) {
      this.apply(session, events[index] as NimEvent, index);
    }
    this.scanned = events.length;
    return this.model;
  }

  private apply(session: SessionState, event: NimEvent, index: number): void {
    const model = this.model;
    if (model.start === 0 || event.t < model.start) model.start = event.t;
    if (event.t > model.end) model.end = event.t;
    switch (event.kind) {
      case 'page.navigate':
        if (this.startsDocument(session, index)) {
          this.leaveDocument(event.t);
          model.pageMarks.push(markOf('page.navigate', event, index));
        }
        return;
      case 'fault.start': {
        const owner = event.instanceId ?? (event.socketId && session.sockets.get(event.socketId)?.instanceId);
        const lane = owner ? this.byInstance.get(owner) : undefined;
        (lane?.marks ?? model.pageMarks).push(markOf('fault.start', event, index));
        return;
      }
      case 'sdk.error': {
        const lane = event.instanceId === undefined ? undefined : this.byInstance.get(event.instanceId);
        lane?.marks.push(markOf('sdk.error', event, index));
        return;
      }
      case 'sdk.getInstance':
      case 'sdk.connect':
      case 'sdk.willReconnect':
      case 'sdk.disconnect':
      case 'sdk.call':
      case 'sdk.done':
        this.lifecycle(session, event, index);
        return;
      default:
        // Logs, socket events and the tool's own reports change no state (most of a long session's events).
        return;
    }
  }

  /** The events from which the reducer makes and moves an instance (`instanceLifecycle`): the same ones here. */
  private lifecycle(session: SessionState, event: NimEvent, index: number): void {
    if (event.instanceId === undefined) return;
    const lane = this.byInstance.get(event.instanceId) ?? this.addLane(session, event.instanceId);
    if (!lane) return;
    if (event.kind === 'sdk.getInstance' || event.kind === 'sdk.disconnect') {
      lane.marks.push(markOf(event.kind, event, index));
    }
    if (lane.endedAt !== undefined) return;
    const current = lane.segments[lane.segments.length - 1];
    const next = nextInstanceState(current?.state ?? 'connecting', event);
    if (current && next === current.state) return;
    if (current) current.to = event.t;
    lane.segments.push({ state: next, from: event.t, seq: event.seq });
  }

  private addLane(session: SessionState, instanceId: string): Lane | undefined {
    const record = session.instances.get(instanceId);
    if (!record) return undefined;
    const lane: Lane = { instanceId: record.id, segments: [], marks: [] };
    this.byInstance.set(record.id, lane);
    this.open.set(lane, record.documentIndex);
    this.model.lanes.push(lane);
    return lane;
  }

  /** True when the navigation at `index` started a new top-level document (not a frame's, not a late marker). */
  private startsDocument(session: SessionState, index: number): boolean {
    const documents = session.documents;
    while (this.nextDocument < documents.length) {
      const first = (documents[this.nextDocument] as { firstEventIndex: number }).firstEventIndex;
      if (first > index) return false;
      this.nextDocument++;
      if (first === index) return true;
    }
    return false;
  }

  /** Leaving a document ends its instances: their lanes stop at the navigation. */
  private leaveDocument(t: number): void {
    const entering = this.nextDocument - 1;
    for (const [lane, documentIndex] of this.open) {
      if (documentIndex >= entering) continue;
      const last = lane.segments[lane.segments.length - 1];
      if (last && last.to === undefined) last.to = t;
      lane.endedAt = t;
      this.open.delete(lane);
    }
  }
}

/** A socket's lifetime under its instance's lane. */
export interface SocketSpan {
  id: string;
  from: number;
  /** Absent while it is open (or connecting, or closing). */
  to?: number;
  /** The row under the lane: sockets alive at the same time get different tracks. */
  track: number;
  /** The `ws.create` event. */
  seq: number;
  socket: SocketRecord;
}

/**
 * The instance's sockets, in creation order, each on the first track free at its creation: one track while
 * the SDK keeps one socket at a time, more when sockets overlap (one outliving `destroy()`, say).
 */
export function laneSockets(session: SessionState, instanceId: string): SocketSpan[] {
  const instance = session.instances.get(instanceId);
  if (!instance) return [];
  const trackEnds: number[] = [];
  const spans: SocketSpan[] = [];
  for (const id of instance.sockets) {
    const socket = session.sockets.get(id);
    if (!socket) continue;
    const from = socket.createdAt;
    let track = trackEnds.findIndex((end) => end <= from);
    if (track < 0) track = trackEnds.length;
    trackEnds[track] = socket.closedAt ?? Number.POSITIVE_INFINITY;
    spans.push({ id, from, to: socket.closedAt, track, seq: socket.createdSeq, socket });
  }
  return spans;
}

function markOf(kind: LaneMarkKind, event: NimEvent, index: number): LaneMark {
  return { kind, t: event.t, seq: event.seq, index };
}

function emptyModel(): ConnectionLanes {
  return { lanes: [], pageMarks: [], start: 0, end: 0 };
}
