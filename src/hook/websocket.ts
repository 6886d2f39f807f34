/**
 * The page's WebSocket, observed without the page being able to tell.
 *
 * `window.WebSocket` becomes a Proxy of the native constructor with only a `construct` trap: a Proxy forwards
 * `name`, `length`, the static constants, own keys, the prototype and `[[Call]]` (so `WebSocket()` without `new`
 * throws the native TypeError), and `Reflect.construct(target, args, newTarget)` keeps `new.target`, so
 * subclasses get their own prototype. The instance is the native socket itself: no wrapper object, no own
 * property, `instanceof`, `constructor`, `binaryType`, `on…` handlers and `addEventListener` untouched.
 *
 * Incoming: the trap adds the hook's own listeners to the native socket before the page can add any, so they
 * run first and a page listener's `stopImmediatePropagation` never hides a frame from the count. Only trusted
 * events count: a page that dispatches its own events on a socket does not fake traffic.
 * Outgoing: see `send` below. Frames become counters on the socket's record (`ws.traffic`, flushed every
 * `trafficIntervalMs` while there is traffic and right before `ws.close`); payloads are never kept.
 */

import { append } from '../model/intrinsics';
import type { LinkWatch } from '../wire/reader';
import { createByteSizer } from './byte-size';
import type { EventIds, HookCore } from './core';
import { createFunctionMask, type FunctionMask } from './function-mask';
import { createFaultInjector, type OfflineConstruct, type SocketFaults } from './socket-faults';
import { captureSocketNatives, type SocketHookWindow, type SocketNatives } from './socket-natives';
import type { TrackedSocket } from './tracked-socket';

export type { FaultOrigin, SocketFaults } from './socket-faults';
export type { SocketHookWindow } from './socket-natives';
export type { SocketFilter } from './tracked-socket';

export interface LiveSocket {
  socketId: string;
  /** The SDK instance whose code created the socket, as `ownerOf` said at construction. */
  instanceId?: string;
  /** The page's own socket object (the native one). */
  socket: WebSocket;
}

export interface SocketRegistry {
  /** Sockets created since install whose `close` event has not fired yet, oldest first. */
  live(): LiveSocket[];
  /** Closes a socket with the native `close(code?, reason?)`. False when no live socket has that id. */
  close(socketId: string, code?: number, reason?: string): boolean;
  readonly faults: SocketFaults;
}

export interface WebSocketHookOptions {
  /** How often pending `ws.traffic` counters are flushed while frames flow. Default 1000 ms. */
  trafficIntervalMs?: number;
  /**
   * Which SDK instance owns `socket`. Asked synchronously in the constructor (the instance whose code is on the
   * stack); when that gives nothing (e.g. a reconnect from the SDK's own timer), asked again in a microtask after
   * the constructor returned and at `open`, once the SDK has stored the socket. Events from then on carry the
   * `instanceId`; `ws.create` carries it only when the first answer knew it.
   */
  ownerOf?: (socket: WebSocket) => string | undefined;
  /** The realm's `toString` mask, when another hook part installed it already. */
  mask?: FunctionMask;
  /** Scrubs credentials from a socket's URL before `ws.create` reports it (`model/redact-url.ts`). */
  redactUrl?: (url: string) => string;
  /** Reads NIM's link protocol on the sockets that may be NIM links (`link/`). */
  link?: LinkWatch;
}

const OPEN = 1;

/** Wraps `win.WebSocket`. Undefined (and nothing changed) when the global has no usable WebSocket. */
export function instrumentWebSocket(
  win: SocketHookWindow,
  core: HookCore,
  options: WebSocketHookOptions = {},
): SocketRegistry | undefined {
  return core.guard('ws.install', () => install(win, core, options), undefined);
}

