/** Test helper: the findings of one rule over a builder's events. */
import type { NimEvent } from '../model/events';
import { type DiagnosticsOptions, runDiagnostics } from './engine';
import type { Finding, RuleId } from './types';

export function findingsOf(events: readonly NimEvent[], rule: RuleId, options?: DiagnosticsOptions): Finding[] {
  return runDiagnostics(events, options).filter((finding) => finding.rule === rule);
}
