/**
 * The timeline's view model: which events pass the filters, folded into reconnect groups, as the rows the
 * virtualized table renders. Grouping is the costly step (O(events)), so results are kept for the last few
 * filters (toggling a filter off and on over 100k events answers at once) until an event arrives.
 */
import type { NimEvent } from '../model/events';
import { groupReconnects, type ReconnectGroup, type TimelineRow } from '../session/reconnect-groups';
import { type TimelineFilter, TimelineIndex } from '../session/timeline';
import type { SessionState } from '../session/types';
import { filterKey, filterOf, type PanelUiState } from './ui-state';

/** One rendered timeline row. A reconnect group is shown as its first event, with the rest folded under it. */
export type TimelineDisplayRow =
  | { type: 'event'; index: number }
  | { type: 'group'; index: number; group: ReconnectGroup; key: number; expanded: boolean }
  | { type: 'member'; index: number; group: ReconnectGroup };

export interface TimelineView {
  rows: readonly TimelineDisplayRow[];
  /** Events that pass the filters (before folding groups). */
  matched: number;
}

const GROUPED_CACHE_SIZE = 4;

interface Grouped {
  events: readonly NimEvent[];
  /** `events.length` when grouped: the session's array grows in place. */
  length: number;
  matches: readonly number[];
  rows: TimelineRow[];
}

export class TimelineViewModel {
  private readonly index = new TimelineIndex();
  private readonly groupedByFilter = new Map<string, Grouped>();
  private last: { grouped: Grouped; expanded: ReadonlySet<number>; view: TimelineView } | undefined;

  constructor(private readonly session: SessionState) {}

  /** The rows under `ui`'s filters and folding; cached until either changes or an event arrives. */
  view(ui: PanelUiState): TimelineView {
    const grouped = this.grouped(ui);
    const expanded = ui.expandedGroups;
    if (this.last?.grouped !== grouped || this.last.expanded !== expanded) {
      const view = { rows: this.displayRows(grouped.rows, expanded), matched: grouped.matches.length };
      this.last = { grouped, expanded, view };
    }
    return this.last.view;
  }

  /** How many events pass `filter`. Cheap: the index only scans what arrived since its last answer. */
  matchCount(filter: TimelineFilter): number {
    return this.index.filter(this.session, filter).length;
  }

  passes(index: number, filter: TimelineFilter): boolean {
    return this.index.filter(this.session, filter).includes(index);
  }

  /** The key (first event's seq) of the reconnect group that folds the event at `index` under its first. */
  groupKeyContaining(index: number, filter: TimelineFilter): number | undefined {
    const matches = this.index.filter(this.session, filter);
    for (const row of groupReconnects(this.session, matches)) {
      if (row.type === 'reconnect' && row.indices.includes(index) && row.indices[0] !== index) {
        return this.session.events[row.indices[0] as number]?.seq;
      }
    }
    return undefined;
  }

  /** The session was emptied. */
  reset(): void {
    this.groupedByFilter.clear();
    this.last = undefined;
  }

  private grouped(ui: PanelUiState): Grouped {
    const { events } = this.session;
    const key = filterKey(ui);
    const cached = this.groupedByFilter.get(key);
    if (cached && cached.events === events && cached.length === events.length) return cached;
    const matches = this.index.filter(this.session, filterOf(ui));
    const grouped =
      cached && cached.events === events && cached.matches === matches
        ? { ...cached, length: events.length }
        : { events, length: events.length, matches, rows: groupReconnects(this.session, matches) };
    this.groupedByFilter.delete(key);
    this.groupedByFilter.set(key, grouped);
    for (const oldest of this.groupedByFilter.keys()) {
      if (this.groupedByFilter.size <= GROUPED_CACHE_SIZE) break;
      this.groupedByFilter.delete(oldest);
    }
    return grouped;
  }

  private displayRows(grouped: readonly TimelineRow[], expandedGroups: ReadonlySet<number>): TimelineDisplayRow[] {
    const rows: TimelineDisplayRow[] = [];
    for (const row of grouped) {
      if (row.type === 'event') {
        rows.push(row);
        continue;
      }
      const [first, ...rest] = row.indices;
      if (first === undefined) continue;
      if (rest.length === 0) {
        rows.push({ type: 'event', index: first });
        continue;
      }
      const key = (this.session.events[first] as NimEvent).seq;
      const expanded = expandedGroups.has(key);
      rows.push({ type: 'group', index: first, group: row, key, expanded });
      if (expanded) for (const index of rest) rows.push({ type: 'member', index, group: row });
    }
    return rows;
  }
}
