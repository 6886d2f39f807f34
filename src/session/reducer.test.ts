import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { applyEvent, applyEvents, createSession, resetSession, startsDocument } from './reducer';
import { eventBuilder } from './test-events';
import {
  sdkAppDisconnect,
  sdkDroppedByServer,
  sdkKicked,
  sdkLogin,
  sdkLoginRefused,
  sdkReconnected,
  sdkRefusedAttempt,
  sdkReleaseWhileWaiting,
  sdkSyncErrorThenReconnect,
} from './test-sdk-sequences';
import type { SessionState } from './types';

function sessionOf(events: readonly NimEvent[]): SessionState {
  const state = createSession();
  applyEvents(state, events);
  return state;
}

describe('instances', () => {
  it('follows a login: connecting, then connected, with the socket attributed by inference', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.test/', { doc: 'd1' });
    b.sdkGetInstance('i1', { account: 'alice', appKey: '45c6…e1f2' });
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')).toMatchObject({ state: 'connecting', account: 'alice', flavour: 'NIM' });

    b.wait(5).wsCreate('s1');
    b.wait(3).wsOpen('s1');
    b.wait(35).sdkConnect('i1');
    applyEvents(state, b.take());
    const instance = state.instances.get('i1');
    expect(instance).toMatchObject({ state: 'connected', connects: 1, sockets: ['s1'], liveSockets: 1 });
    expect(instance?.appKey).toBe('45c6…e1f2');
    expect(state.sockets.get('s1')).toMatchObject({ instanceId: 'i1', attribution: 'inferred', state: 'open' });
  });

  it('reads two onwillreconnect per closed socket as reconnecting, keeping the last retryCount', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkDroppedByServer(b, 'i1', 's1', 1);
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')).toMatchObject({ state: 'reconnecting', retryCount: 2, liveSockets: 0 });

    sdkReconnected(b, 'i1', 's2');
    applyEvents(state, b.take());
    expect(state.instances.get('i1')).toMatchObject({ state: 'connected', connects: 2, sockets: ['s1', 's2'] });
    expect(state.sockets.get('s1')).toMatchObject({ state: 'closed', close: { code: 1006, wasClean: false } });
  });

  it('attributes every refused attempt to the instance that is retrying', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { account: 'alice' });
    b.wait(5);
    sdkRefusedAttempt(b, 'i1', 's1', 1);
    sdkRefusedAttempt(b, 'i1', 's2', 2);
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')?.sockets).toEqual(['s1', 's2']);
    expect(state.sockets.get('s2')).toMatchObject({ errored: true, state: 'closed' });
  });

  it('marks sockets closing at a disconnect call and closed at the real close', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.wait(1000).sdkCall('i1', 'disconnect');
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')?.state).toBe('disconnected');
    expect(state.sockets.get('s1')?.state).toBe('closing');
    expect(state.counters.openSockets).toBe(1);

    b.wait(6).sdkDisconnect('i1', { code: 'logout', message: 'done disconnect', willReconnect: false });
    b.wait(3).wsClose('s1');
    applyEvents(state, b.take());
    expect(state.sockets.get('s1')?.state).toBe('closed');
    expect(state.counters.openSockets).toBe(0);
    const last = state.instances.get('i1')?.lastDisconnect;
    expect(last).toMatchObject({ code: 'logout', message: 'done disconnect' });
    expect(last?.explanation).toMatchObject({ known: true, expected: true });
  });

  it('is destroyed at the call, whichever order the synchronous alreadyDisconnected is recorded in', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkDroppedByServer(b, 'i1', 's1');
    const call = sdkReleaseWhileWaiting(b, 'i1', 'destroy');
    const state = sessionOf(b.take());
    const instance = state.instances.get('i1');
    expect(instance?.state).toBe('destroyed');
    expect(instance?.destroy).toMatchObject({ seq: call.seq, callId: call.data.callId });
    expect(instance?.destroy?.doneSeq).toBeGreaterThan(call.seq);
    expect(instance?.lastDisconnect?.code).toBe('alreadyDisconnected');

    const reversed = eventBuilder();
    reversed.sdkGetInstance('i2', { account: 'bob' });
    reversed.sdkDisconnect('i2', { code: 'alreadyDisconnected' });
    reversed.sdkCall('i2', 'destroy');
    expect(sessionOf(reversed.take()).instances.get('i2')?.state).toBe('destroyed');
  });

  it('returns from destroyed to disconnected when destroy reports an error', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { account: 'alice' });
    const call = b.sdkCall('i1', 'destroy');
    b.wait(7).sdkDone(call, 'Error: busy');
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')).toMatchObject({ state: 'disconnected', destroy: { error: 'Error: busy' } });
  });

  it('stays reconnecting-capable after Sync_Error and attributes the SDK’s own reconnect socket', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkSyncErrorThenReconnect(b, 'i1', 's1', 's2');
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')).toMatchObject({ state: 'connected', sockets: ['s1', 's2'], connects: 2 });
    expect(state.sockets.get('s2')?.attribution).toBe('inferred');
  });

  it('records getInstance history, merges options and reconnects at once on a reused instance', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice', options: { account: 'alice', debug: false } });
    sdkDroppedByServer(b, 'i1', 's1');
    const again = b.sdkGetInstance('i1', {
      account: 'alice',
      reused: true,
      changed: ['debug'],
      options: { account: 'alice', debug: true },
    });
    const state = sessionOf(b.take());
    const instance = state.instances.get('i1');
    expect(instance?.state).toBe('connecting');
    expect(instance?.getInstance.map((call) => [call.reused, call.changed])).toEqual([
      [false, []],
      [true, ['debug']],
    ]);
    expect(instance?.getInstance[1]?.seq).toBe(again.seq);
    expect(instance?.options).toEqual({ account: 'alice', debug: true });
  });

  it('decodes a refused login and stops', () => {
    const b = eventBuilder();
    sdkLoginRefused(b, { instanceId: 'i1', socketId: 's1', account: 'alice', code: 302 });
    const instance = sessionOf(b.take()).instances.get('i1');
    expect(instance?.state).toBe('disconnected');
    expect(instance?.lastDisconnect?.explanation.title.en).toBe('Wrong account or token');
  });

  it('marks sockets closing at a final ondisconnect, but not at one the SDK will recover from', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.sdkDisconnect('i1', { code: 'Error_Timeout', willReconnect: true });
    const state = sessionOf(b.take());
    expect(state.sockets.get('s1')?.state).toBe('open');
    b.sdkDisconnect('i1', { code: 'kicked', reason: 'serverKick', willReconnect: false });
    applyEvents(state, b.take());
    expect(state.sockets.get('s1')?.state).toBe('closing');
  });

  it('keeps a kicked instance disconnected', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkKicked(b, 'i1', 's1');
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')?.state).toBe('disconnected');
    expect(state.instances.get('i1')?.lastDisconnect?.explanation.title.en).toBe('Kicked offline (samePlatformKick)');
  });

  it('follows an instance read off the wire like any other, and remembers where it was seen', () => {
    const b = eventBuilder();
    b.wsCreate('s1');
    b.wait(3).wsOpen('s1');
    const wire = { via: 'wire' as const };
    const ids = { instanceId: 'i1', socketId: 's1' };
    b.emit(
      'sdk.getInstance',
      { flavour: 'NIM', account: 'alice', reused: false, changed: [], options: {}, ...wire },
      ids,
    );
    b.wait(30).emit('sdk.connect', { connectionId: '7', ...wire }, ids);
    b.wait(10).emit('ws.traffic', { framesIn: 3, framesOut: 4, bytesIn: 90, bytesOut: 700, heartbeats: 2 }, ids);
    b.wait(100).emit(
      'sdk.disconnect',
      { code: 'kicked', reason: 'samePlatformKick', willReconnect: false, ...wire },
      ids,
    );
    const state = sessionOf(b.take());
    expect(state.instances.get('i1')).toMatchObject({
      via: 'wire',
      account: 'alice',
      state: 'disconnected',
      connects: 1,
      sockets: ['s1'],
    });
    expect(state.sockets.get('s1')).toMatchObject({ instanceId: 'i1', attribution: 'event', heartbeats: 2 });
  });
});

