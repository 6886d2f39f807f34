/**
 * The V2 API's enums by name, so that the panel says `LOGINED` and `CLIENT_EXCLUSIVE` rather than 1. Values from
 * `V2NIMConst` in nim-web-sdk-ng 10.8.1 (`dist/v2/NIM_BROWSER_SDK/V2NIMConst.d.ts`); the hook does not read the
 * page's copy, so a renamed or missing constant cannot break it. An unknown value prints as its number.
 */
const LOGIN_STATUS = ['LOGOUT', 'LOGINED', 'LOGINING', 'UNLOGIN'];
const CONNECT_STATUS = ['DISCONNECTED', 'CONNECTED', 'CONNECTING', 'WAITING'];
const KICKED_OFFLINE_REASON = ['', 'CLIENT_EXCLUSIVE', 'SERVER', 'CLIENT', 'CLIENT_QUIETLY'];
const LOGIN_CLIENT_CHANGE = ['', 'LIST', 'LOGIN', 'LOGOUT'];
const DATA_SYNC_TYPE = ['', 'MAIN', 'TEAM_MEMBER', 'SUPER_TEAM_MEMBER'];
const DATA_SYNC_STATE = ['', 'WAITING', 'SYNCING', 'COMPLETED'];
/** `V2NIMLoginClientType`, also the kicking client's `clientType`. */
const CLIENT_TYPES: Record<number, string> = {
  0: 'UNKNOWN',
  1: 'ANDROID',
  2: 'IOS',
  4: 'PC',
  8: 'WP',
  16: 'WEB',
  32: 'RESTFUL',
  64: 'MAC_OS',
  65: 'HARMONY_OS',
};

export const V2_ENUMS = {
  loginStatus: LOGIN_STATUS,
  connectStatus: CONNECT_STATUS,
  kickedOfflineReason: KICKED_OFFLINE_REASON,
  loginClientChange: LOGIN_CLIENT_CHANGE,
  dataSyncType: DATA_SYNC_TYPE,
  dataSyncState: DATA_SYNC_STATE,
} as const;

export type V2Enum = keyof typeof V2_ENUMS;

export const V2_LOGIN_STATUS = { LOGINED: 1 } as const;
export const V2_CONNECT_STATUS = { WAITING: 3 } as const;

/** `LOGINED` for `nameOf('loginStatus', 1)`; the number as text when the SDK sends a value we do not know. */
export function nameOf(table: V2Enum, value: unknown): string {
  const name = typeof value === 'number' ? V2_ENUMS[table][value] : undefined;
  return name || String(value);
}

export function clientTypeName(value: unknown): string {
  const name = typeof value === 'number' ? CLIENT_TYPES[value] : undefined;
  return name ?? String(value);
}
