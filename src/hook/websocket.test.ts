import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NimEvent } from '../model/events';
import { createLinkWatch } from '../wire/reader';
import { createHookCore, type HookCore } from './core';
import { instrumentWebSocket, type SocketRegistry, type WebSocketHookOptions } from './websocket';
import { createFakeWindow, type FakeNativeWebSocket, type FakeWindow } from './websocket.fixture';

interface Setup extends FakeWindow {
  core: HookCore;
  registry: SocketRegistry;
  /** `window.WebSocket` as the page sees it after the hook is installed. */
  PageWebSocket: typeof WebSocket;
  /** The native socket behind the page's latest `new WebSocket(...)`. */
  lastNative(): FakeNativeWebSocket;
  events(kind?: NimEvent['kind']): NimEvent[];
}

function setup(options?: WebSocketHookOptions, core = createHookCore({ capacity: 100_000, doc: 'doc1' })): Setup {
  const fake = createFakeWindow();
  const registry = instrumentWebSocket(fake.win, core, options);
  if (!registry) throw new Error('the hook did not install');
  return {
    ...fake,
    core,
    registry,
    PageWebSocket: fake.win.WebSocket,
    lastNative: () => {
      const socket = fake.network.sockets.at(-1);
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
    events: (kind) => core.events().filter((event) => kind === undefined || event.kind === kind),
  };
}

/** A page listener log: which listener saw which event, in order. */
function record(socket: EventTarget, types: string[], log: string[], tag = 'page'): void {
  for (const type of types) {
    socket.addEventListener(type, (event) => {
      const detail = event instanceof MessageEvent ? ` ${String(event.data)}` : '';
      const close = 'code' in event ? ` ${String(event.code)} ${String((event as CloseEvent).wasClean)}` : '';
      log.push(`${tag}:${type}${detail}${close}`);
    });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('lifecycle events', () => {
  it('records create, open, error and close with the socket id and the owner instance', () => {
    const { PageWebSocket, lastNative, events } = setup({ ownerOf: () => 'doc1-i7' });
    const ws = new PageWebSocket('ws://link.example/websocket', ['nim', 'v2']);
    lastNative().serverOpen('nim');
    lastNative().serverClose(4001, 'bye', true);

    expect(events().map(({ kind, socketId, instanceId, data }) => ({ kind, socketId, instanceId, data }))).toEqual([
      {
        kind: 'ws.create',
        socketId: 'doc1-s1',
        instanceId: 'doc1-i7',
        data: { url: 'ws://link.example/websocket', protocols: ['nim', 'v2'] },
      },
      { kind: 'ws.open', socketId: 'doc1-s1', instanceId: 'doc1-i7', data: { protocol: 'nim', extensions: '' } },
      {
        kind: 'ws.close',
        socketId: 'doc1-s1',
        instanceId: 'doc1-i7',
        data: { code: 4001, reason: 'bye', wasClean: true },
      },
    ]);
    expect(ws.readyState).toBe(3);
  });

  it('gives every socket its own id and calls ownerOf once, synchronously, in the constructor', () => {
    const owners = ['doc1-i1', undefined];
    const ownerOf = vi.fn(() => owners.shift());
    const { PageWebSocket, events, registry } = setup({ ownerOf });
    const first = new PageWebSocket('ws://a.example/');
    expect(ownerOf).toHaveBeenCalledTimes(1);
    const second = new PageWebSocket('ws://b.example/', 'chat');

    const creates = events('ws.create');
    expect(creates.map((event) => [event.socketId, event.instanceId])).toEqual([
      ['doc1-s1', 'doc1-i1'],
      ['doc1-s2', undefined],
    ]);
    expect(creates[1]?.data).toEqual({ url: 'ws://b.example/', protocols: ['chat'] });
    expect(registry.live()).toEqual([
      { socketId: 'doc1-s1', instanceId: 'doc1-i1', socket: first },
      { socketId: 'doc1-s2', socket: second },
    ]);
  });

  it('learns an owner unknown in the constructor after it returned, or at open, and stamps later events', async () => {
    const owners = new Map<unknown, string>();
    const { PageWebSocket, network, lastNative, events, registry } = setup({ ownerOf: (socket) => owners.get(socket) });
    const first = new PageWebSocket('ws://a.example/');
    owners.set(first, 'doc1-i1'); // the SDK stores its socket once the constructor returned
    await Promise.resolve();
    expect(registry.live()[0]?.instanceId).toBe('doc1-i1');

    new PageWebSocket('ws://b.example/');
    await Promise.resolve();
    owners.set(lastNative(), 'doc1-i2');
    for (const native of network.sockets) native.serverOpen();

    expect(events().map(({ kind, socketId, instanceId }) => [kind, socketId, instanceId])).toEqual([
      ['ws.create', 'doc1-s1', undefined],
      ['ws.create', 'doc1-s2', undefined],
      ['ws.open', 'doc1-s1', 'doc1-i1'],
      ['ws.open', 'doc1-s2', 'doc1-i2'],
    ]);
  });

  it('records an error before the close of a socket that failed to connect', () => {
    const { PageWebSocket, events } = setup();
    const ws = new PageWebSocket('ws://a.example/');
    ws.close();
    vi.advanceTimersByTime(5);
    expect(events().map((event) => event.kind)).toEqual(['ws.create', 'ws.error', 'ws.close']);
    expect(events('ws.close')[0]?.data).toEqual({ code: 1006, reason: '', wasClean: false });
  });

  it('forgets a socket once it closed', () => {
    const { PageWebSocket, lastNative, registry } = setup();
    new PageWebSocket('ws://a.example/');
    lastNative().serverOpen();
    expect(registry.live()).toHaveLength(1);
    lastNative().serverClose(1000, '', true);
    expect(registry.live()).toEqual([]);
  });

  it('closes a live socket with the native close, so the page sees its real close', () => {
    const { PageWebSocket, lastNative, registry } = setup();
    const ws = new PageWebSocket('ws://a.example/');
    lastNative().serverOpen();
    const log: string[] = [];
    record(ws, ['close'], log);

    expect(registry.close('doc1-s1', 4000, 'enough')).toBe(true);
    expect(registry.close('doc1-s99')).toBe(false);
    vi.advanceTimersByTime(5);
    expect(lastNative().closeCalls).toEqual([[4000, 'enough']]);
    expect(log).toEqual(['page:close 4000 true']);
  });
});

describe('traffic', () => {
  it('aggregates frames and exact bytes per socket and flushes once per interval, never per frame', () => {
    const { PageWebSocket, lastNative, events } = setup({ trafficIntervalMs: 1000 });
    const ws = new PageWebSocket('ws://a.example/');
    const native = lastNative();
    native.serverOpen();
    for (let i = 0; i < 10_000; i++) native.serverMessage('ping');
    native.serverMessage('héllo €😀'); // h é l l o ␠ € 😀: 1+2+1+1+1+1+3+4 = 14 bytes
    native.serverMessage(new ArrayBuffer(16));
    native.serverMessage(new Blob(['abc']));
    ws.send('ok');
    ws.send(new Uint8Array(8));
    ws.send(new DataView(new ArrayBuffer(5)));
    ws.send(new Blob(['12345678']));
    ws.send(new ArrayBuffer(3));

    expect(events('ws.traffic')).toEqual([]);
    expect(events()).toHaveLength(2); // create, open: nothing per frame
    vi.advanceTimersByTime(1000);
    const traffic = events('ws.traffic');
    expect(traffic).toHaveLength(1);
    expect(traffic[0]?.socketId).toBe('doc1-s1');
    expect(traffic[0]?.data).toEqual({
      framesIn: 10_003,
      framesOut: 5,
      bytesIn: 40_000 + 14 + 16 + 3,
      bytesOut: 2 + 8 + 5 + 8 + 3,
    });
  });

  it('keeps no timer while nothing flows, and reports only what came since the last flush', () => {
    const { PageWebSocket, lastNative, events } = setup({ trafficIntervalMs: 1000 });
    new PageWebSocket('ws://a.example/');
    lastNative().serverOpen();
    lastNative().serverMessage('a');
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    lastNative().serverMessage('bc');
    vi.advanceTimersByTime(1000);
    expect(events('ws.traffic').map((event) => event.data)).toEqual([
      { framesIn: 1, framesOut: 0, bytesIn: 1, bytesOut: 0 },
      { framesIn: 1, framesOut: 0, bytesIn: 2, bytesOut: 0 },
    ]);
  });

  it('flushes a socket’s pending traffic right before its close', () => {
    const { PageWebSocket, lastNative, events } = setup();
    new PageWebSocket('ws://a.example/');
    lastNative().serverOpen();
    lastNative().serverMessage('abc');
    lastNative().serverClose(1000, '', true);
    expect(events().map((event) => event.kind)).toEqual(['ws.create', 'ws.open', 'ws.traffic', 'ws.close']);
    vi.advanceTimersByTime(1000);
    expect(events('ws.traffic')).toHaveLength(1);
  });

  it('does not count sends that never reach the wire or throw, nor events the page dispatches itself', () => {
    const { PageWebSocket, lastNative, events } = setup();
    const ws = new PageWebSocket('ws://a.example/');
    expect(() => ws.send('too early')).toThrow('Still in CONNECTING state.');
    lastNative().serverOpen();
    ws.dispatchEvent(new MessageEvent('message', { data: 'forged' }));
    ws.dispatchEvent(new Event('close'));
    ws.close();
    ws.send('while closing');
    vi.advanceTimersByTime(1000);
    expect(events('ws.traffic')).toEqual([]);
    expect(events('ws.close')).toHaveLength(1);
  });

  it('counts every frame even when a page listener stops the event', () => {
    const { PageWebSocket, lastNative, events } = setup();
    const ws = new PageWebSocket('ws://a.example/');
    ws.addEventListener('message', (event) => event.stopImmediatePropagation());
    lastNative().serverOpen();
    lastNative().serverMessage('x');
    lastNative().serverMessage('y');
    vi.advanceTimersByTime(1000);
    expect(events('ws.traffic')[0]?.data).toMatchObject({ framesIn: 2 });
  });
});

describe('which sockets are counted', () => {
  /** As installed in pages: with a link watch that tells NIM link sockets apart. */
  function withLinkWatch(ownerOf?: WebSocketHookOptions['ownerOf']) {
    const core = createHookCore({ capacity: 100_000, doc: 'doc1' });
    return setup({ link: createLinkWatch(globalThis, core, { apiInstanceFor: () => undefined }), ownerOf }, core);
  }

  it('reads no frame of a socket that is no NIM link: no listener, no traffic, and ws.create says so', () => {
    const { PageWebSocket, lastNative, events } = withLinkWatch();
    const ws = new PageWebSocket('ws://push.example/feed');
    const native = lastNative();
    const addListener = vi.spyOn(native, 'addEventListener');
    native.serverOpen();
    native.serverMessage('hello');
    ws.send('ok');
    vi.advanceTimersByTime(1000);
    expect(events('ws.traffic')).toEqual([]);
    expect(events('ws.create')[0]?.data).toEqual({ url: 'ws://push.example/feed', protocols: [], counted: false });
    expect(addListener).not.toHaveBeenCalled();
  });

  it('counts the frames of NIM link candidates and of sockets an SDK instance made', () => {
    const { PageWebSocket, lastNative, events } = withLinkWatch((socket) =>
      socket.url.includes('owned') ? 'doc1-i1' : undefined,
    );
    new PageWebSocket('ws://link.example/websocket');
    lastNative().serverOpen();
    lastNative().serverMessage('x');
    new PageWebSocket('ws://other.example/owned');
    lastNative().serverOpen();
    lastNative().serverMessage('y');
    vi.advanceTimersByTime(1000);
    expect(events('ws.create').map((event) => event.data)).toEqual([
      { url: 'ws://link.example/websocket', protocols: [] },
      { url: 'ws://other.example/owned', protocols: [] },
    ]);
    expect(events('ws.traffic').map((event) => (event.kind === 'ws.traffic' ? event.data.framesIn : -1))).toEqual([
      1, 1,
    ]);
  });
});

describe('transparency', () => {
  it('keeps the constructor’s name, length, statics, prototype and printed source', () => {
    const { PageWebSocket, NativeWebSocket, win } = setup();
    const print = win.Function.prototype.toString;
    expect(PageWebSocket).not.toBe(NativeWebSocket);
    expect(PageWebSocket.name).toBe('WebSocket');
    expect(PageWebSocket.length).toBe(NativeWebSocket.length);
    expect([PageWebSocket.CONNECTING, PageWebSocket.OPEN, PageWebSocket.CLOSING, PageWebSocket.CLOSED]).toEqual([
      0, 1, 2, 3,
    ]);
    expect(Object.getOwnPropertyNames(PageWebSocket)).toEqual(Object.getOwnPropertyNames(NativeWebSocket));
    expect(PageWebSocket.prototype).toBe(NativeWebSocket.prototype);
    expect(PageWebSocket.prototype.constructor).toBe(PageWebSocket);
    expect(print.call(PageWebSocket)).toBe(print.call(NativeWebSocket));
    expect(print.call(PageWebSocket.prototype.send)).toMatch(/^send\(\.\.\.args\) \{/);
    expect(print.call(print)).toBe('function toString() { [native code] }');
    expect(PageWebSocket.prototype.send.name).toBe('send');
  });

  it('builds the native socket itself: instanceof, constructor and prototype hold', () => {
    const { PageWebSocket, lastNative } = setup();
    const ws = new PageWebSocket('ws://a.example/');
    expect(ws).toBe(lastNative());
    expect(ws).toBeInstanceOf(PageWebSocket);
    expect(ws).toBeInstanceOf(EventTarget);
    expect(ws.constructor).toBe(PageWebSocket);
    expect(Object.getPrototypeOf(ws)).toBe(PageWebSocket.prototype);
    expect(Object.getOwnPropertyNames(ws)).toEqual(['received', 'closeCalls']); // the fake's own fields only
  });

  it('respects new.target: subclasses get their own prototype and are tracked', () => {
    const { PageWebSocket, events } = setup();
    class Tagged extends PageWebSocket {
      readonly madeBy: string;
      constructor(url: string) {
        super(url);
        this.madeBy = new.target.name;
      }
    }
    const socket = new Tagged('ws://a.example/');
    expect(Object.getPrototypeOf(socket)).toBe(Tagged.prototype);
    expect(socket).toBeInstanceOf(PageWebSocket);
    expect(socket.constructor).toBe(Tagged);
    expect(socket.madeBy).toBe('Tagged');
    // Node's EventTarget brand-checks through `constructor`, so this prototype keeps the inherited one.
    function Plain() {}
    Plain.prototype = Object.create(PageWebSocket.prototype);
    const viaReflect = Reflect.construct(PageWebSocket, ['ws://b.example/'], Plain);
    expect(Object.getPrototypeOf(viaReflect)).toBe(Plain.prototype);
    expect(events().map((event) => event.kind)).toEqual(['ws.create', 'ws.create']);
  });

  it('throws exactly what the native throws, and records nothing for it', () => {
    const { PageWebSocket, NativeWebSocket, events } = setup();
    const thrown = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return { type: (error as Error).constructor, name: (error as Error).name, message: (error as Error).message };
      }
      return 'nothing thrown';
    };
    const call = (Ctor: unknown) => () => (Ctor as (url: string) => unknown)('ws://a.example/');
    expect(thrown(call(PageWebSocket))).toEqual(thrown(call(NativeWebSocket)));
    expect(thrown(() => new PageWebSocket('not a url'))).toEqual(thrown(() => new NativeWebSocket('not a url')));
    expect(thrown(() => new PageWebSocket('ftp://a.example/'))).toMatchObject({ name: 'SyntaxError' });
    expect(thrown(() => PageWebSocket.prototype.send.call({}, 'x'))).toEqual({
      type: TypeError,
      name: 'TypeError',
      message: 'Illegal invocation',
    });
    expect(events()).toEqual([]);
  });

  it('delivers to the page’s listeners in order, once listeners fire once', () => {
    const { PageWebSocket, lastNative } = setup();
    const ws = new PageWebSocket('ws://a.example/');
    const log: string[] = [];
    record(ws, ['open', 'message', 'close'], log, 'a');
    ws.addEventListener('message', (event) => log.push(`once ${String(event.data)}`), { once: true });
    record(ws, ['message'], log, 'b');
    lastNative().serverOpen();
    lastNative().serverMessage('1');
    lastNative().serverMessage('2');
    lastNative().serverClose(1000, '', true);
    expect(log).toEqual([
      'a:open',
      'a:message 1',
      'once 1',
      'b:message 1',
      'a:message 2',
      'b:message 2',
      'a:close 1000 true',
    ]);
  });
});

describe('hook errors never reach the page', () => {
  it('survives a throwing ownerOf and reports it', () => {
    const { PageWebSocket, events } = setup({
      ownerOf: () => {
        throw new Error('owner lookup broke');
      },
    });
    const ws = new PageWebSocket('ws://a.example/');
    expect(ws).toBeInstanceOf(PageWebSocket);
    expect(events('devtools.hookError')[0]?.data).toMatchObject({
      where: 'ws.ownerOf',
      message: 'Error: owner lookup broke',
    });
    expect(events('ws.create')).toHaveLength(1);
  });

  it('survives a failing core in the constructor, the frame path and the close', () => {
    const real = createHookCore({ capacity: 1000, doc: 'doc1' });
    const broken: HookCore = {
      ...real,
      emit(kind, data, ids) {
        if (kind !== 'devtools.hookError') throw new Error(`emit ${kind} broke`);
        real.emit(kind, data, ids);
      },
    };
    const { PageWebSocket, lastNative, events } = setup(undefined, broken);
    const ws = new PageWebSocket('ws://a.example/');
    const log: string[] = [];
    record(ws, ['open', 'message', 'close'], log);
    lastNative().serverOpen();
    lastNative().serverMessage('x');
    vi.advanceTimersByTime(1000);
    lastNative().serverClose(1000, '', true);
    expect(log).toEqual(['page:open', 'page:message x', 'page:close 1000 true']);
    expect(events('devtools.hookError').map((event) => event.data)).toEqual([
      expect.objectContaining({ where: 'ws.construct', message: 'Error: emit ws.create broke' }),
      expect.objectContaining({ where: 'ws.open' }),
      expect.objectContaining({ where: 'ws.traffic' }),
      expect.objectContaining({ where: 'ws.close' }),
    ]);
  });

  it('survives an exception on the per-frame path and still delivers the frame', () => {
    const fake = createFakeWindow();
    // A Blob global that makes `instanceof` throw: the sizing of a binary frame fails inside the hook.
    const core = createHookCore({ capacity: 1000, doc: 'doc1' });
    Object.assign(fake.win, { Blob: {} });
    instrumentWebSocket(fake.win, core);
    const ws = new fake.win.WebSocket('ws://a.example/');
    const log: string[] = [];
    record(ws, ['message'], log);
    const native = fake.network.sockets[0] as FakeNativeWebSocket;
    native.serverOpen();
    native.serverMessage({ not: 'a frame type' });
    ws.send({ toString: () => 'object' } as unknown as string);
    expect(log).toEqual(['page:message [object Object]']);
    expect(core.events().filter((event) => event.kind === 'devtools.hookError')).toHaveLength(2);
  });

  it('leaves WebSocket alone where it cannot be replaced whole', () => {
    const fake = createFakeWindow();
    Object.defineProperty(fake.win, 'WebSocket', { value: fake.NativeWebSocket, configurable: false, writable: false });
    const core = createHookCore({ capacity: 100 });
    expect(instrumentWebSocket(fake.win, core)).toBeUndefined();
    expect(fake.win.WebSocket).toBe(fake.NativeWebSocket);
    expect(fake.NativeWebSocket.prototype.constructor).toBe(fake.NativeWebSocket);
  });
});
