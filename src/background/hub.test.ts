import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { createPortPair, type MessagePortLike } from '../model/ports';
import type { BackgroundToPanel, BackgroundToRelay, PanelToBackground, RelayToBackground } from '../model/protocol';
import { Hub } from './hub';
import { SessionRegistry } from './session-registry';
import { MemoryStore } from './storage';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function hookEvent(doc: string, seq: number, kind: NimEvent['kind'] = 'ws.open'): NimEvent {
  return { seq, t: 1000 + seq, kind, doc, data: { protocol: '', extensions: '' } } as NimEvent;
}

/** A relay's end of a port, recording what the background answered. */
function connectRelay(hub: Hub, tabId: number, frameId = 0) {
  const { left, right } = createPortPair<RelayToBackground, BackgroundToRelay>();
  hub.connectRelay(right, { tabId, frameId });
  const received: BackgroundToRelay[] = [];
  left.onMessage((m) => received.push(m));
  return { port: left as MessagePortLike<BackgroundToRelay, RelayToBackground>, received };
}

function connectPanel(hub: Hub, tabId: number, afterSeq = 0) {
  const { left, right } = createPortPair<PanelToBackground, BackgroundToPanel>();
  hub.connectPanel(right);
  const events: NimEvent[] = [];
  const messages: BackgroundToPanel[] = [];
  left.onMessage((m) => {
    messages.push(m);
    if (m.type === 'events') {
      if (m.reset) events.length = 0;
      events.push(...m.events);
    } else events.length = 0;
  });
  left.postMessage({ type: 'subscribe', tabId, afterSeq });
  return { port: left, events, messages };
}

