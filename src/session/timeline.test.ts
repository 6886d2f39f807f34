import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, type NimEvent } from '../model/events';
import { applyEvents, createSession, resetSession } from './reducer';
import { eventBuilder } from './test-events';
import { sdkLogin } from './test-sdk-sequences';
import { KIND_GROUPS, kindGroupOf, TimelineIndex } from './timeline';

function loggedIn() {
  const b = eventBuilder();
  b.pageNavigate('https://app.test/', { doc: 'd1' });
  sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
  b.sdkLog('i1', 'info', '[NIM INFO 11-26 00:30:12:750 IM]  link::notifyLogin: on connect');
  const call = b.sdkCall('i1', 'setOptions', { changed: ['token'] });
  b.sdkDone(call);
  sdkLogin(b, { instanceId: 'i2', socketId: 's2', account: 'Bob' });
  const state = createSession();
  applyEvents(state, b.take());
  return { b, state };
}

function kindsAt(events: readonly NimEvent[], indices: readonly number[]): string[] {
  return indices.map((i) => events[i]?.kind ?? '?');
}

describe('kind groups', () => {
  it('puts every kind in exactly one of the groups', () => {
    for (const kind of EVENT_KINDS) expect(KIND_GROUPS).toContain(kindGroupOf(kind));
    expect(kindGroupOf('sdk.willReconnect')).toBe('sdk');
    expect(kindGroupOf('sdk.done')).toBe('calls');
    expect(kindGroupOf('ws.traffic')).toBe('sockets');
    expect(kindGroupOf('sdk.log')).toBe('logs');
    expect(kindGroupOf('devtools.dropped')).toBe('other');
  });
});

describe('TimelineIndex', () => {
  it('filters by group', () => {
    const { state } = loggedIn();
    const index = new TimelineIndex();
    expect(kindsAt(state.events, index.filter(state, { groups: ['calls', 'logs'] }))).toEqual([
      'sdk.log',
      'sdk.call',
      'sdk.done',
    ]);
    expect(index.filter(state, { groups: [] })).toHaveLength(state.events.length);
  });

  it('filters by instance, including the events of its sockets', () => {
    const { state } = loggedIn();
    const indices = new TimelineIndex().filter(state, { instanceId: 'i1', groups: ['sdk', 'sockets'] });
    expect(kindsAt(state.events, indices)).toEqual([
      'sdk.getInstance',
      'ws.create',
      'ws.open',
      'ws.traffic',
      'sdk.connect',
    ]);
    expect(indices.every((i) => state.events[i]?.instanceId !== 'i2')).toBe(true);
  });

  it('searches kind, ids and data case-insensitively, every term required', () => {
    const { state } = loggedIn();
    const index = new TimelineIndex();
    expect(kindsAt(state.events, index.filter(state, { text: 'BOB' }))).toEqual(['sdk.getInstance']);
    expect(kindsAt(state.events, index.filter(state, { text: 'notifylogin i1' }))).toEqual(['sdk.log']);
    expect(index.filter(state, { text: 'notifylogin i2' })).toEqual([]);
    expect(kindsAt(state.events, index.filter(state, { text: '  ws.open  ' }))).toEqual(['ws.open', 'ws.open']);
  });

  it('keeps only the events of a span (both ends included), with the other filters', () => {
    const { state } = loggedIn();
    const index = new TimelineIndex();
    const second = state.events.findIndex((event) => event.instanceId === 'i2');
    const from = state.events[second]?.t ?? 0;
    const span = { from, to: state.events.at(-1)?.t ?? 0 };
    const inSpan = index.filter(state, { span });
    expect(inSpan.length).toBeGreaterThan(0);
    expect(inSpan.every((i) => (state.events[i]?.t ?? 0) >= from)).toBe(true);
    expect(inSpan).toContain(second);
    const early = span.from - 1;
    expect(index.filter(state, { span: { from: early, to: early }, groups: ['sdk'] })).toEqual([]);
    expect(kindsAt(state.events, index.filter(state, { span, groups: ['sockets'] }))).toEqual([
      'ws.create',
      'ws.open',
      'ws.traffic',
    ]);
    expect(index.filter(state, { span: { from: 0, to: 1 } })).toEqual([]);
  });

  it('returns the same array while nothing changed, and scans only new events after', () => {
    const { b, state } = loggedIn();
    const index = new TimelineIndex();
    const filter = { groups: ['sockets' as const] };
    const first = index.filter(state, filter);
    expect(index.filter(state, { groups: ['sockets'] })).toBe(first);

    b.wait(10).sdkLog('i1', 'info', 'unrelated');
    applyEvents(state, b.take());
    expect(index.filter(state, filter)).toBe(first);

    const traffic = b.wait(10).wsTraffic('s1', { framesIn: 1 });
    applyEvents(state, b.take());
    const grown = index.filter(state, filter);
    expect(grown).not.toBe(first);
    expect(grown.slice(0, first.length)).toEqual(first);
    expect(state.events[grown[grown.length - 1] ?? -1]).toBe(traffic);
  });

  it('starts over after a reset', () => {
    const { b, state } = loggedIn();
    const index = new TimelineIndex();
    expect(index.filter(state, { text: 'alice' }).length).toBeGreaterThan(0);
    resetSession(state);
    b.sdkLog(undefined, 'warn', 'fresh start');
    applyEvents(state, b.take());
    expect(index.filter(state, { text: 'alice' })).toEqual([]);
    expect(index.filter(state, { text: 'fresh' })).toEqual([0]);
  });

  it('changes filters over 100,000 events well under 100 ms', () => {
    const state = createSession();
    const b = eventBuilder();
    b.pageNavigate('https://app.test/', { doc: 'd1' });
    for (let n = 0; n < 2_200; n++) {
      const instanceId = `i${n % 4}`;
      const socketId = `s${n}`;
      sdkLogin(b, { instanceId, socketId, account: `user${n % 4}` });
      for (let k = 0; k < 40; k++)
        b.wait(50).sdkLog(instanceId, 'info', `[NIM INFO] protocol::onMessage cmd ${n}_${k}`);
      b.wsClose(socketId, 1006, '', false);
      b.wait(1).sdkWillReconnect(instanceId, n, 1600);
      applyEvents(state, b.take());
    }
    expect(state.events.length).toBeGreaterThan(100_000);
    const index = new TimelineIndex();

    // The first free-text search builds the lowercase texts; later ones, and every other filter, reuse them.
    // (How fast that is lives in `npm run bench`, not in a test.)
    expect(index.filter(state, { text: 'cmd 2199_39' })).toHaveLength(1);

    const changes = [
      { text: 'willreconnect' },
      { text: 'willreconnect', instanceId: 'i1' },
      { groups: ['sockets' as const] },
      { groups: ['sdk' as const], instanceId: 'i2' },
      { text: 'user3 getinstance' },
      {},
    ];
    for (const filter of changes) {
      // A reused index answers exactly what a fresh one computes from scratch.
      expect([...index.filter(state, filter)], JSON.stringify(filter)).toEqual([
        ...new TimelineIndex().filter(state, filter),
      ]);
    }
  });
});
