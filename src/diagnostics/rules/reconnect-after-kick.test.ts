import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { sdkKicked, sdkLogin, sdkLoginRefused } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';
import { KICK_RELOGIN_WINDOW_MS } from './reconnect-after-kick';

const RULE = 'reconnect-after-kick';

function kicked() {
  const b = eventBuilder();
  sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
  const kick = b.wait(5_000).sdkDisconnect('i1', { code: 'kicked', reason: 'samePlatformKick', from: 'Web' });
  b.wait(3).wsClose('s1');
  return { b, kick };
}

describe('reconnect-after-kick', () => {
  it('stays silent when the app stops after a kick, or the user signs in again later', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkKicked(b, 'i1', 's1');
    expect(findingsOf(b.events, RULE)).toEqual([]);

    b.wait(KICK_RELOGIN_WINDOW_MS + 25_000).sdkCall('i1', 'connect');
    b.wait(5).wsCreate('s2');
    b.wait(40).sdkConnect('i1');
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });

  it('flags the app re-creating an instance for the kicked account at once', () => {
    const { b, kick } = kicked();
    const destroy = b.wait(10).sdkCall('i1', 'destroy');
    b.wait(7).sdkDone(destroy);
    const again = b.wait(1).sdkGetInstance('i2', { account: 'alice' });
    b.wait(5).wsCreate('s2');
    const [finding, ...more] = findingsOf(b.events, RULE);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', instanceId: 'i1', evidence: [kick.seq, again.seq] });
    expect(finding?.detail.en).toContain('the app called getInstance()');
  });

  it('flags the SDK reconnecting a kicked instance by itself, at any time', () => {
    const { b, kick } = kicked();
    const retry = b.wait(60_000).sdkWillReconnect('i1', 1, 1600);
    const [finding] = findingsOf(b.events, RULE);
    expect(finding?.evidence).toEqual([kick.seq, retry.seq]);
    expect(finding?.detail.zh).toContain('SDK 自行发起了重连');
  });

  it('flags a v10 app calling login() again right after onKickedOffline', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { api: 'v2' });
    b.wait(10).sdkCall('i1', 'login', { account: 'alice' });
    b.wait(5).wsCreate('s1');
    b.wait(40).sdkConnect('i1');
    const kick = b
      .wait(5_000)
      .sdkDisconnect('i1', { code: 'kicked', reason: 'CLIENT_EXCLUSIVE', event: 'onKickedOffline' });
    const again = b.wait(200).sdkCall('i1', 'login', { account: 'alice' });
    const [finding] = findingsOf(b.events, RULE);
    expect(finding?.evidence).toEqual([kick.seq, again.seq]);
    expect(finding?.detail.en).toContain('the app called login()');
  });

  it('flags connect() right after a 417 duplicate login, once', () => {
    const b = eventBuilder();
    const refused = sdkLoginRefused(b, { instanceId: 'i1', socketId: 's1', account: 'alice', code: 417 });
    const connect = b.wait(100).sdkCall('i1', 'connect');
    b.wait(2).wsCreate('s2');
    b.wait(100).sdkCall('i1', 'connect');
    expect(findingsOf(b.events, RULE).map((f) => f.evidence)).toEqual([[refused.seq, connect.seq]]);
  });
});
