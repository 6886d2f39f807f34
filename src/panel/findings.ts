/** The panel's diagnostics: how it runs them, and when new findings are worth a re-render. */
import { runDiagnostics } from '../diagnostics/engine';
import type { Finding, PlatformProfile } from '../diagnostics/types';
import type { SessionState } from '../session/types';

/**
 * Diagnostics over the session; the store calls it at most once per frame and on `refreshFindings`.
 * `now` is the wall clock for a live tab, undefined for a recording (its last event's time is its now).
 */
export type Diagnose = (session: SessionState, now: number | undefined, profile: PlatformProfile) => Finding[];

/** Incremental: `runDiagnostics` only feeds the events added since its previous call on the same session. */
export const defaultDiagnose: Diagnose = (session, now, profile) =>
  runDiagnostics(session, now === undefined ? { profile } : { now, profile });

/** Findings are rebuilt on every run; only a real difference is worth a re-render. */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
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
