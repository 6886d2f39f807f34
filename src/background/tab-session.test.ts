import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { eventBuilder } from '../session/test-events';
import { SessionRegistry } from './session-registry';
import { MemoryStore } from './storage';
import { CHUNK_SIZE, TabSession } from './tab-session';

/** A debug session as the real SDK makes one: a login, then mostly logs and some traffic. */
function debugSession(logs: number): NimEvent[] {
  const b = eventBuilder({ doc: 'd' });
  b.sdkGetInstance('i1', { account: 'alice' });
  b.wsCreate('s1', undefined, { instanceId: 'i1' });
  b.wsOpen('s1');
  b.sdkConnect('i1');
  for (let n = 0; n < logs; n++) {
    if (n % 50 === 49) b.wsTraffic('s1', { framesIn: 2, bytesIn: 100 });
    else b.sdkLog('i1', 'debug', `line ${n}`);
  }
  return b.take();
}

const kindsOf = (events: readonly NimEvent[]) => new Set(events.map((event) => event.kind));

describe('TabSession retention by importance', () => {
  it('keeps the login of a session that logs far past the cap, and counts what it dropped by kind', () => {
    const session = TabSession.empty(1, 2_000);
    const sent = debugSession(10_000);
    for (let i = 0; i < sent.length; i += 500) session.appendFromHook('d', sent.slice(i, i + 500), { frameId: 0 });

    const held = session.allEvents();
    expect(session.size).toBeLessThanOrEqual(2_000 + 1);
    expect(held.slice(0, 4).map((event) => event.kind)).toEqual([
      'sdk.getInstance',
      'ws.create',
      'ws.open',
      'sdk.connect',
    ]);
    expect(held.map((event) => event.seq)).toEqual([...held.map((event) => event.seq)].sort((a, b) => a - b));
    // The newest events are all there, without a gap.
    const window = session.events;
    expect(window.at(-1)?.seq).toBe(session.lastSeq());
    expect(window.every((event, i) => i === 0 || event.seq === (window[i - 1] as NimEvent).seq + 1)).toBe(true);

    const markers = held.filter((event) => event.kind === 'devtools.dropped');
    let dropped = 0;
    const byKind: Record<string, number> = {};
    for (const marker of markers) {
      if (marker.kind !== 'devtools.dropped') continue;
      dropped += marker.data.count;
      for (const [kind, n] of Object.entries(marker.data.byKind ?? {})) byKind[kind] = (byKind[kind] ?? 0) + n;
    }
    expect(kindsOf(Object.keys(byKind).map((kind) => ({ kind }) as NimEvent))).toEqual(
      new Set(['sdk.log', 'ws.traffic']),
    );
    expect(Object.values(byKind).reduce((a, b) => a + b, 0)).toBe(dropped);
    // Nothing unaccounted for: held (markers aside) plus dropped is everything sent.
    expect(held.length - markers.length + dropped).toBe(sent.length);
    expect(session.meta.dropped).toBe(dropped);
  });

  it('lets the oldest lifecycle events go once they fill half the cap', () => {
    const session = TabSession.empty(1, 1_000);
    const b = eventBuilder({ doc: 'd' });
    for (let n = 0; n < 5_000; n++) b.wsCreate(`s${n}`);
    session.appendFromHook('d', b.take(), { frameId: 0 });
    expect(session.size).toBeLessThanOrEqual(1_001);
    const held = session.allEvents();
    expect(held.at(-2)?.seq).toBe(5_000);
    const marker = held.at(-1);
    expect(marker?.kind === 'devtools.dropped' && marker.data.byKind).toEqual({ 'ws.create': session.meta.dropped });
  });

  it('survives a worker restart: the kept events come back from their thinned chunks, and clear removes them', async () => {
    const store = new MemoryStore();
    const registry = new SessionRegistry(store, 2_000);
    const session = await registry.get(3);
    const sent = debugSession(6_000);
    for (let i = 0; i < sent.length; i += 500) session.appendFromHook('d', sent.slice(i, i + 500), { frameId: 0 });
    await registry.persist(3);

    const restarted = new SessionRegistry(store, 2_000);
    const reloaded = await restarted.get(3);
    expect(reloaded.allEvents()).toEqual(session.allEvents());
    expect(reloaded.meta.firstChunk).toBe(0);
    // Appending after the restart goes on from where it was.
    const more = debugSession(3_000).map((event) => ({ ...event, seq: event.seq + sent.length }));
    reloaded.appendFromHook('d', more, { frameId: 0 });
    expect(
      reloaded
        .allEvents()
        .slice(0, 4)
        .map((event) => event.kind),
    ).toEqual(['sdk.getInstance', 'ws.create', 'ws.open', 'sdk.connect']);

    await restarted.persist(3);
    expect((await new SessionRegistry(store, 2_000).get(3)).allEvents()).toEqual(reloaded.allEvents());

    reloaded.clear();
    await restarted.persist(3);
    expect([...store.data.keys()].filter((key) => key.startsWith('tab:3:'))).toEqual([]);
  });

  it('stores every chunk it holds, and only those', async () => {
    const store = new MemoryStore();
    const registry = new SessionRegistry(store, 2_000);
    const session = await registry.get(4);
    const sent = debugSession(8_000);
    for (let i = 0; i < sent.length; i += 700) {
      session.appendFromHook('d', sent.slice(i, i + 700), { frameId: 0 });
      await registry.persist(4);
    }
    const chunks = [...store.data.keys()]
      .filter((key) => key.startsWith('tab:4:'))
      .map((key) => Number(key.split(':')[2]));
    const expected = [...new Set(session.allEvents().map((event) => Math.floor((event.seq - 1) / CHUNK_SIZE)))];
    expect(chunks.sort((a, b) => a - b)).toEqual(expected);
  });
});
