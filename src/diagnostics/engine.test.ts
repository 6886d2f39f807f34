import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { applyEvents, createSession, resetSession } from '../session/reducer';
import { type EventBuilder, eventBuilder } from '../session/test-events';
import {
  sdkAppDisconnect,
  sdkDroppedByServer,
  sdkKicked,
  sdkLogin,
  sdkReconnected,
  sdkRefusedAttempt,
  sdkReleaseWhileWaiting,
  sdkSyncErrorThenReconnect,
} from '../session/test-sdk-sequences';
import { DiagnosticsEngine, runDiagnostics } from './engine';
import { PLATFORM_PROFILES } from './types';

/** A day in the life of a well-behaved app on the real SDK, as nim-sdk.md observed it. */
function wellBehaved(b: EventBuilder): void {
  b.pageNavigate('https://app.test/', { doc: 'd1' });
  b.sdkDetected('NIM', 'window.NIM', '9.21.12');
  sdkLogin(b, { instanceId: 'd1-i1', socketId: 'd1-s1', account: 'alice' });
  b.wait(8_000).wsTraffic('d1-s1', { framesIn: 3, framesOut: 2, bytesIn: 900, bytesOut: 120 });
  // The server drops the socket: two onwillreconnect per close, then refused attempts on the backoff.
  sdkDroppedByServer(b, 'd1-i1', 'd1-s1', 1);
  sdkRefusedAttempt(b, 'd1-i1', 'd1-s2', 3);
  sdkRefusedAttempt(b, 'd1-i1', 'd1-s3', 4);
  sdkReconnected(b, 'd1-i1', 'd1-s4');
  // The user logs out (ondisconnect before the close, done after), and in again later.
  b.wait(60_000);
  sdkAppDisconnect(b, 'd1-i1', 'd1-s4', { method: 'disconnect' });
  b.wait(30_000).sdkCall('d1-i1', 'connect');
  sdkReconnected(b, 'd1-i1', 'd1-s5');
  // Another drop, and the app destroys while the SDK waits to reconnect: alreadyDisconnected.
  b.wait(10_000);
  sdkDroppedByServer(b, 'd1-i1', 'd1-s5', 1);
  sdkReleaseWhileWaiting(b, 'd1-i1', 'destroy');
  // A second account alongside, logged out with destroy before leaving the page.
  sdkLogin(b, { instanceId: 'd1-i2', socketId: 'd1-s6', account: 'bob' });
  b.wait(5_000);
  sdkAppDisconnect(b, 'd1-i2', 'd1-s6', { method: 'destroy', doneBeforeClose: true });
  b.wait(1_000).pageNavigate('https://app.test/next', { doc: 'd2' });
  sdkLogin(b, { instanceId: 'd2-i1', socketId: 'd2-s1', account: 'alice' });
  b.wait(2_000);
}

