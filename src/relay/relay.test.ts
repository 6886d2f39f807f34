import { afterEach, describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { createPortPair, type MessagePortLike } from '../model/ports';
import { type BackgroundToRelay, HOOK_SOURCE, RELAY_SOURCE, type RelayToBackground } from '../model/protocol';
import { startRelay } from './relay';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** Just enough of a window: postMessage delivers MessageEvents (with transferred ports) asynchronously. */
class FakeWindow extends EventTarget {
  postMessage(data: unknown, _origin: string, transfer: MessagePort[] = []): void {
    setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data, ports: transfer })), 0);
  }
}

const openPorts: MessagePort[] = [];
afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

/** Starts a relay and plays the page hook: takes the handshake's port, as the real hook does. */
async function setup(sendDelayMs = 5) {
  const win = new FakeWindow();
  let hookPort: MessagePort | undefined;
  win.addEventListener('message', (event) => {
    const message = event as MessageEvent;
    if ((message.data as { source?: string }).source === RELAY_SOURCE) hookPort = message.ports[0];
  });
  const backgrounds: { port: MessagePortLike<RelayToBackground, BackgroundToRelay>; received: RelayToBackground[] }[] =
    [];
  const relay = startRelay({
    window: win as unknown as Window,
    rejectReportDelayMs: 5,
    sendDelayMs,
    connectBackground: () => {
      const { left, right } = createPortPair<RelayToBackground, BackgroundToRelay>();
      const received: RelayToBackground[] = [];
      right.onMessage((m) => received.push(m));
      backgrounds.push({ port: right, received });
      return left;
    },
  });
  await settle();
  if (!hookPort) throw new Error('no handshake');
  openPorts.push(hookPort);
  return { win, hookPort, relay, backgrounds };
}

const event = (seq: number, doc = 'doc1'): NimEvent => ({ seq, t: seq, kind: 'ws.error', doc, data: {} });

describe('relay', () => {
  it('connects to the background only once the hook has something to say', async () => {
    const { hookPort, backgrounds } = await setup();
    expect(backgrounds).toHaveLength(0);
    hookPort.postMessage({ type: 'hello', doc: 'doc1', url: 'https://x.test/' });
    hookPort.postMessage({ type: 'events', events: [event(1), event(2)] });
    await settle(20);
    expect(backgrounds).toHaveLength(1);
    expect(backgrounds[0]?.received).toEqual([
      { type: 'hello', doc: 'doc1', url: 'https://x.test/' },
      { type: 'events', doc: 'doc1', events: [event(1), event(2)] },
    ]);
  });

  it('gathers events that arrive one task at a time into one message, and sends at once when the page goes', async () => {
    const { win, hookPort, backgrounds } = await setup(100);
    hookPort.postMessage({ type: 'hello', doc: 'doc1', url: 'u' });
    for (const seq of [1, 2, 3]) {
      hookPort.postMessage({ type: 'events', events: [event(seq)] });
      await settle(); // a task of its own, as a socket's create, open and close are
    }
    await settle(150);
    const received = () => backgrounds[0]?.received.filter((m) => m.type === 'events') ?? [];
    expect(received()).toEqual([{ type: 'events', doc: 'doc1', events: [event(1), event(2), event(3)] }]);
    hookPort.postMessage({ type: 'events', events: [event(4)] });
    await settle();
    win.dispatchEvent(new Event('pagehide'));
    await settle(); // the port's delivery; the relay's own timer is far from due
    expect(received().at(-1)).toEqual({ type: 'events', doc: 'doc1', events: [event(4)] });
  });

  it('replays what the background had not confirmed after the worker was stopped', async () => {
    const { hookPort, relay, backgrounds } = await setup();
    hookPort.postMessage({ type: 'hello', doc: 'doc1', url: 'u' });
    hookPort.postMessage({ type: 'events', events: [event(1), event(2), event(3)] });
    await settle(20);
    const first = backgrounds[0];
    first?.port.postMessage({ type: 'resume', doc: 'doc1', afterSeq: 1, replay: false });
    await settle();
    expect(relay.unconfirmed()).toBe(2);
    first?.port.disconnect(); // the worker is stopped
    await settle();
    // It reconnected at once because two events were unconfirmed, and said hello again.
    const second = backgrounds[1];
    expect(second?.received[0]).toMatchObject({ type: 'hello', doc: 'doc1' });
    second?.port.postMessage({ type: 'resume', doc: 'doc1', afterSeq: 1, replay: true });
    await settle();
    expect(second?.received.slice(1)).toEqual([{ type: 'events', doc: 'doc1', events: [event(2), event(3)] }]);
  });

  it('rejects and counts malformed, forged and foreign-document messages, forwarding the good ones', async () => {
    const { win, hookPort, backgrounds } = await setup();
    hookPort.postMessage({ type: 'hello', doc: 'doc1', url: 'u' });
    await settle(); // the relay watches the window from the hook's hello on
    hookPort.postMessage({ type: 'events', events: [event(1), { seq: 2, kind: 'nope' }, event(3, 'other')] });
    hookPort.postMessage({ type: 'events', events: [{ ...event(4), data: JSON.parse('{"__proto__": {"x": 1}}') }] });
    hookPort.postMessage({ type: 'events', events: [{ ...event(5), data: { s: 'x'.repeat(100_000) } }] });
    hookPort.postMessage({ type: 'events', events: [{ ...event(6), kind: 'ws.close', data: { code: 'x' } }] });
    hookPort.postMessage('garbage');
    for (let i = 0; i < 1000; i++) win.postMessage({ source: HOOK_SOURCE, type: 'events', events: [] }, '*');
    await settle(40);
    const received = backgrounds[0]?.received ?? [];
    const forwarded = received.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []));
    expect(forwarded).toEqual([1]);
    const rejects = Object.fromEntries(received.flatMap((m) => (m.type === 'rejected' ? [[m.reason, m.count]] : [])));
    expect(rejects).toEqual({
      'unknown event kind': 1,
      'event of another document': 1,
      'ws.error: forbidden key __proto__': 1,
      'ws.error: string too long': 1,
      'ws.close: event.data.code: expected number, got string': 1,
      'message is not an object': 1,
      'forged window message': 1000,
    });
  });

  it('keeps no window listener on a page whose hook never says hello', async () => {
    const listened: string[] = [];
    class CountingWindow extends FakeWindow {
      override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
        listened.push(args[0]);
        super.addEventListener(...args);
      }
    }
    startRelay({
      window: new CountingWindow() as unknown as Window,
      connectBackground: () => {
        throw new Error('an idle page must not wake the background');
      },
    });
    await settle(10);
    expect(listened).toEqual([]);
  });

  it('passes a fault command from the background to the hook, and nothing from the page', async () => {
    const { hookPort, backgrounds } = await setup();
    const commands: unknown[] = [];
    hookPort.onmessage = (message) => commands.push(message.data);
    hookPort.postMessage({ type: 'hello', doc: 'doc1', url: 'u' });
    await settle();
    backgrounds[0]?.port.postMessage({ type: 'fault', fault: 'stall', durationMs: 9000 });
    await settle();
    expect(commands).toEqual([{ type: 'fault', fault: 'stall', durationMs: 9000 }]);
  });
});
