/**
 * Faults injected on purpose (from the panel, the page API or a test) into the page's real sockets: drop,
 * offline and stall. Each one emits `fault.start` and `fault.end` so the timeline shows why the SDK did what
 * it did next. The socket wrapper calls the seams below; everything here runs only while a fault is active.
 */
import type { EventDataByKind } from '../model/events';
import { append, defineProperty } from '../model/intrinsics';
import type { EventIds, HookCore } from './core';
import type { FunctionMask } from './function-mask';
import type { SocketNatives } from './socket-natives';
import { resolveSocketUrl, unreachableSocketUrl } from './socket-url';
import { matchesFilter, type SocketFaultState, type SocketFilter, type TrackedSocket } from './tracked-socket';

export type FaultOrigin = EventDataByKind['fault.start']['by'];

export interface SocketFaults {
  /**
   * Closes the matching CONNECTING/OPEN sockets for real (the server sees the socket go) and shows the page what
   * a network failure shows: `close` with 1006, '' and wasClean false, no `error`. Returns how many.
   */
  drop(filter: SocketFilter, by: FaultOrigin): number;
  /** For `durationMs`, every new socket fails like one on a dead network, without reaching its server. */
  offline(durationMs: number, by: FaultOrigin): void;
  /**
   * Holds the incoming `message` events of the matching sockets (also sockets created meanwhile) for
   * `durationMs`, then delivers them in order, one task each. Returns how many live sockets matched.
   */
  stall(durationMs: number, filter: SocketFilter, by: FaultOrigin): number;
}

export type CloseFacts = EventDataByKind['ws.close'];

/** The native constructor's arguments for a socket created while offline. */
export interface OfflineConstruct {
  args: unknown[];
  /** What `url` reports for the socket; absent when the native constructor is expected to throw. */
  url?: string;
}

/** The seams the socket wrapper calls. */
export interface FaultInjector {
  readonly api: SocketFaults;
  /** Null unless offline. `input` is the URL argument already converted to a string (exactly once). */
  offlineConstruct(input: string, args: unknown[]): OfflineConstruct | null;
  isOffline(): boolean;
  tracked(socket: TrackedSocket, offlineUrl: string | undefined): void;
  /** Called for a trusted `message` event of a socket whose `fault` is set, before any page listener. */
  interceptMessage(socket: TrackedSocket, event: MessageEvent): void;
  beforeError(socket: TrackedSocket): void;
  /** Delivers held messages first (they arrived before the close), then says what the page is about to see. */
  beforeClose(socket: TrackedSocket, event: CloseEvent): CloseFacts;
  /** After `ws.close` is recorded: shows a dropped socket's close as a network failure; ends the fault. */
  closed(socket: TrackedSocket, event: CloseEvent): void;
}

export interface FaultEnvironment {
  core: HookCore;
  natives: SocketNatives;
  mask: FunctionMask;
  live(): Iterable<TrackedSocket>;
}

interface StallRun {
  filter: SocketFilter;
  sockets: Set<TrackedSocket>;
}

interface DropRun {
  ids: EventIds;
  remaining: number;
}

const CLOSING = 2;

/** What Chromium reports when the connection under an open socket dies (verified with a terminated TCP link). */
const NETWORK_FAILURE_CLOSE: CloseFacts = Object.freeze({ code: 1006, reason: '', wasClean: false });

