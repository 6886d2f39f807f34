import { describe, expect, it } from 'vitest';
import type { EventBuilder } from '../../session/test-events';
import { eventBuilder } from '../../session/test-events';
import { sdkDroppedByServer, sdkLogin, sdkReconnected, sdkRefusedAttempt } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';
import { STORM_MIN_ATTEMPTS, STORM_WINDOW_MS } from './reconnect-storm';

const RULE = 'reconnect-storm';

/** The app's classic loop: in ondisconnect, destroy and create a new instance at once. */
function recreateLoop(b: EventBuilder, times: number, everyMs: number): void {
  for (let n = 1; n <= times; n++) {
    const instanceId = `i${n}`;
    b.sdkGetInstance(instanceId, { account: 'alice' });
    b.wait(5).wsCreate(`s${n}`);
    b.wait(3).wsOpen(`s${n}`);
    b.wait(9).sdkDisconnect(instanceId, { code: 302, willReconnect: false });
    b.wait(2).wsClose(`s${n}`);
    const destroy = b.sdkCall(instanceId, 'destroy');
    b.wait(7).sdkDone(destroy);
    b.wait(everyMs - 26);
  }
}

describe('reconnect-storm', () => {
  it('never fires on the SDK’s own backoff, refused or accepted-then-closed, for minutes', () => {
    const refused = eventBuilder();
    refused.sdkGetInstance('i1', { account: 'alice' });
    for (let retry = 1; retry <= 40; retry++) sdkRefusedAttempt(refused, 'i1', `s${retry}`, retry);
    expect(findingsOf(refused.events, RULE)).toEqual([]);

    // The fastest the SDK can go: its backoff restarting at 1.6 s (−1 % jitter) after every short login.
    const flapping = eventBuilder();
    sdkLogin(flapping, { instanceId: 'i1', socketId: 's0', account: 'alice' });
    for (let n = 1; n <= 40; n++) {
      flapping.wsClose(`s${n - 1}`, 1006, '', false);
      flapping.sdkWillReconnect('i1', 1, 1600);
      flapping.sdkWillReconnect('i1', 2, 3200);
      flapping.wait(1584);
      flapping.wsCreate(`s${n}`);
      flapping.sdkConnect('i1');
    }
    expect(findingsOf(flapping.events, RULE)).toEqual([]);
  });

  it('fires when the app re-creates the instance in a loop, naming the cause', () => {
    const b = eventBuilder();
    recreateLoop(b, 8, 200);
    const [storm, ...more] = findingsOf(b.events, RULE);
    expect(more).toEqual([]);
    expect(storm?.evidence).toHaveLength(8);
    expect(storm?.instanceId).toBeUndefined();
    expect(storm?.detail.en).toContain('8 connection attempts for alice in 1.4 s');
    expect(storm?.detail.en).toContain('8 different instances');
  });

  it('fires when the app calls connect() again and again on one instance', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's0', account: 'alice' });
    b.wait(10_000).wsClose('s0', 1006, '', false);
    for (let n = 1; n <= 6; n++) {
      b.wait(300).sdkCall('i1', 'connect');
      b.wait(2).wsCreate(`s${n}`);
      b.wait(2).wsError(`s${n}`);
      b.wsClose(`s${n}`, 1006, '', false);
    }
    const [storm] = findingsOf(b.events, RULE);
    expect(storm).toMatchObject({ instanceId: 'i1' });
    expect(storm?.evidence).toHaveLength(6);
    expect(storm?.detail.en).toContain('called connect() 6 and getInstance() 0 times');
  });

  it(`needs ${STORM_MIN_ATTEMPTS} attempts within ${STORM_WINDOW_MS} ms`, () => {
    const slow = eventBuilder();
    recreateLoop(slow, 10, STORM_WINDOW_MS / (STORM_MIN_ATTEMPTS - 1) + 1);
    expect(findingsOf(slow.events, RULE)).toEqual([]);

    const fast = eventBuilder();
    recreateLoop(fast, STORM_MIN_ATTEMPTS, STORM_WINDOW_MS / (STORM_MIN_ATTEMPTS - 1) - 1);
    expect(findingsOf(fast.events, RULE)).toHaveLength(1);
  });

  it('reports two storms separated by calm as two findings', () => {
    const b = eventBuilder();
    recreateLoop(b, 6, 100);
    b.wait(60_000);
    recreateLoop(b, 6, 100);
    expect(findingsOf(b.events, RULE)).toHaveLength(2);
  });

  it('leaves sockets it cannot attribute out', () => {
    const b = eventBuilder();
    for (let n = 0; n < 20; n++) b.wait(50).wsCreate(`hmr${n}`, 'ws://localhost:5173/');
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });

  it('stays silent on an ordinary outage and recovery', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkDroppedByServer(b, 'i1', 's1');
    sdkRefusedAttempt(b, 'i1', 's2', 3);
    sdkReconnected(b, 'i1', 's3');
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });
});
