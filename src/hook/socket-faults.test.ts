import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NimEvent } from '../model/events';
import { createHookCore } from './core';
import { instrumentWebSocket } from './websocket';
import { createFakeWindow, type FakeNativeWebSocket } from './websocket.fixture';

function setup() {
  const fake = createFakeWindow();
  const core = createHookCore({ capacity: 10_000, doc: 'doc1' });
  let constructing: string | undefined;
  const registry = instrumentWebSocket(fake.win, core, { ownerOf: () => constructing });
  if (!registry) throw new Error('the hook did not install');
  const PageWebSocket = fake.win.WebSocket;
  /** Creates a page socket (owned by `owner`) and a log of what its page listeners saw. */
  function open(url = 'ws://link.example/websocket', owner?: string) {
    constructing = owner;
    const ws = new PageWebSocket(url);
    constructing = undefined;
    const native = fake.network.sockets.at(-1) as FakeNativeWebSocket;
    const seen: string[] = [];
    for (const type of ['open', 'message', 'error', 'close']) {
      ws.addEventListener(type, (event) => {
        if (event instanceof MessageEvent) seen.push(`message ${String(event.data)}`);
        else if (type === 'close') {
          const close = event as CloseEvent;
          seen.push(`close ${close.code} ${String(close.wasClean)} rs=${ws.readyState}`);
        } else seen.push(`${type} rs=${ws.readyState}`);
      });
    }
    return { ws, native, seen };
  }
  const kinds = () => core.events().map((event) => event.kind);
  const faultEvents = () =>
    core
      .events()
      .filter((event) => event.kind.startsWith('fault.'))
      .map(({ kind, data, socketId, instanceId }: NimEvent) => ({ kind, data, socketId, instanceId }));
  return { ...fake, core, registry, open, kinds, faultEvents };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('drop', () => {
  it('really closes an open socket and shows the page a network failure', () => {
    const { registry, open, core, faultEvents } = setup();
    const { native, seen } = open();
    native.serverOpen();

    expect(registry.faults.drop({}, 'panel')).toBe(1);
    expect(native.closeCalls).toEqual([[]]); // the server is told, so it lets the socket go
    native.serverMessage('late'); // arrives while closing: a dead link would never deliver it
    vi.advanceTimersByTime(5);

    expect(seen).toEqual(['open rs=1', 'close 1006 false rs=3']);
    expect(core.events().find((event) => event.kind === 'ws.close')?.data).toEqual({
      code: 1006,
      reason: '',
      wasClean: false,
    });
    expect(faultEvents()).toEqual([
      { kind: 'fault.start', data: { fault: 'drop', by: 'panel' }, socketId: undefined, instanceId: undefined },
      { kind: 'fault.end', data: { fault: 'drop' }, socketId: undefined, instanceId: undefined },
    ]);
    expect(registry.live()).toEqual([]);
  });

  it('records fault.end only once the dropped socket’s close reached the page', () => {
    const { registry, open, kinds } = setup();
    open().native.serverOpen();
    registry.faults.drop({}, 'page');
    expect(kinds()).toEqual(['ws.create', 'ws.open', 'fault.start']);
    vi.advanceTimersByTime(5);
    expect(kinds()).toEqual(['ws.create', 'ws.open', 'fault.start', 'ws.close', 'fault.end']);
  });

  it('drops only the sockets the filter names', () => {
    const { registry, open, faultEvents } = setup();
    const a = open('ws://a.example/', 'doc1-i1');
    const b = open('ws://b.example/', 'doc1-i2');
    a.native.serverOpen();
    b.native.serverOpen();

    expect(registry.faults.drop({ instanceId: 'doc1-i2' }, 'panel')).toBe(1);
    vi.advanceTimersByTime(5);
    expect(a.seen).toEqual(['open rs=1']);
    expect(b.seen).toEqual(['open rs=1', 'close 1006 false rs=3']);
    expect(faultEvents()[0]).toMatchObject({ instanceId: 'doc1-i2' });
    expect(registry.faults.drop({ socketId: 'doc1-s99' }, 'panel')).toBe(0);
  });

  it('lets a connecting socket fail natively (error, then close 1006)', () => {
    const { registry, open } = setup();
    const { seen } = open();
    expect(registry.faults.drop({}, 'panel')).toBe(1);
    vi.advanceTimersByTime(5);
    expect(seen).toEqual(['error rs=3', 'close 1006 false rs=3']);
  });

  it('leaves a socket alone that the page is already closing', () => {
    const { registry, open } = setup();
    const { ws, native, seen } = open();
    native.serverOpen();
    ws.close(1000);
    expect(registry.faults.drop({}, 'panel')).toBe(0);
    vi.advanceTimersByTime(5);
    expect(seen).toEqual(['open rs=1', 'close 1000 true rs=3']);
  });
});

describe('offline', () => {
  it('makes new sockets fail like a dead network without reaching the server, for the given time', () => {
    const { registry, open, network, faultEvents, core } = setup();
    registry.faults.offline(3000, 'panel');

    const { ws, seen } = open('ws://link.example/websocket?x=1');
    expect(ws.readyState).toBe(0);
    expect(ws.url).toBe('ws://link.example/websocket?x=1');
    vi.advanceTimersByTime(5);
    expect(seen).toEqual(['error rs=3', 'close 1006 false rs=3']);
    expect(network.connections).toEqual([]);
    expect(core.events().find((event) => event.kind === 'ws.create')?.data).toEqual({
      url: 'ws://link.example/websocket?x=1',
      protocols: [],
    });

    vi.advanceTimersByTime(3000);
    open('ws://link.example/websocket');
    expect(network.connections).toEqual(['ws://link.example/websocket']);
    expect(faultEvents().map((event) => event.data)).toEqual([
      { fault: 'offline', durationMs: 3000, by: 'panel' },
      { fault: 'offline' },
    ]);
  });

  it('resolves the URL as the native constructor would, against the document', () => {
    const { registry, win } = setup();
    registry.faults.offline(1000, 'page');
    expect(new win.WebSocket('/socket').url).toBe('wss://app.example/socket');
    expect(new win.WebSocket('http://Link.Example:80/a b').url).toBe('ws://link.example/a%20b');
  });

  it('still throws the native error for a URL the constructor refuses, and converts the URL once', () => {
    const { registry, win, network } = setup();
    registry.faults.offline(1000, 'page');
    expect(() => new win.WebSocket('ws://link.example/#frag')).toThrow(
      "Failed to construct 'WebSocket': The URL contains a fragment identifier.",
    );
    expect(() => new win.WebSocket('ws://')).toThrow("Failed to construct 'WebSocket': The URL 'ws://' is invalid.");
    expect(() => new win.WebSocket('ftp://link.example/')).toThrow(/scheme/);
    expect(network.connections).toEqual([]);
    const convert = vi.fn(() => 'ws://link.example/');
    new win.WebSocket({ toString: convert } as unknown as string);
    expect(convert).toHaveBeenCalledTimes(1);
  });

  it('leaves sockets that were already open alone', () => {
    const { registry, open } = setup();
    const { native, seen } = open();
    native.serverOpen();
    registry.faults.offline(1000, 'panel');
    native.serverMessage('still here');
    expect(seen).toEqual(['open rs=1', 'message still here']);
  });
});

describe('stall', () => {
  it('holds incoming messages, then delivers them in order, one task each', () => {
    const { registry, open, core, faultEvents } = setup();
    const { native, seen } = open();
    native.serverOpen();
    expect(registry.faults.stall(2000, {}, 'panel')).toBe(1);
    native.serverMessage('1');
    native.serverMessage('2');
    vi.advanceTimersByTime(1999);
    expect(seen).toEqual(['open rs=1']);
    // Traffic counts the frames when they arrived over the network.
    expect(core.events().find((event) => event.kind === 'ws.traffic')?.data).toMatchObject({ framesIn: 2 });

    vi.advanceTimersByTime(1);
    expect(faultEvents().map((event) => event.kind)).toEqual(['fault.start', 'fault.end']);
    // The deliveries are tasks of their own, as if the network delivered them now.
    expect(seen).toEqual(['open rs=1']);
    expect(vi.getTimerCount()).toBe(2);
    native.serverMessage('3'); // arrives while the held ones drain: it queues behind them
    expect(seen).toEqual(['open rs=1']);
    expect(vi.getTimerCount()).toBe(4); // one more delivery, and the traffic flush its frame armed
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['open rs=1', 'message 1', 'message 2', 'message 3']);
    native.serverMessage('4');
    expect(seen.at(-1)).toBe('message 4');
  });

  it('stalls only message events, and only of the sockets the filter names, including new ones', () => {
    const { registry, open } = setup();
    const a = open('ws://a.example/', 'doc1-i1');
    a.native.serverOpen();
    registry.faults.stall(1000, { instanceId: 'doc1-i2' }, 'panel');
    const b = open('ws://b.example/', 'doc1-i2');
    b.native.serverOpen();
    a.native.serverMessage('a');
    b.native.serverMessage('b');
    expect(a.seen).toEqual(['open rs=1', 'message a']);
    expect(b.seen).toEqual(['open rs=1']);
    vi.advanceTimersByTime(1001);
    expect(b.seen).toEqual(['open rs=1', 'message b']);
  });

  it('delivers held messages before a close that comes during the stall', () => {
    const { registry, open } = setup();
    const { native, seen } = open();
    native.serverOpen();
    registry.faults.stall(5000, {}, 'panel');
    native.serverMessage('1');
    native.serverClose(1001, 'going away', true);
    expect(seen).toEqual(['open rs=1', 'message 1', 'close 1001 true rs=3']);
    vi.advanceTimersByTime(6000);
    expect(seen).toHaveLength(3);
  });

  it('waits for the last of two overlapping stalls', () => {
    const { registry, open } = setup();
    const { native, seen } = open();
    native.serverOpen();
    registry.faults.stall(1000, {}, 'panel');
    registry.faults.stall(3000, {}, 'page');
    native.serverMessage('1');
    vi.advanceTimersByTime(2000);
    expect(seen).toEqual(['open rs=1']);
    vi.advanceTimersByTime(1001);
    expect(seen).toEqual(['open rs=1', 'message 1']);
  });
});
