import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../src/diagnostics/engine';
import type { Finding } from '../../src/diagnostics/types';
import { applyEvents, createSession } from '../../src/session/reducer';
import { eventBuilder } from '../../src/session/test-events';
import { sdkAppDisconnect, sdkKicked, sdkLogin } from '../../src/session/test-sdk-sequences';
import {
  currentInstancesOf,
  describeFinding,
  describeSocket,
  latestInstanceOf,
  lingeringSockets,
  selectFindings,
} from './checks';

describe('latestInstanceOf / currentInstancesOf', () => {
  it('means the latest instance of an account, and only live ones of the current document for faults', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.test/', { doc: 'aaaa' });
    sdkLogin(b, { instanceId: 'aaaa-i1', socketId: 'aaaa-s1', account: 'alice' });
    b.pageNavigate('https://app.test/', { doc: 'bbbb' });
    sdkLogin(b, { instanceId: 'bbbb-i1', socketId: 'bbbb-s1', account: 'alice' });
    sdkLogin(b, { instanceId: 'bbbb-i2', socketId: 'bbbb-s2', account: 'bob' });
    b.sdkCall('bbbb-i2', 'destroy');
    const session = createSession();
    applyEvents(session, b.take());

    expect(latestInstanceOf(session, 'alice')?.id).toBe('bbbb-i1');
    expect(latestInstanceOf(session, 'carol')).toBeUndefined();
    expect(currentInstancesOf(session, 'alice').map((i) => i.id)).toEqual(['bbbb-i1']);
    expect(currentInstancesOf(session, 'bob')).toEqual([]);
  });
});

describe('lingeringSockets', () => {
  it('lists sockets let go of but still open, and the findings about sockets closed late or never', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.sdkCall('i1', 'disconnect');
    const session = createSession();
    applyEvents(session, b.take());
    const findings = runDiagnostics(session.events, { now: b.t + 5000 });

    const lingering = lingeringSockets(session, findings);
    expect(lingering.closing.map((s) => s.id)).toEqual(['s1']);
    expect(lingering.findings.map((f) => [f.rule, f.socketId])).toEqual([['socket-open-after-disconnect', 's1']]);
    expect(describeSocket(lingering.closing[0] as never)).toMatch(/^socket s1 \(ws:\/\/.*, instance i1\) is closing$/);
  });

  it('is empty for a disconnect that closes its socket as the real SDK does', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkAppDisconnect(b, 'i1', 's1');
    const session = createSession();
    applyEvents(session, b.take());
    expect(lingeringSockets(session, runDiagnostics(session.events, { now: b.t + 60_000 }))).toEqual({
      closing: [],
      findings: [],
    });
  });
});

describe('selectFindings / describeFinding', () => {
  const finding = (rule: Finding['rule'], severity: Finding['severity']): Finding => ({
    rule,
    severity,
    key: rule,
    evidence: [3, 5],
    t: 0,
    title: { en: 't', zh: 't' },
    detail: { en: `${rule} detail`, zh: '' },
  });
  const all = [
    finding('disconnect-code', 'info'),
    finding('reconnect-storm', 'error'),
    finding('silent-option-change', 'warning'),
  ];

  it('keeps warnings and errors by default, or what the filter names', () => {
    expect(selectFindings(all).map((f) => f.rule)).toEqual(['reconnect-storm', 'silent-option-change']);
    expect(selectFindings(all, { severity: 'error' }).map((f) => f.rule)).toEqual(['reconnect-storm']);
    expect(selectFindings(all, { severity: 'info', rules: ['disconnect-code'] }).map((f) => f.rule)).toEqual([
      'disconnect-code',
    ]);
  });

  it('prints a finding as one line with its evidence', () => {
    expect(describeFinding(all[1] as Finding)).toBe('error reconnect-storm: reconnect-storm detail (seq 3, 5)');
  });

  it('sees a reconnect after a kick the way the panel does', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkKicked(b, 'i1', 's1');
    b.wait(10).sdkCall('i1', 'connect');
    const kicked = selectFindings(runDiagnostics(b.take()), { rules: ['reconnect-after-kick'], severity: 'info' });
    expect(kicked.map((f) => f.rule)).toEqual(['reconnect-after-kick']);
  });
});
