/**
 * The events a panel holds and the session model built from them, as they come in: from the background (live,
 * possibly a fresh session after a worker restart, possibly emptied by a navigation) or from a file. Knows
 * nothing of what the user looks at; the store asks it and redraws.
 */
import type { NimEvent } from '../model/events';
import type { BackgroundToPanel } from '../model/protocol';
import { applyEvents, createSession, resetSession } from '../session/reducer';
import type { SessionState } from '../session/types';

export type EventsMessage = Extract<BackgroundToPanel, { type: 'events' }>;

export class EventIntake {
  readonly session: SessionState = createSession();
  /** The seq of the newest event held: what a (re)subscription asks to continue after. */
  lastSeq = 0;
  /**
   * Zero of relative times: the earliest event held. Not simply the first: the background stamps its
   * navigation marker when the document says hello, a little after the hook's first events.
   */
  timeOrigin = 0;
  /** All events the background's session cap discarded (its markers may be gone too). */
  private backgroundDropped = 0;
  /** `devtools.dropped` from the session cap, counted apart: `backgroundDropped` already includes them. */
  private sessionCapDropped = 0;

  /**
   * What of a background message is new. `cleared`: the session was emptied first (the background's session
   * is not a continuation of ours, or the top frame navigated with "preserve log" off).
   */
  fresh(message: EventsMessage): { events: NimEvent[]; cleared: boolean } {
    this.backgroundDropped = message.dropped;
    if (message.reset) {
      this.clear();
      this.lastSeq = 0;
    }
    const events = message.events.filter((event) => event.seq > this.lastSeq);
    if (message.reset || message.preserveLog) return { events, cleared: message.reset };
    const start = lastTopLevelNavigation(events);
    if (start < 0) return { events, cleared: false };
    // With "preserve log" off the background empties the tab's session when the top frame navigates, then sends
    // the navigation marker as an ordinary event: mirror that, or the old document's events would stay.
    this.clear();
    return { events: events.slice(start), cleared: true };
  }

  add(events: readonly NimEvent[]): void {
    if (events.length === 0) return;
    applyEvents(this.session, events);
    for (const event of events) {
      if (event.kind === 'devtools.dropped' && event.data.where === 'session') {
        this.sessionCapDropped += event.data.count;
      }
      if (this.timeOrigin === 0 || event.t < this.timeOrigin) this.timeOrigin = event.t;
    }
    this.lastSeq = Math.max(this.lastSeq, events[events.length - 1]?.seq ?? 0);
  }

  /** Empties the session; seqs keep counting from `lastSeq`. */
  clear(): void {
    resetSession(this.session);
    this.sessionCapDropped = 0;
    this.timeOrigin = 0;
  }

  /** A recording: nothing was dropped by a background. */
  forgetBackground(): void {
    this.backgroundDropped = 0;
  }

  /** Events lost to a cap: the page's ring buffer and the background's session cap. */
  dropped(): number {
    const { dropped } = this.session.counters;
    return dropped - this.sessionCapDropped + Math.max(this.sessionCapDropped, this.backgroundDropped);
  }

  indexOfSeq(seq: number): number | undefined {
    // Seqs increase along `events`: binary search.
    const events = this.session.events;
    let low = 0;
    let high = events.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = (events[mid] as NimEvent).seq;
      if (at === seq) return mid;
      if (at < seq) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }
}

function lastTopLevelNavigation(events: readonly NimEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as NimEvent;
    if (event.kind === 'page.navigate' && event.frameId === 0) return i;
  }
  return -1;
}
