/**
 * The panel's state: the events it holds, the session model derived from them, the diagnostics, and what
 * the user is looking at. Fed by the live connection (`receive`) or by a recording (`loadRecording`),
 * read by the views through `subscribe` / `getSnapshot`. No DOM and no browser API: it runs under Vitest.
 *
 * Events arrive in bursts (a late panel receives a long session in slices of 5,000), so the session is
 * updated at once, in O(batch), while listeners and diagnostics run at most once per animation frame.
 */
import { runDiagnostics } from '../diagnostics/engine';
import type { Finding, PlatformProfile } from '../diagnostics/types';
import type { NimEvent } from '../model/events';
import type { BackgroundToPanel } from '../model/protocol';
import { groupReconnects, type ReconnectGroup, type TimelineRow } from '../session/reconnect-groups';
import { applyEvents, createSession, resetSession } from '../session/reducer';
import { type KindGroup, spanKey, type TimelineFilter, TimelineIndex, type TimeSpan } from '../session/timeline';
import type { SessionState } from '../session/types';
import type { TimeMode } from './format';
import type { Theme } from './theme';

export type PanelView = 'timeline' | 'connections' | 'instances' | 'sockets' | 'diagnostics';

export const PANEL_VIEWS: readonly PanelView[] = ['timeline', 'connections', 'instances', 'sockets', 'diagnostics'];

/** Where the events come from. A recording is read-only: no clear, no preserve-log, no live status. */
export type StoreSource = { type: 'live'; tabId: number } | { type: 'recording'; name: string };

/** The panel's link to the background (live only): it reconnects by itself when the worker restarts. */
export type LinkStatus = 'connecting' | 'connected' | 'reconnecting';

export interface PanelUiState {
  view: PanelView;
  /** The event shown in the detail pane and highlighted in the timeline. */
  selectedSeq?: number;
  detailOpen: boolean;
  /** Kind groups shown in the timeline; empty means all. */
  groups: readonly KindGroup[];
  instanceId?: string;
  text: string;
  /** The timeline shows only this span of the session (brushed in the Connections view). */
  span?: TimeSpan;
  timeMode: TimeMode;
  /** The timeline sticks to its newest row until the user scrolls away or selects an older event. */
  followLive: boolean;
  /** Timeline rows that arrived while not following: the "N new events" on the way back. */
  unseen: number;
  /** Reconnect groups the user opened, by the seq of the group's first event. */
  expandedGroups: ReadonlySet<number>;
  theme: Theme;
  /** The platform whose socket budget the diagnostics check (the page may be a mini program's web build). */
  profile: PlatformProfile;
}

export interface PanelSnapshot {
  /** Changes with every notification: views compare it to skip work. */
  revision: number;
  source: StoreSource;
  link: LinkStatus;
  /** The background's setting for the tab (live), or false for a recording. */
  preserveLog: boolean;
  /** Mutated in place by the reducer; `session.version` tells when it changed. */
  session: SessionState;
  findings: readonly Finding[];
  /** Events lost to a cap: the page's ring buffer and the background's session cap. */
  dropped: number;
  /**
   * Zero of relative times: the earliest event held. Not simply the first: the background stamps its
   * navigation marker when the document says hello, a little after the hook's first events.
   */
  timeOrigin: number;
  ui: PanelUiState;
}

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

/**
 * Diagnostics over the session; the store calls it at most once per frame and on `refreshFindings`.
 * `now` is the wall clock for a live tab, undefined for a recording (its last event's time is its now).
 */
export type Diagnose = (session: SessionState, now: number | undefined, profile: PlatformProfile) => Finding[];

/** Incremental: `runDiagnostics` only feeds the events added since its previous call on the same session. */
const defaultDiagnose: Diagnose = (session, now, profile) =>
  runDiagnostics(session, now === undefined ? { profile } : { now, profile });

/** Calls `callback` soon (the next animation frame in a page); tests pass a manual one. */
export type Schedule = (callback: () => void) => void;

export interface PanelStoreOptions {
  source: StoreSource;
  diagnose?: Diagnose;
  schedule?: Schedule;
  now?: () => number;
  theme?: Theme;
  profile?: PlatformProfile;
}

type Listener = () => void;

