/**
 * Runs the rules over a session, incrementally: every event is seen once by every rule, so re-running on
 * each batch costs O(batch) plus the findings themselves, however long the session grows.
 *
 * The engine follows the events with its own session (`applyEvent` per event) so that each rule sees the
 * state right after each event — the panel's session only shows the end of a batch.
 */
import type { NimEvent } from '../model/events';
import { applyEvent, createSession } from '../session/reducer';
import type { SessionState } from '../session/types';
import { RULES } from './rules';
import type { Finding, PlatformProfile, Rule, RuleAnalyzer } from './types';

export interface DiagnosticsOptions {
  /** The time open-ended checks measure against; the last event's time by default. */
  now?: number;
  /** `browser` by default. */
  profile?: PlatformProfile;
}

export class DiagnosticsEngine {
  /** The engine's own copy of the session, at the last observed event. */
  readonly session: SessionState = createSession();
  private readonly analyzers: RuleAnalyzer[];
  private lastEvent: NimEvent | undefined;

  constructor(rules: readonly Rule[] = RULES) {
    this.analyzers = rules.map((rule) => rule.createAnalyzer());
  }

  /** How many events it has seen. */
  get observed(): number {
    return this.session.events.length;
  }

  observe(events: readonly NimEvent[]): void {
    for (const event of events) {
      applyEvent(this.session, event);
      for (const analyzer of this.analyzers) analyzer.observe(event, this.session);
      this.lastEvent = event;
    }
  }

  /** Findings, oldest first. */
  findings(options: DiagnosticsOptions = {}): Finding[] {
    const context = { now: options.now ?? this.lastEvent?.t ?? 0, profile: options.profile ?? 'browser' };
    const all = this.analyzers.flatMap((analyzer) => analyzer.findings(context));
    return all.sort((a, b) => a.t - b.t || a.key.localeCompare(b.key));
  }

  /** True when `events` starts with exactly what this engine has seen (so it can go on from there). */
  continues(events: readonly NimEvent[]): boolean {
    const seen = this.observed;
    return events.length >= seen && (seen === 0 || events[seen - 1] === this.lastEvent);
  }
}

/** One engine per events array: the panel's session (its `events` is replaced on reset) or a recording's. */
const engines = new WeakMap<readonly NimEvent[], DiagnosticsEngine>();

/**
 * Diagnostics for a session or an array of events. Repeated calls on the same session (or the same growing
 * array) only feed the events added since the previous call.
 */
export function runDiagnostics(input: readonly NimEvent[] | SessionState, options: DiagnosticsOptions = {}): Finding[] {
  const events = Array.isArray(input) ? (input as readonly NimEvent[]) : (input as SessionState).events;
  let engine = engines.get(events);
  if (!engine?.continues(events)) {
    engine = new DiagnosticsEngine();
    engines.set(events, engine);
  }
  engine.observe(events.slice(engine.observed));
  return engine.findings(options);
}
