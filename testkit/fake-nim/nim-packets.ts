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
  // The v10 SDK (`nim-web-sdk-ng`) in V2 mode logs in, out and is kicked with these, and waits after login
  // for the three below them (an unanswered one holds `login()` for the SDK's 8 s command timeout).
  v2Login: { sid: 26, cid: 3 },
  v2Logout: { sid: 26, cid: 5 },
  v2Kicked: { sid: 26, cid: 9 },
  getServerTime: { sid: 6, cid: 23 },
  getGrayscaleConfig: { sid: 6, cid: 27 },
  v2ConversationSync: { sid: 28, cid: 19 },
} as const;

export type CommandName = keyof typeof Command;

export function commandName(sid: number, cid: number): CommandName | undefined {
  for (const [name, command] of Object.entries(Command)) {
    if (command.sid === sid && command.cid === cid) return name as CommandName;
  }
  return undefined;
}

/** A login request: v9's `2_3` or v10 V2's `26_3` (the same Property keys). */
export function isLoginCommand(sid: number, cid: number): boolean {
  const name = commandName(sid, cid);
  return name === 'login' || name === 'v2Login';
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

/**
 * The v10 V2 login reply (`26_3`). 200: the mixAuthRepTag Property {1 clientId, 2 consid, 3 ip, 4 port, 5 type,
 * 7 timestamp, 9 os} + an empty PropertyArray (the other clients logged in). Other codes: no body.
 */
export function v2LoginReply(ser: number, code: number, session: LoginSession & { deviceId?: string }): NimPacket {
  if (code !== 200) return { ...Command.v2Login, ser, code, body: [] };
  const data: Property = {
    1: session.deviceId ?? '',
    2: session.connectionId,
    3: session.ip,
    4: String(session.port),
    5: String(ClientType.Web),
    7: String(Date.now()),
    9: 'Linux',
  };
  return {
    ...Command.v2Login,
    ser,
    code,
    body: [
      { type: 'Property', value: data },
      { type: 'PropertyArray', value: [] },
    ],
  };
}

/** `6_23` getServerTime: a Long, the server's clock. */
export function serverTimeReply(ser: number, now: number): NimPacket {
  return { ...Command.getServerTime, ser, code: 200, body: [{ type: 'Long', value: now }] };
}

/** `6_27` getGrayscaleConfig: one Property; empty turns no feature on. */
export function grayscaleConfigReply(ser: number): NimPacket {
  return { ...Command.getGrayscaleConfig, ser, code: 200, body: [{ type: 'Property', value: {} }] };
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

/**
 * A server push (`ser 0`): Int from, Int reason, String custom, Int customClientType. The v10 V2 push (`26_9`,
 * `v2BeKicked`: clientType, reason, reasonDesc, customClientType) has the same layout and reason numbers
 * (V2NIMKickedOfflineReason CLIENT_EXCLUSIVE 1, SERVER 2, CLIENT 3, CLIENT_QUIETLY 4).
 */
export function kickPacket(details: KickDetails, command: { sid: number; cid: number } = Command.kicked): NimPacket {
  return {
    ...command,
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