describe('socket attribution', () => {
  it('never infers an owner for a socket that is not a NIM link', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { account: 'alice' });
    b.wsCreate('hmr', 'ws://localhost:5173/?token=x');
    b.wsCreate('s1', 'wss://link.netease.im:443/websocket');
    const state = sessionOf(b.take());
    expect(state.sockets.get('hmr')?.instanceId).toBeUndefined();
    expect(state.sockets.get('s1')?.instanceId).toBe('i1');
  });

  it('leaves a socket unattributed when two instances could own it', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { account: 'alice' });
    b.sdkGetInstance('i2', { account: 'bob' });
    b.wsCreate('s1');
    expect(sessionOf(b.take()).sockets.get('s1')?.instanceId).toBeUndefined();
  });

  it('prefers an instanceId the hook stamped, and lets an SDK event naming the socket correct an inference', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { account: 'alice' });
    b.sdkGetInstance('i2', { account: 'bob' });
    b.wsCreate('s1', undefined, { instanceId: 'i2' });
    b.sdkCall('i1', 'disconnect');
    b.wsCreate('s2');
    const state = sessionOf(b.take());
    expect(state.sockets.get('s1')).toMatchObject({ instanceId: 'i2', attribution: 'event' });
    // i2 holds s1, i1 was released by the app: nobody is left to infer for s2.
    expect(state.sockets.get('s2')?.instanceId).toBeUndefined();

    const c = eventBuilder();
    c.sdkGetInstance('i1', { account: 'alice' });
    c.wsCreate('s1');
    c.sdkGetInstance('i2', { account: 'bob' });
    c.emit('sdk.connect', {}, { instanceId: 'i2', socketId: 's1' });
    const corrected = sessionOf(c.take());
    expect(corrected.sockets.get('s1')).toMatchObject({ instanceId: 'i2', attribution: 'event' });
    expect(corrected.instances.get('i1')).toMatchObject({ sockets: [], liveSockets: 0 });
    expect(corrected.instances.get('i2')).toMatchObject({ sockets: ['s1'], liveSockets: 1 });
  });

  it('gives a new socket to the instance that just called connect(), even while its old socket is open', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkLogin(b, { instanceId: 'i2', socketId: 's2', account: 'bob' });
    b.sdkWillReconnect('i1', 1, 1600);
    b.sdkCall('i1', 'connect', { inCallback: 'onwillreconnect' });
    b.wsCreate('s3');
    b.wsCreate('s4');
    const state = sessionOf(b.take());
    expect(state.sockets.get('s3')).toMatchObject({ instanceId: 'i1', attribution: 'inferred' });
    expect(state.instances.get('i1')).toMatchObject({ liveSockets: 2, awaitingSocket: false });
    // i1 got its socket; i1 and i2 both hold live ones: nobody is waiting for s4.
    expect(state.sockets.get('s4')?.instanceId).toBeUndefined();
  });

  it('does not attribute across frames of one document', () => {
    const b = eventBuilder({ doc: 'top' });
    b.sdkGetInstance('i1', { account: 'alice' });
    b.emit('ws.create', { url: 'ws://127.0.0.1:9001/websocket', protocols: [] }, { socketId: 's1', doc: 'frame' });
    expect(sessionOf(b.take()).sockets.get('s1')?.instanceId).toBeUndefined();
  });
});

