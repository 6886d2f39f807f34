/**
 * The connection state of one SDK instance, derived from what the SDK reported and what the app called.
 *
 *   getInstance (new) ───────────────▶ connecting ──onconnect──▶ connected
 *   getInstance (new, v10: `api` set) ──▶ disconnected   (a v10 client connects at login() / connect() only)
 *   connecting | connected ──onwillreconnect──▶ reconnecting ──onconnect──▶ connected
 *   reconnecting | disconnected ──connect() / login() / getInstance (reused)──▶ connecting
 *        (a reused getInstance connects at once: the SDK docs say so, and nim-sdk.md saw the backoff reset)
 *   any but destroyed ──disconnect() / logout()──▶ disconnected
 *   any but destroyed ──ondisconnect (willReconnect ≠ true)──▶ disconnected
 *   any but destroyed ──ondisconnect (willReconnect = true)──▶ reconnecting
 *   disconnected ──onwillreconnect──▶ reconnecting
 *        (not terminal: after `Sync_Error` and `allAttemptsFailed` the real SDK reconnects anyway)
 *   any ──destroy()──▶ destroyed   terminal, except: destroy's `done` with an error ──▶ disconnected
 *
 * `destroyed` is entered at the call, not at `done`: from then on the app has given the instance up, and
 * `ondisconnect({code: 'alreadyDisconnected'})`, which the SDK fires synchronously inside `destroy()`, may
 * be recorded before or after the call event depending on when the hook emits it — both orders end here.
 * A disconnect call moves to `disconnected` at once for the same reason: the SDK stops reconnecting
 * immediately, while its `ondisconnect` follows 4–11 ms later.
 * `sdk.error`, `setOptions` and the rest do not change the state.
 */
import type { NimEvent, SdkMethod } from '../model/events';
import type { InstanceConnectionState } from './types';

/** The calls with which the app asks for a connection: `connect()`, and v10's V2 `login()`. */
export function asksToConnect(method: SdkMethod): boolean {
  return method === 'connect' || method === 'login';
}

/** The calls with which the app lets go of an instance's connection. */
export function releasesConnection(method: SdkMethod): boolean {
  return method === 'disconnect' || method === 'logout' || method === 'destroy';
}

export function nextInstanceState(state: InstanceConnectionState, event: NimEvent): InstanceConnectionState {
  if (state === 'destroyed') {
    const failedDestroy = event.kind === 'sdk.done' && event.data.method === 'destroy' && event.data.error;
    return failedDestroy ? 'disconnected' : state;
  }
  switch (event.kind) {
    case 'sdk.getInstance':
      if (!event.data.reused) return event.data.api === undefined ? 'connecting' : 'disconnected';
      return state === 'reconnecting' || state === 'disconnected' ? 'connecting' : state;
    case 'sdk.connect':
      return 'connected';
    case 'sdk.willReconnect':
      return 'reconnecting';
    case 'sdk.disconnect':
      return event.data.willReconnect === true ? 'reconnecting' : 'disconnected';
    case 'sdk.call':
      switch (event.data.method) {
        case 'connect':
        case 'login':
          return state === 'connected' ? state : 'connecting';
        case 'disconnect':
        case 'logout':
          return 'disconnected';
        case 'destroy':
          return 'destroyed';
        default:
          return state;
      }
    default:
      return state;
  }
}
