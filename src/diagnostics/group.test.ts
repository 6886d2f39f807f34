import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../session/test-events';
import { sdkLogin, sdkSyncErrorThenReconnect } from '../session/test-sdk-sequences';
import { runDiagnostics } from './engine';
import { MAX_EVIDENCE } from './finding';
import { type FindingGroup, groupFindings, sortGroups } from './group';
import type { Finding } from './types';

/** Five accounts whose connection is lost during every sync, `drops` times each: a reconnect storm. */
function storm(drops: number) {
  const b = eventBuilder();
  for (let a = 0; a < 5; a++) sdkLogin(b, { instanceId: `i${a}`, socketId: `s${a}-0`, account: `user${a}` });
  for (let n = 0; n < drops; n++) {
    for (let a = 0; a < 5; a++) sdkSyncErrorThenReconnect(b.wait(300), `i${a}`, `s${a}-${n}`, `s${a}-${n + 1}`);
  }
  b.sdkDisconnect('i0', { code: 302, willReconnect: false });
  return runDiagnostics(b.take());
}

describe('groupFindings', () => {
  it('makes one group per rule, instance and title, with its count, first and latest occurrence', () => {
    const findings = storm(16);
    const syncErrors = findings.filter((finding) => finding.title.en.includes('Sync_Error'));
    expect(syncErrors).toHaveLength(80);

    const groups = groupFindings(findings);
    const disconnects = groups.filter((group) => group.rule === 'disconnect-code');
    // Five accounts' Sync_Error, and user0's later 302 on a row of its own.
    expect(disconnects).toHaveLength(6);
    const user0 = disconnects.filter((group) => group.instanceId === 'i0');
    expect(user0.map((group) => group.count)).toEqual([16, 1]);
    const [sync] = user0 as [(typeof user0)[0]];
    const own = syncErrors.filter((finding) => finding.instanceId === 'i0');
    expect(sync.first).toBe(own[0]);
    expect(sync.last).toBe(own[own.length - 1]);
    expect(sync.evidence).toEqual(own.flatMap((finding) => finding.evidence).sort((a, b) => a - b));
    expect(sync.moreEvidence).toBe(0);
    // Every finding is in exactly one group.
    expect(groups.reduce((total, group) => total + group.count, 0)).toBe(findings.length);
  });

  it('takes the worst severity of its findings, and caps the evidence it lists', () => {
    const base: Finding = {
      rule: 'socket-budget',
      key: 'k',
      severity: 'info',
      evidence: [],
      t: 0,
      title: { en: 'Too many sockets', zh: '连接过多' },
      detail: { en: 'd', zh: 'd' },
    };
    const findings = Array.from(
      { length: 60 },
      (_, i): Finding => ({
        ...base,
        key: `k${i}`,
        t: i,
        severity: i === 30 ? 'error' : 'info',
        evidence: [i * 2 + 1, i * 2 + 2, i * 2 + 1],
      }),
    );
    const [group] = groupFindings(findings);
    expect(group).toMatchObject({ count: 60, severity: 'error', moreEvidence: 120 - MAX_EVIDENCE });
    expect(group?.evidence).toEqual(Array.from({ length: MAX_EVIDENCE }, (_, i) => i + 1));
    expect(group?.instanceId).toBeUndefined();
  });

  it('sorts the worst first, then by first occurrence', () => {
    const groups = sortGroups(groupFindings(storm(2)));
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < groups.length; i++) {
      const [before, after] = [groups[i - 1], groups[i]] as [FindingGroup, FindingGroup];
      const order = rank[before.severity] - rank[after.severity] || before.first.t - after.first.t;
      expect(order).toBeLessThanOrEqual(0);
    }
    expect(groups[0]?.severity).toBe('error');
  });
});
