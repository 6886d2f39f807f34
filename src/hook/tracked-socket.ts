/** The hook's record of one page socket, shared by the socket wrapper and the fault injector. */
import type { FaultTarget } from '../model/protocol';
import type { LinkSocket } from '../wire/reader';
import type { EventIds } from './core';

/** Which sockets a fault targets; an empty filter means every socket. */
export type SocketFilter = FaultTarget;

/** What a fault keeps per socket while it intercepts the socket's events. */
export interface SocketFaultState {
  /** How many running stalls hold this socket's incoming messages. */
  stalls: number;
  /** Copies of held `message` events, oldest first, waiting for delivery. */
  held: MessageEvent[];
  /** Set once a drop closed the socket: its close is then shown to the page as a network failure. */
  dropped: boolean;
}

export interface TrackedSocket {
  readonly socketId: string;
  /** Learned in the constructor, or later (see `ownerOf` in websocket.ts); never changes once known. */
  instanceId: string | undefined;
  readonly socket: WebSocket;
  /** Prebuilt so that emitting an event for this socket allocates no ids object; rebuilt once the owner is known. */
  ids: EventIds;
  /** Frames and bytes since the last `ws.traffic` of this socket. */
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** NIM heartbeats among those frames (NIM link sockets only). */
  heartbeats: number;
  /**
   * Whether the hook reads this socket's frames (a NIM link candidate, or a socket an SDK instance made): the
   * only sockets with per-frame work. Every other socket costs create / open / close events and nothing more, and
   * a stall cannot hold its messages (the hook has no listener there to run before the page's).
   */
  counted: boolean;
  /** Null unless a fault intercepts this socket: the per-message path tests only this. */
  fault: SocketFaultState | null;
  /** The NIM link reader; null on every other socket (and once a candidate proved not to be a link). */
  link: LinkSocket | null;
}

export function matchesFilter(socket: TrackedSocket, filter: SocketFilter): boolean {
  if (filter.socketId !== undefined && filter.socketId !== socket.socketId) return false;
  if (filter.instanceId !== undefined && filter.instanceId !== socket.instanceId) return false;
  return true;
}