export function createFaultInjector({ core, natives, mask, live }: FaultEnvironment): FaultInjector {
  const stalls = new Set<StallRun>();
  const drops = new Map<TrackedSocket, DropRun>();
  /** The URL the page asked for, per socket that was pointed at port 0 because the network was "offline". */
  const offlineUrls = new WeakMap<object, string>();
  let offlineRuns = 0;
  let urlGetterMasked = false;

  function faultOf(socket: TrackedSocket): SocketFaultState {
    socket.fault ??= { stalls: 0, held: [], dropped: false };
    return socket.fault;
  }

  /** Back to the allocation-free fast path once nothing intercepts the socket any more. */
  function settle(socket: TrackedSocket): void {
    const fault = socket.fault;
    if (fault && fault.stalls === 0 && fault.held.length === 0 && !fault.dropped) socket.fault = null;
  }

  function deliver(socket: TrackedSocket, event: Event): void {
    // A page listener's exception is reported by the browser and never thrown out of dispatchEvent.
    Reflect.apply(natives.dispatchEvent, socket.socket, [event]);
  }

  function deliverNext(socket: TrackedSocket): void {
    core.guard(
      'fault.stall',
      () => {
        const fault = socket.fault;
        if (!fault || fault.stalls > 0) return; // a new stall began: its end delivers what is held
        const event = fault.held.shift();
        if (event) deliver(socket, event);
        settle(socket);
      },
      undefined,
    );
  }

  function scheduleDeliveries(socket: TrackedSocket, count: number): void {
    // One task per message, as the network would deliver them: the page's microtasks run between two messages.
    for (let i = 0; i < count; i++) natives.later(() => deliverNext(socket), 0);
  }

  function deliverAllHeld(socket: TrackedSocket): void {
    const held = socket.fault?.held;
    if (!held) return;
    for (let event = held.shift(); event; event = held.shift()) deliver(socket, event);
  }

  function holdMessages(socket: TrackedSocket, run: StallRun): void {
    run.sockets.add(socket);
    faultOf(socket).stalls++;
  }

  function endStall(run: StallRun, ids: EventIds): void {
    stalls.delete(run);
    for (const socket of run.sockets) {
      const fault = socket.fault;
      if (!fault) continue;
      fault.stalls--;
      if (fault.stalls === 0) scheduleDeliveries(socket, fault.held.length);
      settle(socket);
    }
    core.emit('fault.end', { fault: 'stall' }, ids);
  }

  /**
   * Offline sockets are real native sockets pointed at port 0 (see `unreachableSocketUrl`), so every behaviour
   * but the URL stays native: readyState, send's errors, event order and trust. Their `url` getter answers the
   * URL the page asked for. The getter is replaced only once an offline fault was asked for.
   */
  function maskUrlGetter(): void {
    if (urlGetterMasked) return;
    urlGetterMasked = true;
    const proto = natives.WebSocket.prototype;
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'url');
    if (!descriptor?.get) return;
    const get = new Proxy(descriptor.get, {
      apply(target, thisArg: unknown, args: unknown[]) {
        const url = offlineUrls.get(thisArg as object);
        return url !== undefined ? url : Reflect.apply(target, thisArg, args);
      },
    });
    mask.disguise(get, descriptor.get);
    defineProperty(proto, 'url', { ...descriptor, get });
  }

  function drop(filter: SocketFilter, by: FaultOrigin): number {
    const ids = idsOf(filter);
    const targets: TrackedSocket[] = [];
    for (const socket of live()) {
      if (matchesFilter(socket, filter) && Reflect.apply(natives.readyState, socket.socket, []) < CLOSING) {
        append(targets, socket);
      }
    }
    core.emit('fault.start', { fault: 'drop', by }, ids);
    if (targets.length === 0) {
      core.emit('fault.end', { fault: 'drop' }, ids);
      return 0;
    }
    const run: DropRun = { ids, remaining: targets.length };
    for (const socket of targets) {
      faultOf(socket).dropped = true;
      drops.set(socket, run);
      // A CONNECTING socket fails natively with error + close 1006; an OPEN one closes cleanly at the server and
      // `closed` shows its close to the page as 1006.
      Reflect.apply(natives.close, socket.socket, []);
    }
    return targets.length;
  }

  function offline(durationMs: number, by: FaultOrigin): void {
    maskUrlGetter();
    offlineRuns++;
    core.emit('fault.start', { fault: 'offline', durationMs, by });
    natives.later(
      () =>
        core.guard(
          'fault.offline',
          () => {
            offlineRuns--;
            core.emit('fault.end', { fault: 'offline' });
          },
          undefined,
        ),
      durationMs,
    );
  }

  function stall(durationMs: number, filter: SocketFilter, by: FaultOrigin): number {
    const ids = idsOf(filter);
    const run: StallRun = { filter, sockets: new Set() };
    stalls.add(run);
    core.emit('fault.start', { fault: 'stall', durationMs, by }, ids);
    for (const socket of live()) if (stallable(socket, filter)) holdMessages(socket, run);
    const matched = run.sockets.size;
    natives.later(() => core.guard('fault.stall', () => endStall(run, ids), undefined), durationMs);
    return matched;
  }

  return {
    api: {
      drop: (filter, by) => core.guard('fault.drop', () => drop(filter, by), 0),
      offline: (durationMs, by) => core.guard('fault.offline', () => offline(durationMs, by), undefined),
      stall: (durationMs, filter, by) => core.guard('fault.stall', () => stall(durationMs, filter, by), 0),
    },
    isOffline: () => offlineRuns > 0,
    offlineConstruct(input, args) {
      const rest: unknown[] = [];
      for (let i = 1; i < args.length; i++) append(rest, args[i]);
      const resolved = resolveSocketUrl(input, natives.baseUrl(), natives.URL);
      // An invalid URL goes to the native constructor, which throws its own SyntaxError before any connection.
      if (resolved === null) return { args: [input, ...rest] };
      return { args: [unreachableSocketUrl(resolved, natives.URL), ...rest], url: resolved };
    },
    tracked(socket, offlineUrl) {
      if (offlineUrl !== undefined) offlineUrls.set(socket.socket, offlineUrl);
      for (const run of stalls) if (stallable(socket, run.filter)) holdMessages(socket, run);
    },
    interceptMessage(socket, event) {
      const fault = socket.fault;
      if (!fault) return;
      if (fault.dropped) {
        // The network is gone for this socket: what still trickles in while it closes is never delivered.
        event.stopImmediatePropagation();
        return;
      }
      if (fault.stalls === 0 && fault.held.length === 0) return;
      event.stopImmediatePropagation();
      // Chromium keeps the stop flag on a dispatched event (the DOM spec says to clear it), so the held event
      // cannot be dispatched again: a copy is. Copies are untrusted, which the page could notice (`isTrusted`).
      const { data, origin, lastEventId } = event;
      append(fault.held, new natives.MessageEvent('message', { data, origin, lastEventId }));
      // Still delivering an earlier stall's messages: queue behind them, never overtake.
      if (fault.stalls === 0) scheduleDeliveries(socket, 1);
    },
    beforeError(socket) {
      deliverAllHeld(socket);
    },
    beforeClose(socket, event) {
      deliverAllHeld(socket);
      const { code, reason, wasClean } = event;
      const failedNatively = code === NETWORK_FAILURE_CLOSE.code && !wasClean;
      if (socket.fault?.dropped && !failedNatively) return { ...NETWORK_FAILURE_CLOSE };
      return { code, reason, wasClean };
    },
    closed(socket, event) {
      const fault = socket.fault;
      socket.fault = null;
      for (const run of stalls) run.sockets.delete(socket);
      if (fault?.dropped && !(event.code === NETWORK_FAILURE_CLOSE.code && !event.wasClean)) {
        event.stopImmediatePropagation();
        deliver(socket, new natives.CloseEvent('close', NETWORK_FAILURE_CLOSE));
      }
      const run = drops.get(socket);
      if (run) {
        drops.delete(socket);
        run.remaining--;
        if (run.remaining === 0) core.emit('fault.end', { fault: 'drop' }, run.ids);
      }
    },
  };
}

/** Only sockets whose frames the hook reads can be stalled: its listener there runs before the page's. */
function stallable(socket: TrackedSocket, filter: SocketFilter): boolean {
  return socket.counted && matchesFilter(socket, filter);
}

function idsOf(filter: SocketFilter): EventIds {
  const ids: EventIds = {};
  if (filter.socketId !== undefined) ids.socketId = filter.socketId;
  if (filter.instanceId !== undefined) ids.instanceId = filter.instanceId;
  return ids;
}
