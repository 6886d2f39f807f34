/**
 * NIM link commands the decoder knows, as the SDKs name them (`packetConfig` of NIM_Web_NIM.js 9.21 and 8.9,
 * the command map of nim-web-sdk-ng 10.8): `sid_cid` on the wire, a name in the SDK.
 */

/** The commands that change a connection's life, by generation: v8/v9 (and v10's V1-compatible API), v10 V2. */
export const LIFECYCLE = {
  heartbeat: ['1_2'],
  login: ['2_3', '26_3'],
  kicked: ['2_5', '26_9'],
  logout: ['2_6', '26_5'],
} as const;

export type LifecycleCommand = keyof typeof LIFECYCLE;

/** `sid * 256 + cid` (both are one byte on the binary wire): a number key needs no string per frame. */
export function commandKey(sid: number, cid: number): number {
  return sid * 256 + cid;
}

function keyOf(id: string): number {
  const [sid, cid] = id.split('_');
  return commandKey(Number(sid), Number(cid));
}

const LIFECYCLE_BY_KEY: ReadonlyMap<number, LifecycleCommand> = new Map(
  (Object.keys(LIFECYCLE) as LifecycleCommand[]).flatMap((name) => LIFECYCLE[name].map((id) => [keyOf(id), name])),
);

/** Which lifecycle command `sid_cid` is, if any. */
export function lifecycleCommand(sid: number, cid: number): LifecycleCommand | undefined {
  return LIFECYCLE_BY_KEY.get(commandKey(sid, cid));
}

/** Names for the commands a failed reply most often belongs to; anything else is shown as `sid_cid`. */
const NAMES: Readonly<Record<string, string>> = {
  '1_2': 'heartbeat',
  '1_5': 'negotiateTransport',
  '1_6': 'initTransport',
  '2_3': 'login',
  '2_5': 'kicked',
  '2_6': 'logout',
  '2_7': 'multiPortLogin',
  '2_8': 'kick',
  '3_7': 'getUsers',
  '4_4': 'syncOfflineMsgs',
  '5_1': 'syncDone',
  '6_1': 'getSimpleNosToken',
  '6_2': 'getNosToken',
  '6_23': 'getServerTime',
  '6_26': 'getNosCdnHost',
  '6_27': 'getGrayscaleConfig',
  '7_1': 'sendMsg',
  '7_2': 'msg',
  '7_6': 'getHistoryMsgs',
  '7_10': 'getSessions',
  '26_3': 'v2Login',
  '26_5': 'v2Logout',
  '26_8': 'v2KickOffline',
  '26_9': 'v2BeKicked',
  '26_10': 'v2LoginClientChange',
};

/** NIM's own name for a command where we know it, else its `sid_cid`. */
export function commandName(sid: number, cid: number): string {
  const id = `${sid}_${cid}`;
  return Object.hasOwn(NAMES, id) ? (NAMES[id] as string) : id;
}

/** The login request's Property keys (`webLoginReqTag`, the same in v8, v9 and v10). 1000 is the token. */
export const LOGIN_KEY = { clientType: 3, sdkVersion: 6, deviceId: 13, appKey: 18, account: 19, token: 1000 } as const;

/** The login reply's Property keys: v8/v9 `loginRes`, v10 `mixAuthRepTag`. */
export const LOGIN_REPLY_KEY = {
  classic: { connectionId: 102, ip: 103, port: 104 },
  v2: { connectionId: 2, ip: 3, port: 4 },
} as const;

/** Index = the kick reason on the wire (the SDK's `kickedReasons`; v10's KickedOfflineReason counts alike). */
export const KICK_REASONS = ['', 'samePlatformKick', 'serverKick', 'otherPlatformKick', 'silentlyKick'] as const;

/** The SDK's `clientTypeMap`: the kicking platform's name. */
const CLIENT_TYPES: Readonly<Record<number, string>> = {
  1: 'Android',
  2: 'iOS',
  4: 'PC',
  8: 'WindowsPhone',
  16: 'Web',
  32: 'Server',
  64: 'Mac',
  65: 'HarmonyOS',
};

export function kickReasonName(reason: number): string | undefined {
  return reason > 0 && reason < KICK_REASONS.length ? KICK_REASONS[reason] : undefined;
}

export function clientTypeName(type: number): string {
  return Object.hasOwn(CLIENT_TYPES, type) ? (CLIENT_TYPES[type] as string) : String(type);
}