export class PanelStore {
  private readonly session = createSession();
  private readonly index = new TimelineIndex();
  private readonly listeners = new Set<Listener>();
  private readonly diagnose: Diagnose;
  private readonly schedule: Schedule;
  private readonly now: () => number;
  private source: StoreSource;
  private link: LinkStatus;
  private preserveLog = false;
  private findings: readonly Finding[] = [];
  private lastSeq = 0;
  private timeOrigin = 0;
  private backgroundDropped = 0;
  /** `devtools.dropped` from the session cap, counted apart: `backgroundDropped` already includes them. */
  private sessionCapDropped = 0;
  private ui: PanelUiState;
  private revision = 0;
  private snapshot: PanelSnapshot | undefined;
  private flushPending = false;
  /** Changed since the listeners were last told. */
  private dirty = false;
  private findingsStale = false;
  /**
   * Grouping is the costly step (O(events)): kept for the last few filters, so that toggling a filter off
   * and on again over 100k events answers at once. Valid while no event arrived.
   */
  private readonly groupedByFilter = new Map<string, Grouped>();
  private timeline: { grouped: Grouped; expanded: ReadonlySet<number>; view: TimelineView } | undefined;

  constructor(options: PanelStoreOptions) {
    this.source = options.source;
    this.diagnose = options.diagnose ?? defaultDiagnose;
    this.schedule = options.schedule ?? defaultSchedule;
    this.now = options.now ?? Date.now;
    this.link = options.source.type === 'live' ? 'connecting' : 'connected';
    this.ui = {
      view: 'timeline',
      detailOpen: false,
      groups: [],
      text: '',
      timeMode: 'relative',
      followLive: true,
      unseen: 0,
      expandedGroups: new Set(),
      theme: options.theme ?? 'light',
      profile: options.profile ?? 'browser',
    };
  }

