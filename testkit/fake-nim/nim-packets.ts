/**
 * The few NIM commands a fake link server must speak for the Web SDK to log in, stay connected and be kicked,
 * independent of the wire (binary frames or socket.io JSON). Layouts are the SDK's own `packetConfig` /
 * `cmdConfig` (read in NIM_Web_NIM.js 9.21.12 and 8.9.132).
 */
import type { Property } from './protocol';

/** `sid_cid` pairs, named as the SDK names them. */
export const Command = {
  heartbeat: { sid: 1, cid: 2 },
  login: { sid: 2, cid: 3 },
  kicked: { sid: 2, cid: 5 },
  logout: { sid: 2, cid: 6 },
  syncDone: { sid: 5, cid: 1 },
  getNosCdnHost: { sid: 6, cid: 26 },
} as const;

export type CommandName = keyof typeof Command;

export function commandName(sid: number, cid: number): CommandName | undefined {
  for (const [name, command] of Object.entries(Command)) {
    if (command.sid === sid && command.cid === cid) return name as CommandName;
  }
  return undefined;
}

/** One value of a packet body, typed as the SDK's response schemas type them. */
export type BodyValue =
  | { type: 'Property'; value: Property }
  | { type: 'PropertyArray'; value: Property[] }
  | { type: 'Int'; value: number }
  | { type: 'Long'; value: number }
  | { type: 'String'; value: string };

/** A packet from the server, before a wire encodes it. A code other than 200 goes with an empty body. */
export interface NimPacket {
  sid: number;
  cid: number;
  ser: number;
  code: number;
  body: BodyValue[];
}

/** A packet from the SDK, as far as the server reads it: the command, and the login Property for a login. */
export interface NimRequest {
  sid: number;
  cid: number;
  ser: number;
  login?: LoginRequest;
}

/** Keys of the login Property (the SDK's `login` key map). 1000 is the token, sent in clear text. */
export const LoginKey = {
  clientType: 3,
  sdkVersion: 6,
  deviceId: 13,
  appKey: 18,
  account: 19,
  token: 1000,
} as const;

/** What a login request says, minus the token: a fake server has no business keeping credentials. */
export interface LoginRequest {
  account: string;
  appKey: string;
  deviceId?: string;
  /** e.g. '92112' for 9.21.12, '2332' for 8.9.132. */
  sdkVersion?: string;
  /** 16 for Web. */
  clientType?: number;
  hasToken: boolean;
}

export function parseLogin(login: Property): LoginRequest {
  const clientType = login[LoginKey.clientType];
  const request: LoginRequest = {
    account: login[LoginKey.account] ?? '',
    appKey: login[LoginKey.appKey] ?? '',
    hasToken: login[LoginKey.token] !== undefined,
  };
  if (login[LoginKey.deviceId] !== undefined) request.deviceId = login[LoginKey.deviceId];
  if (login[LoginKey.sdkVersion] !== undefined) request.sdkVersion = login[LoginKey.sdkVersion];
  if (clientType !== undefined) request.clientType = Number(clientType);
  return request;
}

/** The login Property as the SDK sends it (the fields that matter here); for tests that play the client. */
export function loginProperty(fields: { account: string; appKey: string; token: string; deviceId?: string }) {
  const property: Property = {
    [LoginKey.clientType]: '16',
    [LoginKey.sdkVersion]: '92112',
    [LoginKey.appKey]: fields.appKey,
    [LoginKey.account]: fields.account,
    [LoginKey.token]: fields.token,
  };
  if (fields.deviceId !== undefined) property[LoginKey.deviceId] = fields.deviceId;
  return property;
}

export interface LoginSession {
  connectionId: string;
  ip: string;
  port: number;
}

/**
 * A login reply. 200: loginRes Property {102 connectionId, 103 ip, 104 port} + empty loginPorts PropertyArray +
 * empty aosPushInfo Property. Any other code: no body, which the SDK reports as `ondisconnect({code})`.
 */
export function loginReply(ser: number, code: number, session: LoginSession): NimPacket {
  if (code !== 200) return { ...Command.login, ser, code, body: [] };
  return {
    ...Command.login,
    ser,
    code,
    body: [
      { type: 'Property', value: { 102: session.connectionId, 103: session.ip, 104: String(session.port) } },
      { type: 'PropertyArray', value: [] },
      { type: 'Property', value: {} },
    ],
  };
}

/** A 200 reply without body: what heartbeat and logout expect (their response lists are empty). */
export function emptyReply(command: { sid: number; cid: number }, ser: number): NimPacket {
  return { ...command, ser, code: 200, body: [] };
}

/** `5_1` syncDone: a Long timetag. Ends the SDK's sync, which then calls `onsyncdone`. */
export function syncDoneReply(ser: number, timetag: number): NimPacket {
  return { ...Command.syncDone, ser, code: 200, body: [{ type: 'Long', value: timetag }] };
}

/** `6_26` getNosCdnHost: one Property (nosConfigTag); empty means "no CDN", which the SDK accepts. */
export function nosCdnHostReply(ser: number): NimPacket {
  return { ...Command.getNosCdnHost, ser, code: 200, body: [{ type: 'Property', value: {} }] };
}

/** Index = the wire value, as in the SDK's `kickedReasons`. */
export const KICK_REASONS = ['', 'samePlatformKick', 'serverKick', 'otherPlatformKick', 'silentlyKick'] as const;

export type KickReason = Exclude<(typeof KICK_REASONS)[number], ''>;

/** Client types as in the SDK's `clientTypeMap`; the kick's `from` is one of these. */
export const ClientType = { Android: 1, iOS: 2, PC: 4, WindowsPhone: 8, Web: 16, Server: 32, Mac: 64 } as const;

export interface KickDetails {
  reason: KickReason;
  /** The kicking platform; the SDK reports its name as `from`. */
  from: number;
  custom: string;
  customClientType: number;
}

/** A server push (`ser 0`): Int from, Int reason, String custom, Int customClientType. */
export function kickPacket(details: KickDetails): NimPacket {
  return {
    ...Command.kicked,
    ser: 0,
    code: 200,
    body: [
      { type: 'Int', value: details.from },
      { type: 'Int', value: KICK_REASONS.indexOf(details.reason) },
      { type: 'String', value: details.custom },
      { type: 'Int', value: details.customClientType },
    ],
  };
}