describe('sockets', () => {
  it('sums traffic and tracks open and peak counts', () => {
    const b = eventBuilder();
    b.wsCreate('a', 'ws://x.test/a');
    b.wsCreate('b', 'ws://x.test/b');
    b.wsOpen('a');
    b.wsTraffic('a', { framesIn: 3, bytesIn: 300, framesOut: 1, bytesOut: 10 });
    b.wsTraffic('a', { framesIn: 2, bytesIn: 200 });
    b.wsError('b');
    b.wsClose('b', 1006, '', false);
    b.wsCreate('c', 'ws://x.test/c');
    const state = sessionOf(b.take());
    expect(state.sockets.get('a')).toMatchObject({ framesIn: 5, bytesIn: 500, framesOut: 1, bytesOut: 10 });
    expect(state.sockets.get('b')).toMatchObject({ errored: true, state: 'closed' });
    expect(state.counters).toMatchObject({ openSockets: 2, peakOpenSockets: 2 });
  });

  it('keeps what it learns about a socket whose ws.create was lost', () => {
    const b = eventBuilder();
    b.wsTraffic('ghost', { framesIn: 1 });
    b.wsClose('ghost', 1001, 'going away', true);
    const ghost = sessionOf(b.take()).sockets.get('ghost');
    expect(ghost).toMatchObject({ url: '', framesIn: 1, state: 'closed', close: { code: 1001, reason: 'going away' } });
  });
});

