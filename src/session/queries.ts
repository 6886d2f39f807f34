/** Small read-only questions about a session that several consumers ask. */
import type { NimEvent } from '../model/events';
import type { SessionState } from './types';

/** The instance an event is about: its own `instanceId`, or the owner of its socket. */
export function eventOwner(state: SessionState, event: NimEvent): string | undefined {
  if (event.instanceId !== undefined) return event.instanceId;
  return event.socketId === undefined ? undefined : state.sockets.get(event.socketId)?.instanceId;
}
