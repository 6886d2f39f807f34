/**
 * The plainest event sink: stamps events as the hook's core does (`seq`, `t`, `doc`) and keeps them all, in
 * order. For replaying a file (HAR import), where there is no page to protect and nothing to evict.
 */
import type { EventSink, NimEvent } from './events';

export interface EventLog extends EventSink {
  events(): NimEvent[];
}

export function createEventLog({ now, doc }: { now(): number; doc: string }): EventLog {
  const events: NimEvent[] = [];
  const ids = { i: 0, s: 0 };
  return {
    emit(kind, data, eventIds) {
      events.push({ seq: events.length + 1, t: now(), kind, doc, ...eventIds, data } as NimEvent);
    },
    nextId(prefix) {
      ids[prefix]++;
      return `${doc}-${prefix}${ids[prefix]}`;
    },
    events: () => events,
  };
}