function install(win: SocketHookWindow, core: HookCore, options: WebSocketHookOptions): SocketRegistry | undefined {
  const captured = captureSocketNatives(win);
  if (!captured) return undefined;
  const natives: SocketNatives = captured;
  const NativeWebSocket = natives.WebSocket;
  const proto = NativeWebSocket.prototype;
  const globalDescriptor = Object.getOwnPropertyDescriptor(win, 'WebSocket');
  const constructorDescriptor = Object.getOwnPropertyDescriptor(proto, 'constructor');
  const sendDescriptor = Object.getOwnPropertyDescriptor(proto, 'send');
  // Replace all three or none: a half-installed hook would show (e.g. `ws.constructor !== WebSocket`).
  if (!isReplaceable(globalDescriptor) || !isReplaceable(constructorDescriptor) || !isReplaceable(sendDescriptor)) {
    return undefined;
  }

  const { trafficIntervalMs = 1000, ownerOf } = options;
  const mask = options.mask ?? createFunctionMask(win);
  const sizeOf = createByteSizer(win);
  const live = new Map<string, TrackedSocket>();
  const bySocket = new WeakMap<object, TrackedSocket>();
  const faults = createFaultInjector({ core, natives, mask, live: () => live.values() });
  let flushPending = false;

  function flushAll(): void {
    flushPending = false;
    for (const socket of live.values()) emitTraffic(socket);
  }
  const flushTimerCallback = () => core.guard('ws.traffic', flushAll, undefined);

  function scheduleFlush(): void {
    // Set first: if the timer cannot be armed, the next frames must not retry (and report) once each.
    flushPending = true;
    natives.later(flushTimerCallback, trafficIntervalMs);
  }

  function emitTraffic(socket: TrackedSocket): void {
    if (socket.framesIn === 0 && socket.framesOut === 0) return;
    const { framesIn, framesOut, bytesIn, bytesOut, heartbeats } = socket;
    socket.framesIn = socket.framesOut = socket.bytesIn = socket.bytesOut = socket.heartbeats = 0;
    const counts = { framesIn, framesOut, bytesIn, bytesOut };
    core.emit('ws.traffic', heartbeats > 0 ? { ...counts, heartbeats } : counts, socket.ids);
  }

  function listen(tracked: TrackedSocket): void {
    const add = (type: string, listener: (event: never) => void) =>
      Reflect.apply(natives.addEventListener, tracked.socket, [type, listener]);
    if (tracked.counted) add('message', (event: MessageEvent) => onMessage(tracked, event));

    add('open', (event: Event) => {
      if (!event.isTrusted) return;
      core.guard(
        'ws.open',
        () => {
          learnOwner(tracked);
          const protocol = Reflect.apply(natives.protocol, tracked.socket, []);
          const extensions = Reflect.apply(natives.extensions, tracked.socket, []);
          core.emit('ws.open', { protocol, extensions }, tracked.ids);
        },
        undefined,
      );
    });

    add('error', (event: Event) => {
      if (!event.isTrusted) return;
      core.guard(
        'ws.error',
        () => {
          faults.beforeError(tracked);
          core.emit('ws.error', {}, tracked.ids);
        },
        undefined,
      );
    });

    add('close', (event: CloseEvent) => {
      if (!event.isTrusted) return;
      core.guard(
        'ws.close',
        () => {
          const seen = faults.beforeClose(tracked, event);
          emitTraffic(tracked);
          core.emit('ws.close', seen, tracked.ids);
          tracked.link?.closed();
          live.delete(tracked.socketId);
          faults.closed(tracked, event);
        },
        undefined,
      );
    });
  }

  // The hot path (thousands per second): a few adds, no allocation, no event. A guard closure per frame
  // would allocate, so the body catches inline and hands the error to the core's guard to be counted.
  function onMessage(tracked: TrackedSocket, event: MessageEvent): void {
    try {
      if (!event.isTrusted) return;
      tracked.framesIn++;
      tracked.bytesIn += sizeOf(event.data);
      if (!flushPending) scheduleFlush();
      if (tracked.link !== null) tracked.link.frame(event.data, 'in');
      if (tracked.fault !== null) faults.interceptMessage(tracked, event);
    } catch (error) {
      reportHookError(core, 'ws.message', error);
    }
  }

  function askOwner(socket: WebSocket): string | undefined {
    return ownerOf ? core.guard('ws.ownerOf', () => ownerOf(socket), undefined) : undefined;
  }

  function learnOwner(tracked: TrackedSocket): void {
    if (tracked.instanceId !== undefined) return;
    const instanceId = askOwner(tracked.socket);
    if (instanceId === undefined) return;
    tracked.instanceId = instanceId;
    tracked.ids = { socketId: tracked.socketId, instanceId };
  }

  function track(socket: WebSocket, args: unknown[], offline: OfflineConstruct | null): void {
    const instanceId = askOwner(socket);
    const socketId = core.nextId('s');
    const ids: EventIds = instanceId === undefined ? { socketId } : { socketId, instanceId };
    const tracked: TrackedSocket = {
      socketId,
      instanceId,
      socket,
      ids,
      framesIn: 0,
      framesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      heartbeats: 0,
      counted: false,
      fault: null,
      link: null,
    };
    const url = offline?.url ?? Reflect.apply(natives.url, socket, []);
    if (options.link) tracked.link = options.link.socketFor(tracked, url);
    // Without a link watch nothing tells NIM links apart, so every socket is counted.
    tracked.counted = !options.link || tracked.link !== null || instanceId !== undefined;
    listen(tracked);
    bySocket.set(socket, tracked);
    live.set(socketId, tracked);
    const shownUrl = options.redactUrl ? options.redactUrl(url) : url;
    const protocols = protocolList(args[1]);
    core.emit(
      'ws.create',
      tracked.counted ? { url: shownUrl, protocols } : { url: shownUrl, protocols, counted: false },
      ids,
    );
    faults.tracked(tracked, offline?.url);
    if (instanceId === undefined && ownerOf) {
      natives.microtask(() => core.guard('ws.ownerOf', () => learnOwner(tracked), undefined));
    }
  }

  function countSent(socket: unknown, data: unknown): void {
    try {
      const tracked = bySocket.get(socket as object);
      if (tracked === undefined || !tracked.counted) return;
      // send() on a CLOSING or CLOSED socket only grows bufferedAmount: nothing goes on the wire.
      if (Reflect.apply(natives.readyState, socket, []) !== OPEN) return;
      tracked.framesOut++;
      tracked.bytesOut += sizeOf(data);
      if (!flushPending) scheduleFlush();
      if (tracked.link !== null) tracked.link.frame(data, 'out');
    } catch (error) {
      reportHookError(core, 'ws.send', error);
    }
  }

  const WebSocketProxy = new Proxy(NativeWebSocket, {
    construct(target, args: unknown[], newTarget: () => void) {
      let offline: OfflineConstruct | null = null;
      if (faults.isOffline() && args.length > 0 && typeof args[0] !== 'symbol') {
        // The native constructor converts the URL with the page's own toString exactly once; so does this line,
        // and the converted string is what the native constructor gets. Whatever the page's toString throws is
        // the page's own exception and propagates, as it would natively. (No URL or a Symbol: the native
        // constructor throws before it could connect, so it gets the arguments as they are.)
        const converted: unknown[] = [String(args[0])];
        for (let i = 1; i < args.length; i++) append(converted, args[i]);
        offline = core.guard('ws.offline', () => faults.offlineConstruct(converted[0] as string, args), {
          args: converted,
        });
      }
      // The native constructor validates and throws exactly what it throws: nothing is checked before it.
      const socket = Reflect.construct(target, offline ? offline.args : args, newTarget) as WebSocket;
      core.guard('ws.construct', () => track(socket, args, offline), undefined);
      return socket;
    },
  });

  // Outgoing frames are seen only through `send`, so `WebSocket.prototype.send` becomes a Proxy of the native
  // one. That is acceptable because it stays indistinguishable where pages look: the same object on every
  // read, `name`/`length`/own keys forwarded, not constructible, `toString` masked, and the native method runs
  // first with the page's own `this` and arguments, so `send.call({})`, `send()` and send-while-CONNECTING throw
  // the native errors untouched (only counted after the native send returned). The one trace left is an extra
  // stack frame in an error thrown from `send`, which any wrapper of a native method leaves.
  const sendProxy = new Proxy(natives.send, {
    apply(target, thisArg: WebSocket, args: unknown[]) {
      const result = Reflect.apply(target, thisArg, args);
      countSent(thisArg, args[0]);
      return result;
    },
  });

  mask.disguise(WebSocketProxy, NativeWebSocket);
  mask.disguise(sendProxy, natives.send);
  Object.defineProperty(win, 'WebSocket', { ...globalDescriptor, value: WebSocketProxy });
  // Instances inherit `constructor` from the native prototype: it must name the global the page sees.
  Object.defineProperty(proto, 'constructor', { ...constructorDescriptor, value: WebSocketProxy });
  Object.defineProperty(proto, 'send', { ...sendDescriptor, value: sendProxy });

  return {
    live: () =>
      Array.from(live.values(), ({ socketId, instanceId, socket }) =>
        instanceId === undefined ? { socketId, socket } : { socketId, instanceId, socket },
      ),
    close: (socketId, code, reason) =>
      core.guard(
        'ws.closeSocket',
        () => {
          const tracked = live.get(socketId);
          if (!tracked) return false;
          const args = code === undefined ? [] : reason === undefined ? [code] : [code, reason];
          Reflect.apply(natives.close, tracked.socket, args);
          return true;
        },
        false,
      ),
    faults: faults.api,
  };
}

/** A data property the hook may swap (writable or configurable), never an accessor. */
function isReplaceable(descriptor: PropertyDescriptor | undefined): descriptor is PropertyDescriptor {
  return descriptor !== undefined && 'value' in descriptor && descriptor.configurable === true;
}

/** `protocols` as given: a string or an array of strings. Other iterables are not walked again (page code). */
function protocolList(protocols: unknown): string[] {
  if (typeof protocols === 'string') return [protocols];
  if (!Array.isArray(protocols)) return [];
  const list: string[] = [];
  for (let i = 0; i < protocols.length; i++) {
    const protocol: unknown = protocols[i];
    if (typeof protocol === 'string') append(list, protocol);
  }
  return list;
}

/**
 * Counts and reports an exception caught on a per-frame path through the core's guard, which is where every hook
 * error is counted; building the guard's closure only when there is an error keeps the normal path allocation-free.
 */
function reportHookError(core: HookCore, where: string, error: unknown): void {
  core.guard(
    where,
    () => {
      throw error;
    },
    undefined,
  );
}
