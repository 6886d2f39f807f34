import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { sdkDroppedByServer, sdkLogin, sdkRefusedAttempt } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';

const RULE = 'all-attempts-failed-then-reconnect';

/** `reconnectionAttempts: 2`, sockets accepted then closed: the SDK says it gave up. */
function gaveUp() {
  const b = eventBuilder();
  sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
  sdkDroppedByServer(b, 'i1', 's1');
  b.wsCreate('s2');
  b.wait(3).wsOpen('s2');
  b.wait(20).wsClose('s2', 1006, '', false);
  const failed = b.wait(1).sdkDisconnect('i1', { code: 'allAttemptsFailed', willReconnect: false });
  return { b, failed };
}

describe('all-attempts-failed-then-reconnect', () => {
  it('flags the SDK reconnecting after allAttemptsFailed (the 9.21 bug)', () => {
    const { b, failed } = gaveUp();
    const retry = b.wait(1).sdkWillReconnect('i1', 3, 6400);
    const [finding, ...more] = findingsOf(b.events, RULE);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ instanceId: 'i1', evidence: [failed.seq, retry.seq], severity: 'warning' });
  });

  it('flags a new socket of the instance even without an onwillreconnect', () => {
    const { b, failed } = gaveUp();
    const socket = b.wait(6400).wsCreate('s3');
    expect(findingsOf(b.events, RULE)[0]?.evidence).toEqual([failed.seq, socket.seq]);
  });

  it('stays silent when the SDK really stops, or when the app asks to connect again', () => {
    const stopped = gaveUp();
    expect(findingsOf(stopped.b.events, RULE)).toEqual([]);

    const retried = gaveUp();
    retried.b.wait(5_000).sdkCall('i1', 'connect');
    retried.b.wait(2).wsCreate('s3');
    expect(findingsOf(retried.b.events, RULE)).toEqual([]);

    const refused = eventBuilder();
    refused.sdkGetInstance('i1', { account: 'alice' });
    sdkRefusedAttempt(refused, 'i1', 's1', 1);
    refused.sdkDisconnect('i1', { code: 'initConnectFail', willReconnect: false });
    expect(findingsOf(refused.events, RULE)).toEqual([]);
  });
});
