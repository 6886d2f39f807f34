/** How instances and sockets are named in lists: by account when known, else by the short id. */
import type { NimEvent } from '../../model/events';
import type { InstanceRecord, SessionState } from '../../session/types';
import { shortId } from '../format';

export function instanceLabel(instance: InstanceRecord | undefined, id: string): string {
  return instance?.account ?? shortId(id);
}

/** The instance an event is about: its own `instanceId`, or its socket's owner. */
export function ownerOf(session: SessionState, event: NimEvent): string | undefined {
  if (event.instanceId !== undefined) return event.instanceId;
  return event.socketId === undefined ? undefined : session.sockets.get(event.socketId)?.instanceId;
}

/** Several instances may share an account (a Chatroom next to NIM, or a second document): tell them apart. */
export function instanceTitle(instance: InstanceRecord): string {
  const parts = [instance.flavour ?? 'NIM', instance.account ?? shortId(instance.id)];
  return `${parts.join(' · ')}  (${shortId(instance.id)})`;
}
