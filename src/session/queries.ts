/** Small read-only questions about a session that several consumers ask. */
import type { NimEvent } from '../model/events';
import type { SessionState } from './types';

/**
 * Who a connection belongs to for the server: the account when known (re-created instances of one account
 * are one login), else the instance.
 */
export function loginKey(state: SessionState, instanceId: string): string {
  const account = state.instances.get(instanceId)?.account;
  return account === undefined ? `instance:${instanceId}` : `account:${account}`;
}

/** The instance an event is about: its own `instanceId`, or the owner of its socket. */
export function eventOwner(state: SessionState, event: NimEvent): string | undefined {
  if (event.instanceId !== undefined) return event.instanceId;
  return event.socketId === undefined ? undefined : state.sockets.get(event.socketId)?.instanceId;
}