describe('runDiagnostics', () => {
  it('finds nothing in the real SDK’s normal behaviour, on any platform, however late “now” is', () => {
    const b = eventBuilder();
    wellBehaved(b);
    for (const profile of PLATFORM_PROFILES) {
      expect(runDiagnostics(b.events, { profile, now: b.t + 3_600_000 }), profile).toEqual([]);
    }
  });

  it('only explains a Sync_Error, from which the SDK recovers by itself', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkSyncErrorThenReconnect(b, 'i1', 's1', 's2');
    expect(runDiagnostics(b.events).map((f) => [f.rule, f.severity])).toEqual([['disconnect-code', 'info']]);
  });

  it('gives the same findings however the events arrive in batches', () => {
    const b = eventBuilder();
    troubled(b);
    const events = b.take();
    const whole = new DiagnosticsEngine();
    whole.observe(events);
    const expected = whole.findings({ profile: 'uniapp' });
    expect(new Set(expected.map((f) => f.rule)).size).toBeGreaterThanOrEqual(6);

    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: events.length - 1 }), { maxLength: 10 }), (cuts) => {
        const growing: NimEvent[] = [];
        let from = 0;
        for (const cut of [...cuts, events.length].sort((x, y) => x - y)) {
          growing.push(...events.slice(from, cut));
          from = cut;
          runDiagnostics(growing, { profile: 'uniapp' });
        }
        expect(runDiagnostics(growing, { profile: 'uniapp', now: whole.session.events.at(-1)?.t })).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('follows a live session incrementally and starts over when it is reset', () => {
    const b = eventBuilder();
    const session = createSession();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    applyEvents(session, b.take());
    expect(runDiagnostics(session)).toEqual([]);

    b.wait(1_000).sdkCall('i1', 'connect', { inCallback: 'onwillreconnect' });
    applyEvents(session, b.take());
    expect(runDiagnostics(session).map((f) => f.rule)).toEqual(['connect-in-callback']);

    resetSession(session);
    b.wait(1_000).sdkLog(undefined, 'info', 'after the reset');
    applyEvents(session, b.take());
    expect(runDiagnostics(session)).toEqual([]);
  });

  it('measures open-ended checks against the last event unless told `now`', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    const call = b.wait(1_000).sdkCall('i1', 'disconnect');
    b.wait(6).sdkDisconnect('i1', { code: 'logout', willReconnect: false });
    expect(runDiagnostics(b.events)).toEqual([]);
    expect(runDiagnostics(b.events, { now: call.t + 10_000 }).map((f) => f.rule)).toEqual([
      'socket-open-after-disconnect',
      'socket-open-after-disconnect',
    ]);
    b.wait(10_000).sdkLog(undefined, 'info', 'time passes');
    expect(runDiagnostics(b.events)).toHaveLength(2);
  });

  it('orders findings by time', () => {
    const b = eventBuilder();
    troubled(b);
    const times = runDiagnostics(b.events, { profile: 'uniapp' }).map((f) => f.t);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('keeps up with 100,000 events, re-run on every batch', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.test/', { doc: 'd1' });
    for (let n = 0; b.events.length < 100_000; n++) {
      const instanceId = `i${n}`;
      sdkLogin(b, { instanceId, socketId: `s${n}`, account: `user${n % 3}` });
      for (let k = 0; k < 400; k++) b.wait(20).sdkLog(instanceId, 'info', `protocol::onMessage ${k}`);
      sdkDroppedByServer(b, instanceId, `s${n}`);
      sdkAppDisconnect(b, instanceId, `s${n}`, { method: 'destroy' });
    }
    const events = b.take();
    const batches: NimEvent[][] = [];
    for (let i = 0; i < events.length; i += 500) batches.push(events.slice(i, i + 500));
    const growing: NimEvent[] = [];
    let incremental: ReturnType<typeof runDiagnostics> = [];
    for (const batch of batches) {
      growing.push(...batch);
      incremental = runDiagnostics(growing, { profile: 'wechat-miniprogram' });
    }
    expect(growing.length).toBeGreaterThanOrEqual(100_000);
    // Re-run on every batch, the engine reaches what one pass over a copy of all events finds.
    // (Its speed is measured by `npm run bench`, not asserted here.)
    expect(incremental).toEqual(runDiagnostics([...growing], { profile: 'wechat-miniprogram' }));
  });
});

/** Several misuses in one session. */
function troubled(b: EventBuilder): void {
  b.pageNavigate('https://app.test/', { doc: 'd1' });
  sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
  b.wait(2_000).sdkGetInstance('i1', { account: 'alice', reused: true, changed: ['token'] });
  b.wait(1_000);
  sdkKicked(b, 'i1', 's1');
  const destroy = b.wait(5).sdkCall('i1', 'destroy');
  b.wait(1).sdkGetInstance('i2', { account: 'alice' });
  b.wait(4).wsCreate('s2');
  b.wait(10).sdkDone(destroy);
  b.wait(3).wsOpen('s2');
  b.wait(35).sdkConnect('i2');
  b.wait(1_000).wsClose('s2', 1006, '', false);
  b.wait(1).sdkWillReconnect('i2', 1, 1600);
  for (let n = 3; n < 9; n++) {
    b.wait(100).sdkCall('i2', 'connect', { inCallback: 'onwillreconnect' });
    b.wait(2).wsCreate(`s${n}`);
  }
  b.wait(500).sdkDisconnect('i2', { code: 'allAttemptsFailed', willReconnect: false });
  b.wait(1).sdkWillReconnect('i2', 9, 8000);
  b.wait(100).sdkCall('i2', 'disconnect');
  b.wait(10_000).sdkLog(undefined, 'info', 'later');
}
