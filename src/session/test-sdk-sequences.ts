/**
 * Test helper: event sequences as the real NIM Web SDK (9.21.12) produces them, with the orders and delays
 * observed in `/work/shared/nim-sdk.md`. Diagnostics must stay silent on every one of these unless the
 * sequence is itself a misuse; tests build the misuses on top of them.
 *
 * Sockets are created without `instanceId` (the hook cannot tell), as in a real page.
 */
import type { NimEventOf } from '../model/events';
import { DEFAULT_LINK_URL, type EventBuilder, type GetInstanceInput } from './test-events';

/** The SDK's backoff `duration`s: 1600, ~3200, ~6400, then 8000 forever (±1 % jitter, left out here). */
export const SDK_BACKOFF_MS = [1600, 3200, 6400, 8000] as const;

export function backoffDuration(retryCount: number): number {
  return SDK_BACKOFF_MS[Math.min(Math.max(retryCount, 1), SDK_BACKOFF_MS.length) - 1] ?? 8000;
}

export interface LoginInput extends GetInstanceInput {
  instanceId: string;
  socketId: string;
  url?: string;
}

/** `NIM.getInstance` → socket created and opened → login reply 200 → `onconnect` 30–40 ms later. */
export function sdkLogin(b: EventBuilder, input: LoginInput): NimEventOf<'sdk.connect'> {
  const { instanceId, socketId, url = DEFAULT_LINK_URL, ...getInstance } = input;
  b.sdkGetInstance(instanceId, getInstance);
  b.wait(5).wsCreate(socketId, url);
  b.wait(3).wsOpen(socketId);
  b.wait(1).wsTraffic(socketId, { framesOut: 1, bytesOut: 310 });
  return b.wait(35).sdkConnect(instanceId);
}

/** A reconnect attempt of an instance that was already created: socket, open, `onconnect`. */
export function sdkReconnected(b: EventBuilder, instanceId: string, socketId: string, url = DEFAULT_LINK_URL) {
  b.wsCreate(socketId, url);
  b.wait(3).wsOpen(socketId);
  return b.wait(35).sdkConnect(instanceId);
}

/**
 * The server closes an established socket: the page sees the close, then **two** `onwillreconnect` ~1 ms
 * apart (`retryCount` +2); the real delay is the second one's `duration`. Returns after that delay.
 */
export function sdkDroppedByServer(b: EventBuilder, instanceId: string, socketId: string, retryCount = 1): void {
  b.wsClose(socketId, 1006, '', false);
  b.wait(1).sdkWillReconnect(instanceId, retryCount, backoffDuration(retryCount));
  const second = b.wait(1).sdkWillReconnect(instanceId, retryCount + 1, backoffDuration(retryCount + 1));
  b.wait(second.data.duration ?? 0);
}

/** Connection refused: `error`, close 1006, then one `onwillreconnect`; returns after its delay. */
export function sdkRefusedAttempt(b: EventBuilder, instanceId: string, socketId: string, retryCount: number): void {
  b.wsCreate(socketId);
  b.wait(2).wsError(socketId);
  b.wsClose(socketId, 1006, '', false);
  const retry = b.wait(1).sdkWillReconnect(instanceId, retryCount, backoffDuration(retryCount));
  b.wait(retry.data.duration ?? 0);
}

export interface AppDisconnectOptions {
  method?: 'disconnect' | 'destroy' | 'logout';
  /** `done` comes after `ondisconnect`, and before or after the real close at random. */
  doneBeforeClose?: boolean;
}

/**
 * `disconnect()` / `destroy()` while connected: the call returns, `ondisconnect({code: 'logout'})` 4–11 ms
 * later **before** the page sees the socket's close, and `done(null)` after `ondisconnect`.
 */
export function sdkAppDisconnect(
  b: EventBuilder,
  instanceId: string,
  socketId: string,
  options: AppDisconnectOptions = {},
): NimEventOf<'sdk.call'> {
  const { method = 'disconnect', doneBeforeClose = false } = options;
  const call = b.sdkCall(instanceId, method);
  b.wait(6).sdkDisconnect(instanceId, { code: 'logout', message: 'done disconnect', willReconnect: false });
  if (doneBeforeClose) b.wait(1).sdkDone(call);
  b.wait(3).wsClose(socketId, 1000, '', true);
  if (!doneBeforeClose) b.wait(2).sdkDone(call);
  return call;
}

/**
 * `destroy()` / `disconnect()` while waiting to reconnect: `ondisconnect({code: 'alreadyDisconnected'})`
 * fires synchronously inside the call, `done(null)` ~7 ms later.
 */
export function sdkReleaseWhileWaiting(
  b: EventBuilder,
  instanceId: string,
  method: 'disconnect' | 'destroy' = 'destroy',
): NimEventOf<'sdk.call'> {
  const call = b.sdkCall(instanceId, method);
  b.sdkDisconnect(instanceId, { code: 'alreadyDisconnected', willReconnect: false });
  b.wait(7).sdkDone(call);
  return call;
}

/** The server kicks the login: `ondisconnect({code: 'kicked', ...})`, no reconnect, then the socket closes. */
export function sdkKicked(
  b: EventBuilder,
  instanceId: string,
  socketId: string,
  reason: 'samePlatformKick' | 'otherPlatformKick' | 'serverKick' = 'samePlatformKick',
): NimEventOf<'sdk.disconnect'> {
  const kicked = b.sdkDisconnect(instanceId, { code: 'kicked', reason, from: 'Web', custom: '', willReconnect: false });
  b.wait(3).wsClose(socketId, 1000, '', true);
  return kicked;
}

/** A non-200 login reply (302, 417, 422…): `ondisconnect` ~9 ms after the login request, no retry. */
export function sdkLoginRefused(b: EventBuilder, input: LoginInput & { code: number }): NimEventOf<'sdk.disconnect'> {
  const { instanceId, socketId, code, url = DEFAULT_LINK_URL, ...getInstance } = input;
  b.sdkGetInstance(instanceId, getInstance);
  b.wait(5).wsCreate(socketId, url);
  b.wait(3).wsOpen(socketId);
  const refused = b.wait(9).sdkDisconnect(instanceId, { code, message: '2_3 login error', willReconnect: false });
  b.wait(2).wsClose(socketId, 1000, '', true);
  return refused;
}

/**
 * A drop during the sync after login: `onwillreconnect`, then `ondisconnect({code: 'Sync_Error', willReconnect:
 * false})`, and the SDK reconnects 1.6 s later anyway (with no `onwillreconnect` in between).
 */
export function sdkSyncErrorThenReconnect(b: EventBuilder, instanceId: string, socketId: string, nextSocketId: string) {
  b.wsClose(socketId, 1006, '', false);
  b.wait(1).sdkWillReconnect(instanceId, 1, 1600);
  b.wait(1).sdkDisconnect(instanceId, { code: 'Sync_Error', willReconnect: false });
  b.wait(1600);
  return sdkReconnected(b, instanceId, nextSocketId);
}
