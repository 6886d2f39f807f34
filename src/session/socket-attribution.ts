/**
 * Which SDK instance a new WebSocket belongs to. The hook wraps the global `WebSocket`, and the SDK creates
 * its socket deep inside its own code (after an LBS request, from a timer), so a `ws.create` usually carries
 * no `instanceId`. When it does (or a later SDK event names the socket), that wins. Otherwise we infer it,
 * and only when the answer is unambiguous: a wrong owner would make diagnostics accuse the wrong instance,
 * while an unattributed socket only makes them quieter.
 */
import type { NimEventOf } from '../model/events';
import type { InstanceRecord, SessionState, SocketAttribution } from './types';

/**
 * Every SDK build we know connects to `ws(s)://<link>/websocket` (8.9 and 9.21: `this._createWebsocket(
 * t + "://" + e + "/websocket")`); the bundled socket.io fallback uses `/socket.io/`. Other sockets on the
 * page (dev-server HMR, the app's own) are never attributed by inference.
 */
export function looksLikeNimLink(url: string): boolean {
  const path = url.replace(/^[a-z]+:\/\/[^/?#]*/i, '').split(/[?#]/, 1)[0] ?? '';
  return /\/websocket\/?$/.test(path) || path.includes('/socket.io/');
}

export interface Attribution {
  instanceId: string;
  attribution: SocketAttribution;
}

/**
 * Candidates, in tiers; the first tier that has any decides, and only if it has exactly one:
 * 0. instances of the same document (and frame) that just asked to connect (`awaitingSocket`), even while an
 *    older socket of theirs is still open (connect() called inside a reconnect callback does that);
 * 1. instances of the same document (and frame) that are connecting, reconnecting, or connected but whose
 *    socket closed (the SDK is about to reconnect, or the app calls connect() first), holding no live socket;
 * 2. failing that, instances that are `disconnected` by the SDK (not by the app) and hold no live socket:
 *    after `Sync_Error` the real SDK reconnects without an `onwillreconnect` first.
 */
export function attributeSocket(state: SessionState, event: NimEventOf<'ws.create'>): Attribution | undefined {
  if (event.instanceId) return { instanceId: event.instanceId, attribution: 'event' };
  if (!looksLikeNimLink(event.data.url)) return undefined;
  const asked: InstanceRecord[] = [];
  const waiting: InstanceRecord[] = [];
  const droppedBySdk: InstanceRecord[] = [];
  for (const id of state.liveInstanceIds) {
    const instance = state.instances.get(id);
    if (!instance || !sameFrame(instance, event)) continue;
    if (instance.awaitingSocket) asked.push(instance);
    else if (instance.liveSockets > 0) continue;
    else if (instance.state === 'disconnected') {
      if (!instance.releasedByApp) droppedBySdk.push(instance);
    } else waiting.push(instance);
  }
  const tier = [asked, waiting, droppedBySdk].find((candidates) => candidates.length > 0) ?? [];
  const only = tier.length === 1 ? tier[0] : undefined;
  return only ? { instanceId: only.id, attribution: 'inferred' } : undefined;
}

/** `liveInstanceIds` holds the current top document's instances only; frames within it differ by doc token. */
function sameFrame(instance: InstanceRecord, event: NimEventOf<'ws.create'>): boolean {
  if (instance.doc !== undefined && event.doc !== undefined) return instance.doc === event.doc;
  return instance.frameId === event.frameId;
}