describe('documents and navigation', () => {
  it('ends the previous document’s sockets and instances at a navigation', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.test/a', { doc: 'd1', title: 'A' });
    sdkLogin(b, { instanceId: 'd1-i1', socketId: 'd1-s1', account: 'alice' });
    const nav = b.wait(500).pageNavigate('https://app.test/b', { doc: 'd2' });
    sdkLogin(b, { instanceId: 'd2-i1', socketId: 'd2-s1', account: 'alice' });
    const state = sessionOf(b.take());
    expect(state.documents.map((d) => [d.index, d.url, d.doc])).toEqual([
      [0, 'https://app.test/a', 'd1'],
      [1, 'https://app.test/b', 'd2'],
    ]);
    expect(state.sockets.get('d1-s1')).toMatchObject({ state: 'closed', endedByNavigation: true, closedAt: nav.t });
    expect(state.instances.get('d1-i1')).toMatchObject({ unloadedSeq: nav.seq, documentIndex: 0 });
    expect(state.instances.get('d2-i1')).toMatchObject({ state: 'connected', documentIndex: 1, sockets: ['d2-s1'] });
    expect(state.counters.openSockets).toBe(1);
    expect(startsDocument(state, nav)).toBe(true);
  });

  it('opens an unnamed document for events before any marker, and names it when its marker arrives', () => {
    const b = eventBuilder({ doc: 'd1' });
    b.sdkDetected('NIM', 'window.NIM', '9.21.12');
    b.wsCreate('s1');
    const marker = b.pageNavigate('https://app.test/', { doc: 'd1' });
    const state = sessionOf(b.take());
    expect(state.documents).toHaveLength(1);
    expect(state.documents[0]).toMatchObject({ url: 'https://app.test/', seq: marker.seq, firstEventIndex: 0 });
    expect(state.sockets.get('s1')?.state).toBe('connecting');
    expect(startsDocument(state, marker)).toBe(false);
    expect(state.detections).toEqual([
      { seq: 1, flavour: 'NIM', source: 'window.NIM', version: '9.21.12', documentIndex: 0 },
    ]);
  });

  it('counts a page restored from the back/forward cache as a new document entry', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.test/a', { doc: 'd1' });
    b.pageNavigate('https://app.test/b', { doc: 'd2' });
    b.pageNavigate('https://app.test/a', { doc: 'd1', restoredFromCache: true });
    const state = sessionOf(b.take());
    expect(state.documents.map((d) => d.restoredFromCache)).toEqual([false, false, true]);
  });
});

describe('counters', () => {
  it('counts events per kind and reads each emitter’s counts the way it reports them', () => {
    const b = eventBuilder({ doc: 'd1' });
    b.devtoolsDropped(1, 'page'); // running totals per document (hook core)
    b.devtoolsDropped(5, 'page');
    b.emit('devtools.dropped', { count: 2, where: 'page' }, { doc: 'd2' });
    b.devtoolsDropped(100, 'session'); // the background's cap: how many this pass dropped
    b.devtoolsRejected(3);
    b.devtoolsRejected(2, 'oversized');
    b.devtoolsHookError(1);
    b.devtoolsHookError(2);
    b.sdkLog(undefined, 'info', 'hello');
    const { counters } = sessionOf(b.take());
    expect(counters).toMatchObject({ events: 9, dropped: 107, rejected: 5, hookErrors: 2 });
    expect(counters.byKind['devtools.dropped']).toBe(4);
    expect(counters.byKind['sdk.log']).toBe(1);
    expect(counters.byKind['ws.open']).toBe(0);
  });

  it('splits what the caps dropped by kind, page running totals and session passes alike', () => {
    const b = eventBuilder({ doc: 'd1' });
    b.emit('devtools.dropped', { count: 1, where: 'page', byKind: { 'sdk.log': 1 } });
    b.emit('devtools.dropped', { count: 10_001, where: 'page', byKind: { 'sdk.log': 10_000, 'ws.traffic': 1 } });
    b.emit('devtools.dropped', { count: 500, where: 'session', byKind: { 'sdk.log': 450, 'ws.traffic': 50 } });
    b.emit('devtools.dropped', { count: 500, where: 'session', byKind: { 'ws.create': 500 } });
    const { counters } = sessionOf(b.take());
    expect(counters.dropped).toBe(11_001);
    expect(counters.droppedByKind).toEqual({ 'sdk.log': 10_450, 'ws.traffic': 51, 'ws.create': 500 });
  });
});

