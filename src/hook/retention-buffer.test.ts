import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { eventBuilder } from '../session/test-events';
import { createHookCore } from './core';
import { createRetentionBuffer } from './retention-buffer';

const kinds = (events: readonly NimEvent[]) => events.map((event) => event.kind);

describe('retention buffer', () => {
  it('holds everything, in order, until it is full', () => {
    const b = eventBuilder();
    const buffer = createRetentionBuffer(10);
    b.sdkGetInstance('i1');
    b.sdkLog('i1', 'info', 'one');
    b.wsCreate('s1');
    b.wsTraffic('s1', { framesIn: 1 });
    for (const event of b.events) expect(buffer.push(event)).toBeUndefined();
    expect(buffer.events()).toEqual(b.events);
  });

  it('evicts logs and traffic before the lifecycle, oldest first, and keeps a tenth for the newest logs', () => {
    const b = eventBuilder();
    const buffer = createRetentionBuffer(20);
    const lifecycle = [b.sdkGetInstance('i1'), b.wsCreate('s1'), b.wsOpen('s1'), b.sdkConnect('i1')];
    const evicted: NimEvent[] = [];
    for (const event of lifecycle) buffer.push(event);
    for (let n = 0; n < 1000; n++) {
      const gone = buffer.push(
        n % 10 === 0 ? b.wsTraffic('s1', { framesIn: n }) : b.sdkLog('i1', 'debug', `line ${n}`),
      );
      if (gone) evicted.push(gone);
    }
    const held = buffer.events();
    expect(held).toHaveLength(20);
    expect(held.slice(0, 4)).toEqual(lifecycle);
    expect(held.slice(4).every((event) => event.kind === 'sdk.log' || event.kind === 'ws.traffic')).toBe(true);
    // The newest chatty events are the ones held, and what went was the oldest.
    expect(held[held.length - 1]).toBe(b.events[b.events.length - 1]);
    expect(evicted).toEqual(b.events.slice(4, 4 + evicted.length));
    expect(held.map((event) => event.seq)).toEqual([...held.map((event) => event.seq)].sort((x, y) => x - y));

    // A lifecycle flood takes the room, down to the tenth kept for the newest logs.
    for (let n = 0; n < 100; n++) buffer.push(b.wsCreate(`churn${n}`));
    const after = buffer.events();
    expect(after).toHaveLength(20);
    expect(kinds(after).filter((kind) => kind === 'ws.create')).toHaveLength(18);
    expect(after.filter((event) => event.kind !== 'ws.create')).toEqual(held.slice(-2));
  });

  it('holds only lifecycle events when nothing chatty ever came, as a plain ring', () => {
    const b = eventBuilder();
    const buffer = createRetentionBuffer(5);
    for (let n = 0; n < 5000; n++) buffer.push(b.wsCreate(`s${n}`));
    expect(buffer.events()).toEqual(b.events.slice(-5));
  });
});

describe('the hook core over the retention buffer', () => {
  it('counts what it dropped by kind and keeps the connection the session began with', () => {
    let clock = 0;
    const core = createHookCore({ capacity: 100, now: () => ++clock, doc: 'abcd' });
    const alice = { flavour: 'NIM', account: 'alice', reused: false, changed: [], options: {} } as const;
    core.emit('sdk.getInstance', { ...alice, changed: [] }, { instanceId: 'i1' });
    core.emit('ws.create', { url: 'ws://127.0.0.1/websocket', protocols: [] }, { socketId: 's1' });
    core.emit('sdk.connect', { connectionId: 'c1' }, { instanceId: 'i1' });
    for (let n = 0; n < 1000; n++) core.emit('sdk.log', { level: 'debug', text: `line ${n}` }, { instanceId: 'i1' });
    for (let n = 0; n < 50; n++) {
      core.emit('ws.traffic', { framesIn: 1, framesOut: 0, bytesIn: 10, bytesOut: 0 }, { socketId: 's1' });
    }

    const events = core.events();
    expect(kinds(events).slice(0, 3)).toEqual(['sdk.getInstance', 'ws.create', 'sdk.connect']);
    const markers = events.filter((event) => event.kind === 'devtools.dropped');
    expect(markers.length).toBeGreaterThan(0);
    const last = markers[markers.length - 1];
    if (last?.kind !== 'devtools.dropped') throw new Error('no marker');
    expect(last.data.where).toBe('page');
    const byKind = last.data.byKind ?? {};
    expect(Object.keys(byKind)).toEqual(['sdk.log']);
    expect(byKind['sdk.log']).toBe(last.data.count);
  });
});
