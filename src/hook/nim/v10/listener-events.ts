/**
 * What the v10 SDK's listener events mean in the event model, one NIM event per SDK event: the states the
 * reducer knows come from the kinds it knows (`sdk.connect` connected, `sdk.willReconnect` reconnecting,
 * `sdk.disconnect` disconnected), each marked with the SDK `event` it was; what changes no state becomes
 * `sdk.status`. Enum values are named (`LOGINED`), text is redacted and clipped.
 *
 * Sequences seen with the real 10.8.1 (nim-sdk.md "v10"): V2 login → LoginStatus LOGINING, ConnectStatus
 * CONNECTING, CONNECTED, onLoginClientChanged, LoginStatus LOGINED; kick → LOGOUT, DISCONNECTED,
 * onDisconnected 192003, onKickedOffline; server close → UNLOGIN, DISCONNECTED, onDisconnected, WAITING, …
 */
import type { EventDataByKind, Json } from '../../../model/events';
import { redactText } from '../../../model/redact-text';
import { type FoundSecrets, redact } from '../../redact';
import { readOption } from '../options';
import { clientTypeName, nameOf, V2_CONNECT_STATUS, V2_LOGIN_STATUS } from './v2-names';

type ListenerEventKind = 'sdk.connect' | 'sdk.willReconnect' | 'sdk.disconnect' | 'sdk.error' | 'sdk.status';

/** Receives the one event an SDK event becomes. */
export type EmitListenerEvent = <K extends ListenerEventKind>(kind: K, data: EventDataByKind[K]) => void;

/** Turns one SDK event (its name and arguments) into the event model; silent for names it does not know. */
export type DescribeEvent = (
  event: string,
  args: readonly unknown[],
  known: FoundSecrets,
  emit: EmitListenerEvent,
) => void;

/** The events of `V2NIMLoginService` (its `emit`), by name. */
export const V2_LOGIN_EVENTS: ReadonlySet<string> = new Set([
  'onLoginStatus',
  'onConnectStatus',
  'onKickedOffline',
  'onDisconnected',
  'onLoginFailed',
  'onConnectFailed',
  'onDataSync',
  'onLoginClientChanged',
]);

/** The V1-compatible API's connection events, emitted on the client (`nim.on(...)`). */
export const V1_EVENTS: ReadonlySet<string> = new Set([
  'logined',
  'willReconnect',
  'disconnect',
  'kicked',
  'multiPortLogin',
]);

const MAX_TEXT = 500;

export const describeV2Event: DescribeEvent = (event, args, known, emit) => {
  const fields = new Fields(known);
  const [first, second, third] = args;
  switch (event) {
    case 'onLoginStatus': {
      const status = nameOf('loginStatus', first);
      if (first === V2_LOGIN_STATUS.LOGINED) emit('sdk.connect', { event, status });
      else emit('sdk.status', { event, status });
      return;
    }
    case 'onConnectStatus': {
      const status = nameOf('connectStatus', first);
      if (first === V2_CONNECT_STATUS.WAITING) emit('sdk.willReconnect', { event, status });
      else emit('sdk.status', { event, status });
      return;
    }
    case 'onDisconnected':
      emit('sdk.disconnect', { event, ...fields.error(first) });
      return;
    case 'onKickedOffline':
      emit('sdk.disconnect', {
        event,
        code: 'kicked',
        reason: nameOf('kickedOfflineReason', readOption(asObject(first), 'reason')),
        from: clientTypeName(readOption(asObject(first), 'clientType')),
        ...fields.text(first, 'reasonDesc', 'custom'),
        willReconnect: false,
      });
      return;
    case 'onLoginFailed':
    case 'onConnectFailed':
      emit('sdk.error', { event, ...fields.error(first) });
      return;
    case 'onDataSync': {
      const status = `${nameOf('dataSyncType', first)} ${nameOf('dataSyncState', second)}`;
      const failed = third !== undefined && third !== null;
      emit('sdk.status', { event, status, ...(failed && { detail: { error: fields.json(third) } }) });
      return;
    }
    case 'onLoginClientChanged':
      emit('sdk.status', {
        event,
        status: nameOf('loginClientChange', first),
        detail: { clients: fields.json(second) },
      });
      return;
  }
};

export const describeV1Event: DescribeEvent = (event, args, known, emit) => {
  const fields = new Fields(known);
  const [first] = args;
  switch (event) {
    case 'logined':
      emit('sdk.connect', {
        event,
        ...fields.text(first, 'connectionId'),
        ...fields.text(first, 'ip'),
        ...fields.text(first, 'port'),
        ...fields.text(first, 'customTag'),
      });
      return;
    case 'willReconnect': {
      const retryCount = readOption(asObject(first), 'retryCount');
      const duration = readOption(asObject(first), 'duration');
      emit('sdk.willReconnect', {
        event,
        ...(isFiniteNumber(retryCount) && { retryCount }),
        ...(isFiniteNumber(duration) && { duration }),
      });
      return;
    }
    case 'disconnect':
      emit('sdk.disconnect', { event, ...fields.error(first) });
      return;
    case 'kicked':
      emit('sdk.disconnect', {
        event,
        code: 'kicked',
        ...fields.text(first, 'reason'),
        ...fields.text(first, 'message'),
        ...fields.text(first, 'clientType', 'from'),
        ...fields.text(first, 'ext', 'custom'),
        willReconnect: false,
      });
      return;
    case 'multiPortLogin':
      emit('sdk.status', { event, detail: { clients: fields.json(first) } });
      return;
  }
};

/** A rejection or thrown error as `sdk.done` tells it: its code, and its message as `error`. */
export function describeFailure(failure: unknown, known: FoundSecrets): { error: string; code?: string | number } {
  const { code, message } = new Fields(known).error(failure);
  const text = message ?? (typeof failure === 'string' ? new Fields(known).clean(failure) : undefined);
  return { error: text ?? (code === undefined ? 'rejected' : String(code)), ...(code !== undefined && { code }) };
}

/** Reads SDK event objects: a `V2NIMError {code, desc, detail{reason}}`, or plain fields. Never throws. */
class Fields {
  constructor(private readonly known: FoundSecrets) {}

  clean(text: string): string {
    return redactText(text, { ...this.known, maxLength: MAX_TEXT });
  }

  text(source: unknown, key: string, as: string = key): { [key: string]: string } {
    const value = readOption(asObject(source), key);
    if (typeof value === 'string' && value !== '') return { [as]: this.clean(value) };
    return isFiniteNumber(value) ? { [as]: String(value) } : {};
  }

  /** `code` as the SDK gives it; `message` from `desc` (V2NIMError) or `message`, with `detail.reason`. */
  error(source: unknown): { code?: string | number; message?: string } {
    const object = asObject(source);
    const code = readOption(object, 'code');
    const desc = readOption(object, 'desc') ?? readOption(object, 'message');
    const reason = readOption(asObject(readOption(object, 'detail')), 'reason');
    const parts = [desc, reason].filter((part): part is string => typeof part === 'string' && part !== '');
    const message = parts.length === 2 && parts[0] === parts[1] ? parts[0] : parts.join(' — ');
    return {
      ...((typeof code === 'string' || isFiniteNumber(code)) && { code }),
      ...(message && { message: this.clean(message) }),
    };
  }

  json(value: unknown): Json {
    return redact(value, { ...this.known, maxDepth: 4, maxNodes: 200, maxString: MAX_TEXT });
  }
}

function asObject(value: unknown): object {
  return typeof value === 'object' && value !== null ? value : {};
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