describe('versions and batches', () => {
  it('bumps the version once per batch and reports what the batch touched', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    const state = createSession();
    const first = applyEvents(state, b.take());
    expect(first).toMatchObject({ version: 1, fromIndex: 0, documents: true });
    expect([...first.instances]).toEqual(['i1']);
    expect([...first.sockets]).toEqual(['s1']);

    b.wait(100).wsTraffic('s1', { framesIn: 1 });
    const second = applyEvents(state, b.take());
    expect(second).toMatchObject({ version: 2, fromIndex: 5, documents: false });
    expect([...second.instances]).toEqual([]);
    expect(state.sockets.get('s1')?.version).toBe(2);
    expect(state.instances.get('i1')?.version).toBe(1);

    expect(applyEvents(state, []).version).toBe(2);
  });

  it('gives the same state however the events are split into batches', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.test/', { doc: 'd1' });
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkDroppedByServer(b, 'i1', 's1');
    sdkReconnected(b, 'i1', 's2');
    b.devtoolsDropped(4);
    sdkAppDisconnect(b, 'i1', 's2', { method: 'destroy' });
    b.pageNavigate('https://app.test/next', { doc: 'd2' });
    sdkLogin(b, { instanceId: 'i2', socketId: 's3', account: 'bob' });
    const events = b.take();
    const whole = comparable(sessionOf(events));

    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: events.length - 1 }), { maxLength: 8 }), (cuts) => {
        const state = createSession();
        let from = 0;
        for (const cut of [...cuts].sort((x, y) => x - y)) {
          applyEvents(state, events.slice(from, cut));
          from = cut;
        }
        applyEvents(state, events.slice(from));
        expect(comparable(state)).toEqual(whole);
      }),
    );
  });

  it('applies one event at a time the same way as in a batch', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkAppDisconnect(b, 'i1', 's1');
    const events = b.take();
    const single = createSession();
    for (const event of events) applyEvent(single, event);
    expect(comparable(single)).toEqual(comparable(sessionOf(events)));
  });

  it('resets in place: empty, a new events array, a higher version', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    const state = sessionOf(b.take());
    const oldEvents = state.events;
    resetSession(state);
    expect(state.version).toBe(2);
    expect(state.events).not.toBe(oldEvents);
    expect(state.events).toHaveLength(0);
    expect(state.instances.size).toBe(0);
    expect(state.counters.openSockets).toBe(0);
  });
});

/** The state without version stamps, which legitimately differ with the number of batches. */
function comparable(state: SessionState): unknown {
  const strip = <T extends { version: number }>(record: T) => ({ ...record, version: 0 });
  return {
    events: state.events.length,
    instances: [...state.instances.values()].map(strip),
    sockets: [...state.sockets.values()].map(strip),
    documents: state.documents,
    detections: state.detections,
    counters: state.counters,
  };
}

describe('a v10 client', () => {
  it('is disconnected until login() or connect(), takes the account login() names, and connects at its event', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { api: 'v2' });
    const session = createSession();
    applyEvents(session, b.take());
    expect(session.instances.get('i1')).toMatchObject({ state: 'disconnected', awaitingSocket: false });

    b.wait(10).sdkCall('i1', 'login', { account: 'alice' });
    applyEvents(session, b.take());
    expect(session.instances.get('i1')).toMatchObject({ state: 'connecting', account: 'alice', awaitingSocket: true });

    b.wait(40).sdkConnect('i1', { event: 'onLoginStatus', status: 'LOGINED' });
    b.wait(1000).emit('sdk.status', { event: 'onDataSync', status: 'MAIN COMPLETED' }, { instanceId: 'i1' });
    applyEvents(session, b.take());
    expect(session.instances.get('i1')?.state).toBe('connected');
  });
});
