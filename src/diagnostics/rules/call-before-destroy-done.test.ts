import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import {
  sdkAppDisconnect,
  sdkDroppedByServer,
  sdkLogin,
  sdkReleaseWhileWaiting,
} from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';

const RULE = 'call-before-destroy-done';

function connected() {
  const b = eventBuilder();
  b.pageNavigate('https://app.test/', { doc: 'd1' });
  sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
  b.wait(1_000);
  return b;
}

describe('call-before-destroy-done', () => {
  it('stays silent when the app waits for destroy’s done', () => {
    const b = connected();
    sdkAppDisconnect(b, 'i1', 's1', { method: 'destroy' });
    sdkLogin(b, { instanceId: 'i2', socketId: 's2', account: 'alice' });
    b.wait(10).pageNavigate('https://app.test/next', { doc: 'd2' });

    const waiting = connected();
    sdkDroppedByServer(waiting, 'i1', 's1');
    sdkReleaseWhileWaiting(waiting, 'i1', 'destroy');
    sdkLogin(waiting, { instanceId: 'i2', socketId: 's2', account: 'alice' });
    expect(findingsOf(b.events, RULE)).toEqual([]);
    expect(findingsOf(waiting.events, RULE)).toEqual([]);
  });

  it('flags switching to another account before done: both connections live at once', () => {
    const b = connected();
    const destroy = b.sdkCall('i1', 'destroy');
    const next = b.wait(1).sdkGetInstance('i2', { account: 'bob' });
    const [finding, ...more] = findingsOf(b.events, RULE);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ instanceId: 'i1', evidence: [destroy.seq, next.seq] });
    expect(finding?.detail.en).toContain('Switching to account bob (getInstance) (seq');
  });

  it('flags getInstance for the same account before done, as NetEase’s demos do', () => {
    const b = connected();
    const destroy = b.sdkCall('i1', 'destroy');
    const again = b.wait(1).sdkGetInstance('i2', { account: 'alice' });
    b.wait(6).sdkDone(destroy);
    const [finding, ...more] = findingsOf(b.events, RULE);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ instanceId: 'i1', evidence: [destroy.seq, again.seq], severity: 'warning' });
    expect(finding?.detail.en).toContain('GetInstance for account alice (seq');
    expect(finding?.detail.zh).toContain('done 回调');
  });

  it('flags connect() on the instance being destroyed, and a navigation before done', () => {
    const b = connected();
    const destroy = b.sdkCall('i1', 'destroy');
    const connect = b.wait(2).sdkCall('i1', 'connect');
    const navigation = b.wait(2).pageNavigate('https://app.test/next', { doc: 'd2' });
    const findings = findingsOf(b.events, RULE);
    expect(findings.map((f) => f.evidence)).toEqual([
      [destroy.seq, connect.seq],
      [destroy.seq, navigation.seq],
    ]);
  });
});
