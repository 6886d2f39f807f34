/**
 * The SDK instances the wire reveals, for the SDKs the hook could not instrument (bundled, no `register()`): one
 * per account per document, created by its first login request and kept across the SDK's reconnects, so that
 * the panel shows it like any instance (`sdk.getInstance` … with `via: 'wire'`).
 *
 *   login (new account) ──▶ connecting ──login reply 200──▶ connected
 *   connecting | connected ──link closed, no kick / logout / refusal──▶ lost   (sdk.willReconnect: the SDK retries)
 *   lost ──login on a new socket──▶ connecting   (the reconnect: nothing to announce until its reply)
 *   refused | kicked | logout ──▶ ended;  ended ──login again──▶ connecting   (sdk.getInstance, reused)
 */
import type { EventIds, EventSink } from '../../model/events';

export type WireInstanceState = 'connecting' | 'connected' | 'lost' | 'ended';

export interface WireInstance {
  readonly id: string;
  state: WireInstanceState;
  /** The socket of its latest login: only that socket's close is the instance's loss. */
  socketId: string;
}

export interface WireLogin {
  account: string;
  /** Masked. */
  appKey?: string;
}

export interface WireInstances {
  /** The instance a login on `socketId` belongs to, announced when it is new or was ended. */
  login(socketId: string, login: WireLogin): WireInstance;
}

export function createWireInstances(core: EventSink): WireInstances {
  const byAccount = new Map<string, WireInstance>();
  return {
    login(socketId, { account, appKey }) {
      const known = byAccount.get(account);
      const instance = known ?? { id: core.nextId('i'), state: 'connecting', socketId };
      byAccount.set(account, instance);
      const wasLost = known?.state === 'lost';
      instance.state = 'connecting';
      instance.socketId = socketId;
      if (!wasLost) {
        const ids: EventIds = { socketId, instanceId: instance.id };
        const reused = known !== undefined;
        const data = { flavour: 'NIM' as const, account, reused, changed: [], options: {}, via: 'wire' as const };
        core.emit('sdk.getInstance', appKey === undefined ? data : { ...data, appKey }, ids);
      }
      return instance;
    },
  };
}
