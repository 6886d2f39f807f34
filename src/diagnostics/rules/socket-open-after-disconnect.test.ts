import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { sdkAppDisconnect, sdkKicked, sdkLogin, sdkLoginRefused } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';
import { CLOSE_GRACE_MS, DONE_GRACE_MS } from './socket-open-after-disconnect';

const RULE = 'socket-open-after-disconnect';

function connected() {
  const b = eventBuilder();
  b.pageNavigate('https://app.test/', { doc: 'd1' });
  const create = b.events.length + 2; // seq of the ws.create inside sdkLogin
  sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
  b.wait(10_000);
  return { b, createSeq: create };
}

describe('socket-open-after-disconnect', () => {
  it('stays silent on the SDK’s own disconnect and destroy, whichever comes first of done and close', () => {
    for (const doneBeforeClose of [false, true]) {
      for (const method of ['disconnect', 'destroy', 'logout'] as const) {
        const { b } = connected();
        sdkAppDisconnect(b, 'i1', 's1', { method, doneBeforeClose });
        expect(findingsOf(b.events, RULE, { now: b.t + 60_000 })).toEqual([]);
      }
    }
  });

  it('stays silent when a kicked or refused login’s socket closes right after ondisconnect', () => {
    const { b } = connected();
    sdkKicked(b, 'i1', 's1');
    sdkLoginRefused(b, { instanceId: 'i2', socketId: 's2', account: 'bob', code: 302 });
    expect(findingsOf(b.events, RULE, { now: b.t + 60_000 })).toEqual([]);
  });

  it('flags a socket that never closed once the grace has passed, measured against `now`', () => {
    const { b, createSeq } = connected();
    const call = b.sdkCall('i1', 'disconnect');
    const ondisconnect = b.wait(6).sdkDisconnect('i1', { code: 'logout', willReconnect: false });
    b.wait(2).sdkDone(call);
    expect(findingsOf(b.events, RULE, { now: call.t + CLOSE_GRACE_MS - 1 })).toEqual([]);

    const [finding, ...more] = findingsOf(b.events, RULE, { now: call.t + 5_000 });
    expect(more).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'error',
      instanceId: 'i1',
      socketId: 's1',
      evidence: [createSeq, call.seq],
    });
    expect(finding?.detail.en).toContain('still open 5.0 s after disconnect()');
    expect(finding?.detail.zh).toContain('仍未关闭');
    expect(finding?.evidence).not.toContain(ondisconnect.seq);
  });

  it('measures a late close and keeps the same key as while it was open', () => {
    const { b, createSeq } = connected();
    const call = b.sdkCall('i1', 'destroy');
    b.wait(6).sdkDisconnect('i1', { code: 'logout', willReconnect: false });
    b.wait(1).sdkDone(call);
    const whileOpen = findingsOf(b.events, RULE, { now: call.t + 2_400 });
    const close = b.wait(2_500).wsClose('s1');
    const [finding] = findingsOf(b.events, RULE);
    expect(finding).toMatchObject({ severity: 'warning', evidence: [createSeq, call.seq, close.seq] });
    expect(finding?.detail.en).toContain('closed only 2.5 s after destroy()');
    expect(finding?.key).toBe(whileOpen[0]?.key);
  });

  it('flags a socket still open after a final ondisconnect the app did not ask for', () => {
    const { b } = connected();
    const kicked = b.sdkDisconnect('i1', { code: 'kicked', reason: 'samePlatformKick', willReconnect: false });
    const [finding] = findingsOf(b.events, RULE, { now: kicked.t + 3_000 });
    expect(finding?.detail.en).toContain('after ondisconnect (kicked)');
  });

  it('reports one finding per socket when both the call and ondisconnect let go of it', () => {
    const { b } = connected();
    b.sdkCall('i1', 'disconnect');
    b.wait(6).sdkDisconnect('i1', { code: 'logout', willReconnect: false });
    const sockets = findingsOf(b.events, RULE, { now: b.t + 10_000 }).filter((f) => f.socketId === 's1');
    expect(sockets).toHaveLength(1);
  });

  it('flags a done that never came, and one that came late', () => {
    const { b } = connected();
    const call = b.sdkCall('i1', 'disconnect');
    b.wait(6).sdkDisconnect('i1', { code: 'logout', willReconnect: false });
    b.wait(3).wsClose('s1');
    const [missing] = findingsOf(b.events, RULE, { now: call.t + DONE_GRACE_MS + 500 });
    expect(missing).toMatchObject({ evidence: [call.seq], instanceId: 'i1' });
    expect(missing?.detail.en).toContain('has not come 2.5 s after the call');

    const done = b.wait(4_000).sdkDone(call);
    const [late] = findingsOf(b.events, RULE);
    expect(late).toMatchObject({ evidence: [call.seq, done.seq], key: missing?.key });
    expect(late?.detail.en).toContain('came only 4.0 s after the call');
  });

  it('flags a socket the page left open until it navigated, but not a navigation within the grace', () => {
    const { b } = connected();
    b.sdkCall('i1', 'disconnect');
    b.wait(100).pageNavigate('https://app.test/next', { doc: 'd2' });
    expect(findingsOf(b.events, RULE, { now: b.t + 60_000 })).toEqual([]);

    const late = connected();
    late.b.sdkCall('i1', 'disconnect');
    const navigation = late.b.wait(3_000).pageNavigate('https://app.test/next', { doc: 'd2' });
    const [finding] = findingsOf(late.b.events, RULE, { now: late.b.t + 60_000 });
    expect(finding?.evidence).toContain(navigation.seq);
    expect(finding?.detail.en).toContain('when the page navigated away');
  });
});