  // ── subscription ────────────────────────────────────────────────────────

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): PanelSnapshot {
    if (!this.snapshot) {
      this.snapshot = {
        revision: this.revision,
        source: this.source,
        link: this.link,
        preserveLog: this.preserveLog,
        session: this.session,
        findings: this.findings,
        dropped: this.dropped(),
        timeOrigin: this.timeOrigin,
        ui: this.ui,
      };
    }
    return this.snapshot;
  }

  /** The seq of the newest event held: what a (re)subscription asks to continue after. */
  lastEventSeq(): number {
    return this.lastSeq;
  }

  get readOnly(): boolean {
    return this.source.type === 'recording';
  }

  // ── input ───────────────────────────────────────────────────────────────

  /** A message from the background for this panel's tab. */
  receive(message: BackgroundToPanel): void {
    if (message.type === 'cleared') {
      this.clearEvents();
      return;
    }
    this.preserveLog = message.preserveLog;
    this.backgroundDropped = message.dropped;
    if (message.reset) {
      // The background's session is not a continuation of ours (a new worker, a cap): start from its seqs.
      this.clearEvents();
      this.lastSeq = 0;
    }
    let fresh = message.events.filter((event) => event.seq > this.lastSeq);
    if (!message.reset && !message.preserveLog) fresh = this.mirrorNavigationClear(fresh);
    this.append(fresh);
    this.changed(false);
  }

  setLinkStatus(connected: boolean): void {
    const next: LinkStatus = connected ? 'connected' : 'reconnecting';
    if (next === this.link) return;
    this.link = next;
    this.changed(true);
  }

  /** Shows a recording's events (read-only from now on). */
  loadRecording(name: string, events: readonly NimEvent[]): void {
    this.source = { type: 'recording', name };
    this.link = 'connected';
    this.preserveLog = false;
    this.backgroundDropped = 0;
    this.clearEvents();
    this.ui = { ...this.ui, selectedSeq: undefined, detailOpen: false, followLive: false, unseen: 0 };
    this.append(events);
    // Read from the start, and nothing is "new" in a file.
    this.ui = { ...this.ui, unseen: 0 };
    // Shown with its findings at once: a recording gets no later event that would run the diagnostics.
    this.changed(false);
    this.flush();
  }

  /** Empties the view at once (the background confirms with `cleared`); seqs keep counting from `lastSeq`. */
  clear(): void {
    if (this.readOnly) return;
    this.clearEvents();
    this.changed(true);
  }

  /** The user toggled "preserve log": shown at once, the background's next message confirms it. */
  setPreserveLog(preserve: boolean): void {
    if (this.readOnly || preserve === this.preserveLog) return;
    this.preserveLog = preserve;
    this.changed(true);
  }

  // ── UI state ────────────────────────────────────────────────────────────

  setView(view: PanelView): void {
    this.updateUi({ view });
  }

  setTheme(theme: Theme): void {
    this.updateUi({ theme });
  }

  /** Re-judges the findings at once: only the socket budget depends on it, and the user is looking. */
  setProfile(profile: PlatformProfile): void {
    if (profile === this.ui.profile) return;
    this.updateUi({ profile });
    this.findingsStale = true;
    this.flush();
  }

  setTimeMode(timeMode: TimeMode): void {
    this.updateUi({ timeMode });
  }

  setSearchText(text: string): void {
    this.updateUi({ text });
  }

  /** Shows only `group` (or, with `additive`, toggles it in the set); `undefined` shows every group. */
  toggleKindGroup(group: KindGroup | undefined, additive = false): void {
    const current = this.ui.groups;
    let groups: KindGroup[];
    if (group === undefined) groups = [];
    else if (additive) groups = current.includes(group) ? current.filter((g) => g !== group) : [...current, group];
    else groups = current.length === 1 && current[0] === group ? [] : [group];
    this.updateUi({ groups });
  }

  setInstanceFilter(instanceId: string | undefined): void {
    this.updateUi({ instanceId });
  }

  resetFilters(): void {
    this.updateUi({ groups: [], instanceId: undefined, text: '', span: undefined });
  }

  /** Narrows the timeline to a span of the session (ms since the epoch); `undefined` shows it whole again. */
  setSpan(span: TimeSpan | undefined): void {
    this.updateUi({ span });
  }

  /**
   * Selects an event. Picking anything but the newest row stops following (the selection would scroll
   * away); picking the newest keeps following.
   */
  select(seq: number | undefined, options: { open?: boolean } = {}): void {
    const detailOpen = options.open ?? (seq === undefined ? false : this.ui.detailOpen);
    const rows = this.getTimeline().rows;
    const last = rows[rows.length - 1];
    const isNewest = seq !== undefined && last !== undefined && this.session.events[last.index]?.seq === seq;
    const followLive = seq === undefined ? this.ui.followLive : isNewest && this.ui.followLive;
    this.updateUi({ selectedSeq: seq, detailOpen, followLive, unseen: followLive ? 0 : this.ui.unseen });
  }

  /**
   * Jumps to an event from elsewhere (a finding's evidence): switches to the timeline, opens the detail,
   * and when the filters hide the event, lifts them so it can be shown. A folded group opens.
   */
  reveal(seq: number): void {
    const index = this.indexOfSeq(seq);
    if (index === undefined) return;
    const visible = this.index.filter(this.session, this.filter()).includes(index);
    const filters = visible ? {} : { groups: [], instanceId: undefined, text: '', span: undefined };
    const expandedGroups = new Set(this.ui.expandedGroups);
    const groupKey = this.groupKeyContaining(index, visible ? this.filter() : {});
    if (groupKey !== undefined) expandedGroups.add(groupKey);
    this.updateUi({
      ...filters,
      view: 'timeline',
      selectedSeq: seq,
      detailOpen: true,
      followLive: false,
      expandedGroups,
    });
  }

  closeDetail(): void {
    this.updateUi({ detailOpen: false });
  }

  toggleGroup(key: number): void {
    const expandedGroups = new Set(this.ui.expandedGroups);
    if (!expandedGroups.delete(key)) expandedGroups.add(key);
    this.updateUi({ expandedGroups });
  }

  /** The timeline reports where the user scrolled: at the bottom means follow, anywhere else means stop. */
  scrolledTo(atBottom: boolean): void {
    if (atBottom === this.ui.followLive) return;
    this.updateUi({ followLive: atBottom, unseen: atBottom ? 0 : this.ui.unseen });
  }

  followLive(): void {
    this.updateUi({ followLive: true, unseen: 0 });
  }

  // ── derived ─────────────────────────────────────────────────────────────

  /** The timeline's rows under the current filters and folding; cached until either changes. */
  getTimeline(): TimelineView {
    const grouped = this.groupedForFilter();
    const expanded = this.ui.expandedGroups;
    if (this.timeline?.grouped !== grouped || this.timeline.expanded !== expanded) {
      const view = { rows: this.displayRows(grouped.rows), matched: grouped.matches.length };
      this.timeline = { grouped, expanded, view };
    }
    return this.timeline.view;
  }

  eventBySeq(seq: number | undefined): NimEvent | undefined {
    if (seq === undefined) return undefined;
    const index = this.indexOfSeq(seq);
    return index === undefined ? undefined : this.session.events[index];
  }

  /**
   * Some findings depend on the clock ("socket still open 5 s after disconnect"): a live panel calls this
   * every second or so to re-judge them without new events.
   */
  refreshFindings(): void {
    if (this.session.events.length === 0) return;
    this.findingsStale = true;
    this.scheduleFlush();
  }

  /** Runs pending work now: diagnostics and notifications (tests, and before an export). */
  flush(): void {
    this.flushPending = false;
    if (this.findingsStale) {
      this.findingsStale = false;
      const now = this.source.type === 'live' ? this.now() : undefined;
      const findings = this.diagnose(this.session, now, this.ui.profile);
      if (!sameFindings(findings, this.findings)) {
        this.findings = findings;
        this.revision++;
        this.snapshot = undefined;
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.notify();
  }

  // ── internals ───────────────────────────────────────────────────────────
  /**
   * One animation frame's work. New events are painted first and their findings come a frame later: over a
   * long session (a late-opened panel) the first diagnostics run is the largest part of the first render.
   */
  private flushFrame(): void {
    if (this.dirty && this.findingsStale) {
      this.flushPending = false;
      this.dirty = false;
      this.notify();
      this.scheduleFlush();
      return;
    }
    this.flush();
  }

  private filter(): TimelineFilter {
    const { groups, instanceId, text, span } = this.ui;
    return { groups, instanceId, text, span };
  }

  private append(events: readonly NimEvent[]): void {
    if (events.length === 0) return;
    const before = this.ui.followLive ? 0 : this.matchCount();
    applyEvents(this.session, events);
    for (const event of events) {
      if (event.kind === 'devtools.dropped' && event.data.where === 'session') {
        this.sessionCapDropped += event.data.count;
      }
      if (this.timeOrigin === 0 || event.t < this.timeOrigin) this.timeOrigin = event.t;
    }
    this.lastSeq = Math.max(this.lastSeq, events[events.length - 1]?.seq ?? 0);
    this.findingsStale = true;
    if (!this.ui.followLive) {
      const unseen = this.ui.unseen + Math.max(0, this.matchCount() - before);
      this.ui = { ...this.ui, unseen };
    }
  }

  /**
   * With "preserve log" off the background empties the tab's session when the top frame navigates, then
   * sends the navigation marker as an ordinary event: mirror that, or the old document's events would stay.
   */
  private mirrorNavigationClear(events: NimEvent[]): NimEvent[] {
    let start = -1;
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i] as NimEvent;
      if (event.kind === 'page.navigate' && event.frameId === 0) {
        start = i;
        break;
      }
    }
    if (start < 0) return events;
    this.clearEvents();
    return events.slice(start);
  }

  private groupedForFilter(): Grouped {
    const { events } = this.session;
    const key = filterKey(this.ui);
    const cached = this.groupedByFilter.get(key);
    if (cached && cached.events === events && cached.length === events.length) return cached;
    const matches = this.index.filter(this.session, this.filter());
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

  /** Cheap: the index only scans what arrived since its last answer. */
  private matchCount(): number {
    return this.index.filter(this.session, this.filter()).length;
  }

  private clearEvents(): void {
    resetSession(this.session);
    this.sessionCapDropped = 0;
    this.timeOrigin = 0;
    this.findings = [];
    this.findingsStale = false;
    this.groupedByFilter.clear();
    this.timeline = undefined;
    this.ui = { ...this.ui, selectedSeq: undefined, detailOpen: false, unseen: 0, expandedGroups: new Set() };
  }

  private dropped(): number {
    const { dropped } = this.session.counters;
    return dropped - this.sessionCapDropped + Math.max(this.sessionCapDropped, this.backgroundDropped);
  }

  private indexOfSeq(seq: number): number | undefined {
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

  private groupKeyContaining(index: number, filter: TimelineFilter): number | undefined {
    const matches = this.index.filter(this.session, filter);
    for (const row of groupReconnects(this.session, matches)) {
      if (row.type === 'reconnect' && row.indices.includes(index) && row.indices[0] !== index) {
        return this.session.events[row.indices[0] as number]?.seq;
      }
    }
    return undefined;
  }

  private displayRows(grouped: readonly TimelineRow[]): TimelineDisplayRow[] {
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
      const expanded = this.ui.expandedGroups.has(key);
      rows.push({ type: 'group', index: first, group: row, key, expanded });
      if (expanded) for (const index of rest) rows.push({ type: 'member', index, group: row });
    }
    return rows;
  }

  private updateUi(patch: Partial<PanelUiState>): void {
    this.ui = { ...this.ui, ...patch };
    this.changed(true);
  }

  /** `immediate`: a user action, answered at once; otherwise data, coalesced to one notification per frame. */
  private changed(immediate: boolean): void {
    this.revision++;
    this.snapshot = undefined;
    this.dirty = true;
    if (immediate) {
      this.dirty = false;
      this.notify();
      return;
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    this.schedule(() => {
      if (this.flushPending) this.flushFrame();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const GROUPED_CACHE_SIZE = 4;

interface Grouped {
  events: readonly NimEvent[];
  /** `events.length` when grouped: the session's array grows in place. */
  length: number;
  matches: readonly number[];
  rows: TimelineRow[];
}

function filterKey(ui: PanelUiState): string {
  const terms = ui.text.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  return `${[...ui.groups].sort().join(',')}|${ui.instanceId ?? ''}|${terms}|${spanKey(ui.span)}`;
}

/** Findings are rebuilt on every run; only a real difference is worth a re-render. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((finding, i) => {
    const other = b[i] as Finding;
    return (
      finding.key === other.key &&
      finding.detail.en === other.detail.en &&
      finding.evidence.length === other.evidence.length
    );
  });
}

function defaultSchedule(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}
