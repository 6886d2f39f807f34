/**
 * Folds a reconnect episode into one timeline row. The real SDK fires two `onwillreconnect` per closed
 * socket and retries forever, so a flaky link yields hundreds of rows that say one thing: "instance X kept
 * reconnecting from t1 to t2, N attempts, these delays".
 *
 * A group opens at an instance's `sdk.willReconnect` and takes in that instance's further `willReconnect`s,
 * its sockets' `ws.*` events and its log lines. Any other event of the instance (its `onconnect`,
 * `ondisconnect`, a call…) or a navigation closes it. Other instances' events do not: they keep their own
 * rows after the group's row, which sits where the group began.
 */
import type { NimEvent } from '../model/events';
import { eventOwner } from './queries';
import type { SessionState } from './types';

export interface ReconnectGroup {
  type: 'reconnect';
  instanceId: string;
  /** Indices into `session.events` of the events folded in, oldest first. */
  indices: number[];
  willReconnects: number;
  firstRetryCount?: number;
  lastRetryCount?: number;
  /** The `duration` of each `onwillreconnect`, in order (with two per close, the second is the real delay). */
  delays: number[];
  /** Sockets created within the group: the real connection attempts. */
  attempts: number;
  /** Socket errors within the group (connection refused, unreachable). */
  errors: number;
  start: number;
  end: number;
  /** Index of the instance's event that ended the group (e.g. its `onconnect`); absent while it goes on. */
  endedBy?: number;
}

export type TimelineRow = { type: 'event'; index: number } | ReconnectGroup;

/** `indices` is a timeline (e.g. `TimelineIndex.filter`'s result); the rows keep its order. */
export function groupReconnects(session: SessionState, indices: readonly number[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const open = new Map<string, ReconnectGroup>();
  for (const index of indices) {
    const event = session.events[index];
    if (!event) continue;
    if (event.kind === 'page.navigate') open.clear();
    const owner = eventOwner(session, event);
    const group = owner === undefined ? undefined : open.get(owner);
    if (owner !== undefined && event.kind === 'sdk.willReconnect') {
      if (group) addTo(group, index, event);
      else {
        const started = startGroup(owner, index, event);
        open.set(owner, started);
        rows.push(started);
      }
      continue;
    }
    if (group && owner !== undefined) {
      if (event.kind.startsWith('ws.') || event.kind === 'sdk.log') {
        addTo(group, index, event);
        continue;
      }
      group.endedBy = index;
      open.delete(owner);
    }
    rows.push({ type: 'event', index });
  }
  return rows;
}

function startGroup(instanceId: string, index: number, event: NimEvent): ReconnectGroup {
  const group: ReconnectGroup = {
    type: 'reconnect',
    instanceId,
    indices: [],
    willReconnects: 0,
    delays: [],
    attempts: 0,
    errors: 0,
    start: event.t,
    end: event.t,
  };
  addTo(group, index, event);
  return group;
}

function addTo(group: ReconnectGroup, index: number, event: NimEvent): void {
  group.indices.push(index);
  group.end = event.t;
  switch (event.kind) {
    case 'sdk.willReconnect': {
      group.willReconnects++;
      const { retryCount, duration } = event.data;
      if (retryCount !== undefined) {
        group.firstRetryCount ??= retryCount;
        group.lastRetryCount = retryCount;
      }
      if (duration !== undefined) group.delays.push(duration);
      break;
    }
    case 'ws.create':
      group.attempts++;
      break;
    case 'ws.error':
      group.errors++;
      break;
    default:
      break;
  }
}
