/**
 * Timeline filtering for the panel: by kind group, by instance, by free text. Built for 100k events: it
 * returns indices into `session.events` (never copies of events), lowercases each event's searchable text
 * once and keeps it, and when only new events arrived it scans just those.
 */
import type { EventKind, NimEvent } from '../model/events';
import { eventOwner } from './queries';
import type { SessionState } from './types';

/**
 * - `sdk`: the SDK's lifecycle (detected, getInstance, connect, willReconnect, disconnect, error)
 * - `calls`: the app's calls on an instance and their `done`
 * - `sockets`: everything `ws.*`
 * - `logs`: the SDK's own log lines
 * - `other`: page navigations, the tool's own reports (dropped, rejected, hook errors) and injected faults
 */
export type KindGroup = 'sdk' | 'calls' | 'sockets' | 'logs' | 'other';

export const KIND_GROUPS: readonly KindGroup[] = ['sdk', 'calls', 'sockets', 'logs', 'other'];

const GROUP_OF_KIND: Record<EventKind, KindGroup> = {
  'sdk.detected': 'sdk',
  'sdk.getInstance': 'sdk',
  'sdk.connect': 'sdk',
  'sdk.willReconnect': 'sdk',
  'sdk.disconnect': 'sdk',
  'sdk.error': 'sdk',
  'sdk.status': 'sdk',
  'sdk.call': 'calls',
  'sdk.done': 'calls',
  'sdk.log': 'logs',
  'ws.create': 'sockets',
  'ws.open': 'sockets',
  'ws.close': 'sockets',
  'ws.error': 'sockets',
  'ws.traffic': 'sockets',
  'page.navigate': 'other',
  'devtools.dropped': 'other',
  'devtools.rejected': 'other',
  'devtools.hookError': 'other',
  'fault.start': 'other',
  'fault.end': 'other',
};

export function kindGroupOf(kind: EventKind): KindGroup {
  return GROUP_OF_KIND[kind];
}

/** A stretch of the session, in ms since the epoch, both ends included. */
export interface TimeSpan {
  from: number;
  to: number;
}

export interface TimelineFilter {
  /** The groups to show; every group when absent or empty. */
  groups?: readonly KindGroup[];
  /** Events of this instance, including those of the sockets attributed to it. */
  instanceId?: string;
  /** Case-insensitive; every whitespace-separated term must occur in the event's kind, ids or data (as JSON). */
  text?: string;
  /** Only the events of this span (brushed in the Connections view). */
  span?: TimeSpan;
}

/** An event's text for free-text search. */
export function searchableText(event: NimEvent): string {
  return `${event.kind} ${event.instanceId ?? ''} ${event.socketId ?? ''} ${JSON.stringify(event.data)}`.toLowerCase();
}

/**
 * Keeps one session's search texts and the last result. One per view: `filter` is cheap to call on every
 * render; it only works when the filter or the session's events changed.
 */
export class TimelineIndex {
  private events: NimEvent[] | undefined;
  private texts: (string | undefined)[] = [];
  private last: { key: string; matches: number[]; scanned: number } | undefined;

  /**
   * Indices into `session.events` of the events that pass `filter`, oldest first. The same array comes back
   * while nothing changed, and a new one when new events matched.
   */
  filter(session: SessionState, filter: TimelineFilter): readonly number[] {
    if (this.events !== session.events) {
      // A new session or a reset: every cache belonged to the old events.
      this.events = session.events;
      this.texts = [];
      this.last = undefined;
    }
    const key = filterKey(filter);
    const resume = this.last?.key === key ? this.last : undefined;
    const from = resume?.scanned ?? 0;
    const fresh = this.scan(session, filter, from);
    const matches = !resume ? fresh : fresh.length === 0 ? resume.matches : resume.matches.concat(fresh);
    this.last = { key, matches, scanned: session.events.length };
    return matches;
  }

  private scan(session: SessionState, filter: TimelineFilter, from: number): number[] {
    const events = session.events;
    const groups = filter.groups && filter.groups.length > 0 ? new Set(filter.groups) : undefined;
    const terms = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const { instanceId, span } = filter;
    // Dense, so that V8 keeps a fast array however the filters skip around.
    if (terms.length > 0) while (this.texts.length < events.length) this.texts.push(undefined);
    const matches: number[] = [];
    for (let i = from; i < events.length; i++) {
      const event = events[i] as NimEvent;
      if (span && (event.t < span.from || event.t > span.to)) continue;
      if (groups && !groups.has(GROUP_OF_KIND[event.kind])) continue;
      if (instanceId !== undefined && eventOwner(session, event) !== instanceId) continue;
      if (terms.length > 0 && !this.containsAll(i, event, terms)) continue;
      matches.push(i);
    }
    return matches;
  }

  private containsAll(index: number, event: NimEvent, terms: string[]): boolean {
    let text = this.texts[index];
    if (text === undefined) {
      text = searchableText(event);
      this.texts[index] = text;
    }
    for (const term of terms) if (!text.includes(term)) return false;
    return true;
  }
}

function filterKey(filter: TimelineFilter): string {
  const groups = filter.groups && filter.groups.length > 0 ? [...filter.groups].sort().join(',') : '*';
  const terms = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  return `${groups}|${filter.instanceId ?? ''}|${terms}|${spanKey(filter.span)}`;
}

export function spanKey(span: TimeSpan | undefined): string {
  return span ? `${span.from}-${span.to}` : '';
}
