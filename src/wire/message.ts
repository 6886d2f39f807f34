/**
 * From a frame's header to a `LinkMessage`, the same for both framings: `planFor` decides from the header alone
 * whether the body is worth reading (lifecycle commands and failed replies only), and `buildMessage` reads it
 * through a `BodyReader`, which each framing implements over its own encoding.
 */
import { withoutUndefined } from '../model/without-undefined';
import { commandName, type LifecycleCommand, LOGIN_KEY, LOGIN_REPLY_KEY, lifecycleCommand } from './commands';
import type { LinkDirection, LinkHeader, LinkMessage, LoginRequest } from './types';

/** Kept strings are cut here: an account or a device id is short, a hostile frame's may not be. */
export const MAX_TEXT = 256;

/** The body's values in order, as the SDK's schemas list them. Each read returns undefined once the body is spent. */
export interface BodyReader {
  /** A Property, only the `keys` asked for, values as strings. */
  property(keys: readonly number[]): Record<number, string> | undefined;
  int(): number | undefined;
  string(): string | undefined;
}

export type Plan = LifecycleCommand | 'loginReply' | 'failed';

const HEARTBEAT_OUT: LinkMessage = { type: 'heartbeat', direction: 'out' };
const HEARTBEAT_IN: LinkMessage = { type: 'heartbeat', direction: 'in' };

const LOGIN_KEYS: readonly number[] = Object.values(LOGIN_KEY);
const REPLY_KEYS: readonly number[] = [...Object.values(LOGIN_REPLY_KEY.classic), ...Object.values(LOGIN_REPLY_KEY.v2)];

/** What a frame with this header is, from the header alone; undefined for everything else (chat, sync…). */
export function planFor(direction: LinkDirection, sid: number, cid: number, code: number): Plan | undefined {
  const command = lifecycleCommand(sid, cid);
  if (command === 'heartbeat') return command;
  if (command === 'login') return direction === 'out' ? 'login' : 'loginReply';
  if (direction === 'out') return command === 'logout' ? command : undefined;
  if (command === 'kicked') return command;
  return code === 200 ? undefined : 'failed';
}

/** A heartbeat needs no body and no allocation: the same object every time. */
export function heartbeat(direction: LinkDirection): LinkMessage {
  return direction === 'out' ? HEARTBEAT_OUT : HEARTBEAT_IN;
}

export function buildMessage(plan: Plan, header: LinkHeader, direction: LinkDirection, body: BodyReader): LinkMessage {
  const { sid, cid, ser, code } = header;
  switch (plan) {
    case 'heartbeat':
      return heartbeat(direction);
    case 'login':
      return { type: 'login', ser, login: loginRequest(body.property(LOGIN_KEYS) ?? {}) };
    case 'loginReply': {
      if (code !== 200) return { type: 'loginReply', ser, code, session: {} };
      const values = body.property(REPLY_KEYS) ?? {};
      const keys =
        values[LOGIN_REPLY_KEY.classic.connectionId] !== undefined ? LOGIN_REPLY_KEY.classic : LOGIN_REPLY_KEY.v2;
      const session = {
        connectionId: cut(values[keys.connectionId]),
        ip: cut(values[keys.ip]),
        port: cut(values[keys.port]),
      };
      return { type: 'loginReply', ser, code, session: withoutUndefined(session) };
    }
    case 'kicked': {
      const kick = { from: body.int(), reason: body.int(), custom: cut(body.string()), customClientType: body.int() };
      return { type: 'kicked', kick: withoutUndefined(kick) };
    }
    case 'logout':
      return { type: 'logout', ser };
    case 'failed':
      return { type: 'failed', sid, cid, ser, code, name: commandName(sid, cid) };
  }
}

/** The token never leaves this function: not under its own key, and not under any other key that repeats it. */
function loginRequest(values: Record<number, string>): LoginRequest {
  const token = values[LOGIN_KEY.token];
  const keep = (key: number): string | undefined => {
    const value = values[key];
    return value === undefined || value === token ? undefined : cut(value);
  };
  const clientType = Number(keep(LOGIN_KEY.clientType));
  return withoutUndefined({
    account: keep(LOGIN_KEY.account),
    appKey: keep(LOGIN_KEY.appKey),
    deviceId: keep(LOGIN_KEY.deviceId),
    sdkVersion: keep(LOGIN_KEY.sdkVersion),
    clientType: Number.isInteger(clientType) ? clientType : undefined,
  });
}

function cut(value: string | undefined): string | undefined {
  return value !== undefined && value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
}
