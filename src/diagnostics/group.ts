/**
 * Findings grouped for reading: one group per rule and instance, however often it fired. A reconnect loop
 * that drops 80 times is one row that says "80 times, from … to …" with its evidence, not 80 identical rows.
 * A rule whose title names what it found (`disconnect-code`: "Disconnected 302: …") gets a group per title,
 * so that a 302 and a later `kicked` of one instance are not hidden in one row.
 * The findings themselves stay one per occurrence (the fixture and the Markdown summary count them).
 */
import { MAX_EVIDENCE } from './finding';
import type { Finding, RuleId, Severity } from './types';

export interface FindingGroup {
  /** Rule, instance and title: stable while the session grows, usable as a list key. */
  key: string;
  rule: RuleId;
  instanceId?: string;
  /** The worst of its findings. */
  severity: Severity;
  count: number;
  /** The first and the latest occurrence (the same finding when it fired once). */
  first: Finding;
  last: Finding;
  /** Every occurrence's evidence, oldest first, without repeats, at most `MAX_EVIDENCE` seqs. */
  evidence: number[];
  /** Evidence seqs left out of `evidence`. */
  moreEvidence: number;
}

/** Worst first. */
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Groups in the order of their first finding; `findings` oldest first, as the engine returns them. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, { findings: Finding[]; evidence: Set<number> }>();
  for (const finding of findings) {
    const key = `${finding.rule}:${finding.instanceId ?? ''}:${finding.title.en}`;
    let group = groups.get(key);
    if (!group) {
      group = { findings: [], evidence: new Set() };
      groups.set(key, group);
    }
    group.findings.push(finding);
    for (const seq of finding.evidence) group.evidence.add(seq);
  }
  return [...groups].map(([key, group]) => {
    const first = group.findings[0] as Finding;
    const evidence = [...group.evidence].sort((a, b) => a - b);
    const result: FindingGroup = {
      key,
      rule: first.rule,
      severity: group.findings.reduce<Severity>(
        (worst, finding) => (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[worst] ? finding.severity : worst),
        first.severity,
      ),
      count: group.findings.length,
      first,
      last: group.findings[group.findings.length - 1] as Finding,
      evidence: evidence.slice(0, MAX_EVIDENCE),
      moreEvidence: Math.max(0, evidence.length - MAX_EVIDENCE),
    };
    if (first.instanceId !== undefined) result.instanceId = first.instanceId;
    return result;
  });
}

/** Worst first, then oldest first: what the Diagnostics view lists. */
export function sortGroups(groups: readonly FindingGroup[]): FindingGroup[] {
  return [...groups].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.first.t - b.first.t);
}
