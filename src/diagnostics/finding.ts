/** Building findings the same way in every rule. */
import type { DocLink, Finding, Localized, Rule, Severity } from './types';

/** An event as evidence: an event itself, or `{seq, t}` from a session record. */
export interface EvidenceRef {
  seq: number;
  t: number;
}

export interface FindingInput {
  /** The events that prove it. */
  evidence: readonly EvidenceRef[];
  /** The event that dates and keys the finding; the first evidence by default. */
  anchor?: EvidenceRef;
  detail: Localized;
  instanceId?: string;
  socketId?: string;
  /** Defaults to the rule's. */
  severity?: Severity;
  title?: Localized;
  doc?: DocLink;
}

/** Findings list at most this many evidence seqs: the first ones prove it, a storm can have thousands. */
export const MAX_EVIDENCE = 100;

export function makeFinding(rule: Pick<Rule, 'id' | 'severity' | 'title' | 'doc'>, input: FindingInput): Finding {
  const evidence = [...input.evidence].sort((a, b) => a.seq - b.seq).slice(0, MAX_EVIDENCE);
  const first = input.anchor ?? evidence[0];
  const doc = input.doc ?? rule.doc;
  const finding: Finding = {
    rule: rule.id,
    key: [rule.id, first?.seq ?? '', input.instanceId ?? '', input.socketId ?? ''].join(':'),
    severity: input.severity ?? rule.severity,
    evidence: evidence.map((event) => event.seq),
    t: first?.t ?? 0,
    title: input.title ?? rule.title,
    detail: input.detail,
  };
  if (input.instanceId !== undefined) finding.instanceId = input.instanceId;
  if (input.socketId !== undefined) finding.socketId = input.socketId;
  if (doc) {
    finding.docUrl = doc.url;
    if (doc.topic) finding.docTopic = doc.topic;
  }
  return finding;
}

/** `850 ms`, `2.4 s`: the same in both languages (the units read naturally in Chinese technical text). */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** How a finding names an instance: its account when known. */
export function describeInstance(instanceId: string, account: string | undefined): string {
  return account === undefined ? instanceId : `${instanceId} (${account})`;
}
