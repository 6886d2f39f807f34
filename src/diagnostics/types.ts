/**
 * Diagnostics: rules that read the session's events and name, with evidence, what a NIM developer gets wrong.
 */
import type { NimEvent } from '../model/events';
import type { DocLink, Localized, Severity } from '../nim/types';
import type { SessionState } from '../session/types';

export type { DocLink, Localized, Severity } from '../nim/types';

/** The platform whose WebSocket budget `socket-budget` checks against. */
export type PlatformProfile = 'browser' | 'wechat-miniprogram' | 'uniapp';

export const PLATFORM_PROFILES: readonly PlatformProfile[] = ['browser', 'wechat-miniprogram', 'uniapp'];

export type RuleId =
  | 'socket-open-after-disconnect'
  | 'call-before-destroy-done'
  | 'socket-budget'
  | 'reconnect-storm'
  | 'connect-in-callback'
  | 'reconnect-after-kick'
  | 'all-attempts-failed-then-reconnect'
  | 'silent-option-change'
  | 'two-tabs-kicking'
  | 'disconnect-code'
  | 'unexpected-login';

export interface Finding {
  rule: RuleId;
  /** Stable across re-runs over a growing session: usable as a list key. */
  key: string;
  severity: Severity;
  instanceId?: string;
  socketId?: string;
  /** Seqs of the events that prove it, oldest first. */
  evidence: number[];
  /** Time of the first evidence (ms since the epoch), for ordering. */
  t: number;
  title: Localized;
  detail: Localized;
  docUrl?: string;
  /** Set when `docUrl` is the docs home: the page to look for there. */
  docTopic?: Localized;
}

export interface FindingContext {
  /** The time open-ended checks measure against ("still open after N ms"). */
  now: number;
  profile: PlatformProfile;
}

/**
 * A rule's state over one session. `observe` is called once per event, in order, after the event was
 * applied to `session` (so the session shows the state right after it); `findings` may be called any time.
 */
export interface RuleAnalyzer {
  observe(event: NimEvent, session: SessionState): void;
  findings(context: FindingContext): Finding[];
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  title: Localized;
  explanation: Localized;
  doc?: DocLink;
  createAnalyzer(): RuleAnalyzer;
}