describe('Hub', () => {
  it('stores a tab’s events behind a navigation marker and streams them to that tab’s panel only', async () => {
    const hub = new Hub(new SessionRegistry(new MemoryStore()), () => 5);
    const panelA = connectPanel(hub, 1);
    const panelB = connectPanel(hub, 2);
    const relay = connectRelay(hub, 1);
    relay.port.postMessage({ type: 'hello', doc: 'aaaa', url: 'https://a.test/' });
    relay.port.postMessage({ type: 'events', doc: 'aaaa', events: [hookEvent('aaaa', 1), hookEvent('aaaa', 2)] });
    await settle();
    expect(panelA.events.map((e) => [e.seq, e.kind, e.frameId])).toEqual([
      [1, 'page.navigate', 0],
      [2, 'ws.open', 0],
      [3, 'ws.open', 0],
    ]);
    expect(panelB.events).toEqual([]);
    expect(relay.received.at(-1)).toEqual({ type: 'resume', doc: 'aaaa', afterSeq: 2, replay: false });
  });

  it('loses nothing and doubles nothing when the worker restarts mid-session', async () => {
    const store = new MemoryStore();
    const first = new Hub(new SessionRegistry(store));
    const relay = connectRelay(first, 7);
    relay.port.postMessage({ type: 'hello', doc: 'd1', url: 'https://a.test/' });
    relay.port.postMessage({ type: 'events', doc: 'd1', events: [hookEvent('d1', 1), hookEvent('d1', 2)] });
    await settle();

    // The worker dies; a new one starts from storage alone. The relay says hello and replays all it holds.
    const second = new Hub(new SessionRegistry(store));
    const again = connectRelay(second, 7);
    again.port.postMessage({ type: 'hello', doc: 'd1', url: 'https://a.test/' });
    await settle();
    expect(again.received[0]).toEqual({ type: 'resume', doc: 'd1', afterSeq: 2, replay: true });
    again.port.postMessage({
      type: 'events',
      doc: 'd1',
      events: [hookEvent('d1', 2), hookEvent('d1', 3)],
    });
    await settle();
    const panel = connectPanel(second, 7);
    await settle();
    expect(panel.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(panel.events.filter((e) => e.kind === 'page.navigate')).toHaveLength(1);
  });

  it('gives a reconnecting panel only what it has not seen, and a full reset when its view is stale', async () => {
    const hub = new Hub(new SessionRegistry(new MemoryStore()));
    const relay = connectRelay(hub, 3);
    relay.port.postMessage({ type: 'hello', doc: 'd', url: 'u' });
    relay.port.postMessage({ type: 'events', doc: 'd', events: [hookEvent('d', 1), hookEvent('d', 2)] });
    await settle();
    const caughtUp = connectPanel(hub, 3, 2);
    const stale = connectPanel(hub, 3, 99);
    await settle();
    expect(caughtUp.messages[0]).toMatchObject({ reset: false });
    expect(caughtUp.events.map((e) => e.seq)).toEqual([3]);
    expect(stale.messages[0]).toMatchObject({ reset: true });
    expect(stale.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('keeps earlier documents on navigation unless preserve log is off', async () => {
    const hub = new Hub(new SessionRegistry(new MemoryStore()));
    const panel = connectPanel(hub, 4);
    const first = connectRelay(hub, 4);
    first.port.postMessage({ type: 'hello', doc: 'one', url: 'https://a.test/1' });
    first.port.postMessage({ type: 'events', doc: 'one', events: [hookEvent('one', 1)] });
    await settle();
    const second = connectRelay(hub, 4);
    second.port.postMessage({ type: 'hello', doc: 'two', url: 'https://a.test/2' });
    await settle();
    expect(panel.events.map((e) => e.kind)).toEqual(['page.navigate', 'ws.open', 'page.navigate']);

    panel.port.postMessage({ type: 'setPreserveLog', tabId: 4, preserve: false });
    const third = connectRelay(hub, 4);
    third.port.postMessage({ type: 'hello', doc: 'three', url: 'https://a.test/3' });
    await settle();
    const fresh = connectPanel(hub, 4);
    await settle();
    expect(fresh.events.map((e) => [e.kind, e.doc])).toEqual([['page.navigate', 'three']]);
    // The panel that was open saw the clear too, not only the new marker.
    expect(panel.events.map((e) => [e.kind, e.doc])).toEqual([['page.navigate', 'three']]);
  });

  it('marks iframes by frame and does not treat them as navigations', async () => {
    const hub = new Hub(new SessionRegistry(new MemoryStore()));
    const top = connectRelay(hub, 5, 0);
    const frame = connectRelay(hub, 5, 12);
    top.port.postMessage({ type: 'hello', doc: 'top', url: 'u' });
    frame.port.postMessage({ type: 'hello', doc: 'frm', url: 'u/frame' });
    frame.port.postMessage({ type: 'events', doc: 'frm', events: [hookEvent('frm', 1)] });
    await settle();
    const panel = connectPanel(hub, 5);
    await settle();
    expect(panel.events.map((e) => [e.kind, e.frameId])).toEqual([
      ['page.navigate', 0],
      ['ws.open', 12],
    ]);
  });

  it('bounds a tab’s memory, counting what the cap dropped', async () => {
    const hub = new Hub(new SessionRegistry(new MemoryStore(), 1_000));
    const relay = connectRelay(hub, 6);
    relay.port.postMessage({ type: 'hello', doc: 'd', url: 'u' });
    for (let batch = 0; batch < 6; batch++) {
      const events = Array.from({ length: 500 }, (_, i) => hookEvent('d', batch * 500 + i + 1));
      relay.port.postMessage({ type: 'events', doc: 'd', events });
    }
    await settle();
    const panel = connectPanel(hub, 6);
    await settle();
    expect(panel.events.length).toBeLessThanOrEqual(1_001);
    expect(panel.events.at(-1)?.kind).toBe('devtools.dropped');
    // Every stored event is either still there or counted as dropped; the newest are the ones kept.
    const last = panel.messages.at(-1);
    const lastSeq = panel.events.at(-1)?.seq ?? 0;
    expect(last?.type === 'events' && last.dropped + panel.events.length).toBe(lastSeq);
    const kept = panel.events.filter((e) => e.kind === 'ws.open');
    expect(kept.at(-1)?.seq).toBe(lastSeq - 1);
  });

  it('turns a relay’s reject report into a visible event and clears on request', async () => {
    const hub = new Hub(new SessionRegistry(new MemoryStore()));
    const relay = connectRelay(hub, 8);
    relay.port.postMessage({ type: 'hello', doc: 'd', url: 'u' });
    relay.port.postMessage({ type: 'rejected', count: 40_000, reason: 'forged window message' });
    await settle();
    const panel = connectPanel(hub, 8);
    await settle();
    expect(panel.events.at(-1)).toMatchObject({ kind: 'devtools.rejected', data: { count: 40_000 } });
    panel.port.postMessage({ type: 'clear', tabId: 8 });
    await settle();
    expect(panel.messages.at(-1)).toEqual({ type: 'cleared', tabId: 8 });
    const late = connectPanel(hub, 8);
    await settle();
    expect(late.events).toEqual([]);
  });

  it('sends faults to the relays of the panel’s tab only', async () => {
    const hub = new Hub(new SessionRegistry(new MemoryStore()));
    const mine = connectRelay(hub, 9);
    const other = connectRelay(hub, 10);
    const panel = connectPanel(hub, 9);
    panel.port.postMessage({ type: 'fault', tabId: 9, fault: 'drop' });
    await settle();
    expect(mine.received).toContainEqual({ type: 'fault', fault: 'drop' });
    expect(other.received).toEqual([]);
  });

  it('forgets a closed tab, in memory and in storage', async () => {
    const store = new MemoryStore();
    const hub = new Hub(new SessionRegistry(store));
    const relay = connectRelay(hub, 11);
    relay.port.postMessage({ type: 'hello', doc: 'd', url: 'u' });
    relay.port.postMessage({ type: 'events', doc: 'd', events: [hookEvent('d', 1)] });
    await settle();
    expect([...store.data.keys()].some((k) => k.startsWith('tab:11'))).toBe(true);
    await hub.forgetTab(11);
    expect([...store.data.keys()].some((k) => k.startsWith('tab:11'))).toBe(false);
  });
});

describe('SessionRegistry', () => {
  it('stores chunks as JSON text and, when the quota is full, gives up the oldest events with a marker', async () => {
    const store = new MemoryStore();
    const registry = new SessionRegistry(store);
    const session = await registry.get(1);
    session.noteDocument({ doc: 'd', url: 'u' }, { frameId: 0 }, 1);
    session.appendFromHook(
      'd',
      Array.from({ length: 1_200 }, (_, i) => hookEvent('d', i + 1)),
      { frameId: 0 },
    );
    await registry.persist(1);
    expect(typeof store.data.get('tab:1:0')).toBe('string');

    store.failWrites = 1;
    session.appendFromHook('d', [hookEvent('d', 1_201)], { frameId: 0 });
    await registry.persist(1);
    const reloaded = await new SessionRegistry(store).get(1);
    expect(reloaded.meta.dropped).toBe(500);
    expect(reloaded.events[0]?.seq).toBe(501);
    expect(reloaded.events.at(-1)).toMatchObject({ kind: 'devtools.dropped', data: { count: 500, where: 'session' } });
    expect(reloaded.events.filter((e) => e.kind === 'ws.open')).toHaveLength(1_201 - 499);
  });
});
