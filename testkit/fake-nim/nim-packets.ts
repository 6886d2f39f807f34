/**
 * The few NIM commands a fake link server must speak for the Web SDK to log in, stay connected and be kicked.
 * Layouts are the SDK's own `packetConfig` / `cmdConfig` (read in NIM_Web_NIM.js 9.21.12 and 8.9.132).
 */
import { type PacketReader, PacketWriter, type Property, TAG_HAS_CODE } from './protocol';

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

/** Keys of the login Property (the SDK's `login` key map). 1000 is the token, sent in clear text. */
const LoginKey = {
  clientType: 3,
  sdkVersion: 6,
  deviceId: 13,
  appKey: 18,
  account: 19,
  token: 1000,
  sdkHumanVersion: 40,
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

/** Reads the body of a `2_3` request (the reader positioned after the header). */
export function parseLoginRequest(body: PacketReader): LoginRequest {
  const login = body.property();
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

/** Builds a login request as the SDK sends it; used by tests that play the client. */
export function loginRequest(
  ser: number,
  fields: { account: string; appKey: string; token: string; deviceId?: string },
) {
  const property: Property = {
    [LoginKey.clientType]: '16',
    [LoginKey.sdkVersion]: '92112',
    [LoginKey.appKey]: fields.appKey,
    [LoginKey.account]: fields.account,
    [LoginKey.token]: fields.token,
  };
  if (fields.deviceId !== undefined) property[LoginKey.deviceId] = fields.deviceId;
  return new PacketWriter()
    .header({ ...Command.login, ser, tag: 0 })
    .property(property)
    .bytes();
}

export interface LoginSession {
  connectionId: string;
  ip: string;
  port: number;
}

/**
 * A login reply. 200: loginRes Property {102 connectionId, 103 ip, 104 port} + empty loginPorts PropertyArray +
 * empty aosPushInfo Property. Any other code: header only, which the SDK reports as `ondisconnect({code})`.
 */
export function loginReply(ser: number, code: number, session: LoginSession): Uint8Array {
  if (code !== 200) return errorReply(Command.login, ser, code);
  return new PacketWriter()
    .header({ ...Command.login, ser, tag: 0 })
    .property({ 102: session.connectionId, 103: session.ip, 104: String(session.port) })
    .propertyArray([])
    .property({})
    .bytes();
}

/** A header-only reply carrying a result code. */
export function errorReply(command: { sid: number; cid: number }, ser: number, code: number): Uint8Array {
  return new PacketWriter().header({ ...command, ser, tag: TAG_HAS_CODE, code }).bytes();
}

/** A header-only 200 reply: what heartbeat and logout expect (their response lists are empty). */
export function emptyReply(command: { sid: number; cid: number }, ser: number): Uint8Array {
  return new PacketWriter().header({ ...command, ser, tag: 0 }).bytes();
}

/** `5_1` syncDone: a Long timetag. Ends the SDK's sync, which then calls `onsyncdone`. */
export function syncDoneReply(ser: number, timetag: number): Uint8Array {
  return new PacketWriter()
    .header({ ...Command.syncDone, ser, tag: 0 })
    .u64(timetag)
    .bytes();
}

/** `6_26` getNosCdnHost: one Property (nosConfigTag); empty means "no CDN", which the SDK accepts. */
export function nosCdnHostReply(ser: number): Uint8Array {
  return new PacketWriter()
    .header({ ...Command.getNosCdnHost, ser, tag: 0 })
    .property({})
    .bytes();
}

/** Index = the wire value, as in the SDK's `kickedReasons`. */
const KICK_REASONS = ['', 'samePlatformKick', 'serverKick', 'otherPlatformKick', 'silentlyKick'] as const;

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
export function kickPacket(details: KickDetails): Uint8Array {
  return new PacketWriter()
    .header({ ...Command.kicked, ser: 0, tag: 0 })
    .u32(details.from)
    .u32(KICK_REASONS.indexOf(details.reason))
    .string(details.custom)
    .u32(details.customClientType)
    .bytes();
}

/** Reads a kick packet's body back; for tests. */
export function parseKick(body: PacketReader): KickDetails {
  const from = body.u32();
  const reason = KICK_REASONS[body.u32()];
  if (!reason) throw new RangeError('unknown kick reason');
  return { from, reason, custom: body.string(), customClientType: body.u32() };
}
