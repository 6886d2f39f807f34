/**
 * What the fixture's assertions check, as pure functions of the session model and the diagnostics: the same
 * code the panel runs, so a test fails for exactly the reasons the panel would show.
 */
import type { Finding, RuleId, Severity } from '../../src/diagnostics/types';
import type { InstanceRecord, SessionState, SocketRecord } from '../../src/session/types';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The instance a test means by an account: the latest one created for it (a reload or re-login makes a new one). */
export function latestInstanceOf(session: SessionState, account: string): InstanceRecord | undefined {
  let latest: InstanceRecord | undefined;
  for (const instance of session.instances.values()) if (instance.account === account) latest = instance;
  return latest;
}

/** The instances of the tab's current document (the only ones the page's fault injection can reach). */
export function currentInstancesOf(session: SessionState, account: string): InstanceRecord[] {
  const current = session.documents.length - 1;
  return [...session.instances.values()].filter(
    (instance) => instance.account === account && instance.documentIndex === current && instance.state !== 'destroyed',
  );
}

export interface Lingering {
  /** Sockets their instance let go of that have not closed yet. */
  closing: SocketRecord[];
  /** `socket-open-after-disconnect` findings about sockets (closed late, or never). */
  findings: Finding[];
}

export function lingeringSockets(session: SessionState, findings: readonly Finding[]): Lingering {
  return {
    closing: [...session.sockets.values()].filter((socket) => socket.state === 'closing'),
    findings: findings.filter((f) => f.rule === 'socket-open-after-disconnect' && f.socketId !== undefined),
  };
}

export interface FindingFilter {
  /** Only these rules (all by default). */
  rules?: readonly RuleId[];
  /** The least severity that counts: `warning` by default (errors and warnings). */
  severity?: Severity;
}

export function selectFindings(findings: readonly Finding[], filter: FindingFilter = {}): Finding[] {
  const least = SEVERITY_RANK[filter.severity ?? 'warning'];
  return findings.filter(
    (f) => SEVERITY_RANK[f.severity] >= least && (filter.rules === undefined || filter.rules.includes(f.rule)),
  );
}

/** One line per finding, as a failing assertion prints it: `error reconnect-after-kick: <detail> (seq 12, 15)`. */
export function describeFinding(finding: Finding): string {
  return `${finding.severity} ${finding.rule}: ${finding.detail.en} (seq ${finding.evidence.join(', ')})`;
}

export function describeSocket(socket: SocketRecord): string {
  const owner = socket.instanceId === undefined ? 'no instance' : `instance ${socket.instanceId}`;
  return `socket ${socket.id} (${socket.url}, ${owner}) is ${socket.state}`;
}
