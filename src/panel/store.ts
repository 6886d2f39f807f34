/**
 * The panel's state: the events it holds, the session model derived from them, the diagnostics, and what
 * the user is looking at. Fed by the live connection (`receive`) or by a recording (`loadRecording`),
 * read by the views through `subscribe` / `getSnapshot`. No DOM and no browser API: it runs under Vitest.
 * What the user looks at is `ui-state.ts`, the timeline's rows `timeline-view.ts`, the diagnostics `findings.ts`.
 *
 * Events arrive in bursts (a late panel receives a long session in slices of 5,000), so the session is
 * updated at once, in O(batch), while listeners and diagnostics run at most once per animation frame.
 */
import type { Finding, PlatformProfile } from '../diagnostics/types';
import type { NimEvent } from '../model/events';
import type { BackgroundToPanel } from '../model/protocol';
import type { KindGroup, TimeSpan } from '../session/timeline';
import type { SessionState } from '../session/types';
import { EventIntake } from './event-intake';
import { type Diagnose, defaultDiagnose, sameFindings } from './findings';
import type { TimeMode } from './format';
import type { Theme } from './theme';
import { type TimelineView, TimelineViewModel } from './timeline-view';
import { filterOf, initialUi, NO_FILTERS, nextKindGroups, type PanelUiState, type PanelView } from './ui-state';

/** Where the events come from. A recording is read-only: no clear, no preserve-log, no live status. */
export type StoreSource = { type: 'live'; tabId: number } | { type: 'recording'; name: string };

/** The panel's link to the background (live only): it reconnects by itself when the worker restarts. */
export type LinkStatus = 'connecting' | 'connected' | 'reconnecting';

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
  private readonly intake = new EventIntake();
  private readonly session = this.intake.session;
  private readonly timeline = new TimelineViewModel(this.session);
  private readonly listeners = new Set<Listener>();
  private readonly diagnose: Diagnose;
  private readonly schedule: Schedule;
  private readonly now: () => number;
  private source: StoreSource;
  private link: LinkStatus;
  private preserveLog = false;
  private findings: readonly Finding[] = [];
  private ui: PanelUiState;
  private revision = 0;
  private snapshot: PanelSnapshot | undefined;
  /** A flush is scheduled for the next frame. */
  private flushPending = false;
  /** Changed since the listeners were last told. */
  private dirty = false;
  /** Events arrived (or the clock or profile changed) since the diagnostics last ran. */
  private findingsStale = false;

  constructor(options: PanelStoreOptions) {
    this.source = options.source;
    this.diagnose = options.diagnose ?? defaultDiagnose;
    this.schedule = options.schedule ?? defaultSchedule;
    this.now = options.now ?? Date.now;
    this.link = options.source.type === 'live' ? 'connecting' : 'connected';
    this.ui = initialUi(options.theme ?? 'light', options.profile ?? 'browser');
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
        dropped: this.intake.dropped(),
        timeOrigin: this.intake.timeOrigin,
        ui: this.ui,
      };
    }
    return this.snapshot;
  }

  /** The seq of the newest event held: what a (re)subscription asks to continue after. */
  lastEventSeq(): number {
    return this.intake.lastSeq;
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
    const { events, cleared } = this.intake.fresh(message);
    if (cleared) this.clearViews();
    this.append(events);
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
    this.intake.forgetBackground();
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
    this.runPending(false);
  }

  setTimeMode(timeMode: TimeMode): void {
    this.updateUi({ timeMode });
  }

  setSearchText(text: string): void {
    this.updateUi({ text });
  }

  /** Shows only `group` (or, with `additive`, toggles it in the set); `undefined` shows every group. */
  toggleKindGroup(group: KindGroup | undefined, additive = false): void {
    this.updateUi({ groups: nextKindGroups(this.ui.groups, group, additive) });
  }

  setInstanceFilter(instanceId: string | undefined): void {
    this.updateUi({ instanceId });
  }

  resetFilters(): void {
    this.updateUi(NO_FILTERS);
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
    const index = this.intake.indexOfSeq(seq);
    if (index === undefined) return;
    const visible = this.timeline.passes(index, filterOf(this.ui));
    const filters = visible ? {} : NO_FILTERS;
    const expandedGroups = new Set(this.ui.expandedGroups);
    const groupKey = this.timeline.groupKeyContaining(index, visible ? filterOf(this.ui) : {});
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
    return this.timeline.view(this.ui);
  }

  eventBySeq(seq: number | undefined): NimEvent | undefined {
    if (seq === undefined) return undefined;
    const index = this.intake.indexOfSeq(seq);
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
    this.runPending(false);
  }

  // ── internals ───────────────────────────────────────────────────────────

  /**
   * The one place pending work runs: the diagnostics if events arrived, then the listeners if anything changed.
   * `paintFirst` (a scheduled frame): new events are painted first and their findings come a frame later, since
   * over a long session (a late-opened panel) the first diagnostics run is the largest part of the first render.
   */
  private runPending(paintFirst: boolean): void {
    this.flushPending = false;
    if (paintFirst && this.dirty && this.findingsStale) {
      this.notify();
      this.scheduleFlush();
      return;
    }
    if (this.findingsStale) this.updateFindings();
    if (this.dirty) this.notify();
  }

  private updateFindings(): void {
    this.findingsStale = false;
    const now = this.source.type === 'live' ? this.now() : undefined;
    const findings = this.diagnose(this.session, now, this.ui.profile);
    if (sameFindings(findings, this.findings)) return;
    this.findings = findings;
    this.revision++;
    this.snapshot = undefined;
    this.dirty = true;
  }

  private append(events: readonly NimEvent[]): void {
    if (events.length === 0) return;
    const before = this.ui.followLive ? 0 : this.matchCount();
    this.intake.add(events);
    this.findingsStale = true;
    if (!this.ui.followLive) {
      const unseen = this.ui.unseen + Math.max(0, this.matchCount() - before);
      this.ui = { ...this.ui, unseen };
    }
  }

  private matchCount(): number {
    return this.timeline.matchCount(filterOf(this.ui));
  }

  private clearEvents(): void {
    this.intake.clear();
    this.clearViews();
  }

  /** What was derived from the events, and the selection among them, after the session was emptied. */
  private clearViews(): void {
    this.findings = [];
    this.findingsStale = false;
    this.timeline.reset();
    this.ui = { ...this.ui, selectedSeq: undefined, detailOpen: false, unseen: 0, expandedGroups: new Set() };
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
    if (immediate) this.notify();
    else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    this.schedule(() => {
      if (this.flushPending) this.runPending(true);
    });
  }

  private notify(): void {
    this.dirty = false;
    for (const listener of [...this.listeners]) listener();
  }
}

function defaultSchedule(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}
