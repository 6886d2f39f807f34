/**
 * `ondisconnect` codes decoded. Numbers come from the first login's reply (the SDK stops), strings from a
 * connection that was up. Sources: NetEase's docs and examples (302 / 417 / 'kicked' handling in the
 * official login sample, the kicked result's typedoc, the status code table) and what nim-sdk.md observed.
 * The v10 SDK's V2 API reports `V2NIMError` codes (server codes as they are, 10xxxx for the server's refusals,
 * 19xxxx for the client's own), read in nim-web-sdk-ng 10.8.1's typings and seen against the fake deployment.
 */
import {
  CHATROOM_DOC,
  CONNECTION_DOC,
  INIT_OPTIONS_DOC,
  KICKED_RESULT_DOC,
  STATUS_CODES_DOC,
  V2_LOGIN_DOC,
} from './docs';
import type { DocLink, Localized, Severity } from './types';

export interface CodeExplanation {
  /** The code as reported; numeric strings become numbers. */
  code: string | number | undefined;
  known: boolean;
  /** Part of normal operation (the app's own logout): nothing to fix. */
  expected: boolean;
  severity: Severity;
  title: Localized;
  meaning: Localized;
  action: Localized;
  doc: DocLink;
}

type Entry = Omit<CodeExplanation, 'code' | 'known'>;

const NO_RETRY = {
  en: 'Retrying with the same credentials cannot succeed.',
  zh: '用同样的账号信息重试不会成功。',
};

const KICKED_ACTION: Localized = {
  en: 'Do not reconnect automatically (two clients would keep kicking each other): tell the user and return to the login page. In development, give each tab its own account, or change the multi-device login policy in the console.',
  zh: '不要自动重连（两个客户端会互相踢下线）：提示用户并回到登录页。开发调试时请每个标签页使用不同账号，或在控制台修改多端登录策略。',
};

const CODES: Record<string, Entry> = {
  302: {
    expected: false,
    severity: 'error',
    title: { en: 'Wrong account or token', zh: '账号或 token 错误' },
    meaning: {
      en: 'The login was refused: the token does not match the account, or the account does not exist under this appKey. The SDK does not retry.',
      zh: '登录被拒绝：token 与账号不匹配，或该 appKey 下不存在此账号。SDK 不会重试。',
    },
    action: {
      en: `Check that appKey, account and token belong together and fetch a current token from your server. ${NO_RETRY.en}`,
      zh: `核对 appKey、account 与 token 是否对应，并从服务端获取最新的 token。${NO_RETRY.zh}`,
    },
    doc: STATUS_CODES_DOC,
  },
  403: {
    expected: false,
    severity: 'error',
    title: { en: 'Forbidden', zh: '非法操作或没有权限' },
    meaning: {
      en: 'The server refused the login as an illegal operation or one without permission.',
      zh: '服务端以“非法操作或没有权限”拒绝了登录。',
    },
    action: {
      en: `Check this appKey's services and permissions in the NetEase console. ${NO_RETRY.en}`,
      zh: `在云信控制台检查该 appKey 的服务与权限配置。${NO_RETRY.zh}`,
    },
    doc: STATUS_CODES_DOC,
  },
  422: {
    expected: false,
    severity: 'error',
    title: { en: 'Account disabled', zh: '账号被禁用' },
    meaning: { en: 'This account is disabled (banned) on the server.', zh: '该账号已在服务端被禁用（封禁）。' },
    action: {
      en: `Unban it through the server API, or sign in with another account. ${NO_RETRY.en}`,
      zh: `通过服务端 API 解禁，或换一个账号登录。${NO_RETRY.zh}`,
    },
    doc: STATUS_CODES_DOC,
  },
  417: {
    expected: false,
    severity: 'warning',
    title: { en: 'Duplicate login', zh: '重复登录' },
    meaning: {
      en: 'The login was refused as a repeated login: this account is already online elsewhere (another tab, window or device) and the multi-device policy does not admit this one.',
      zh: '登录因重复登录被拒绝：该账号已在别处（其他标签页、窗口或设备）在线，多端登录策略不允许本次登录。',
    },
    action: KICKED_ACTION,
    doc: STATUS_CODES_DOC,
  },
  kicked: {
    expected: false,
    severity: 'warning',
    title: { en: 'Kicked offline', zh: '被踢下线' },
    meaning: {
      en: 'The server ended this login: another login of the same account took over, or the server kicked it.',
      zh: '服务端结束了本次登录：同一账号的另一次登录顶替了它，或被服务端踢下线。',
    },
    action: KICKED_ACTION,
    doc: KICKED_RESULT_DOC,
  },
  allAttemptsFailed: {
    expected: false,
    severity: 'warning',
    title: { en: 'All reconnection attempts failed', zh: '重连次数已用尽' },
    meaning: {
      en: 'The SDK gave up after `reconnectionAttempts` attempts (or at once with `needReconnect: false`). Observed with SDK 9.21: when the sockets had opened and then closed, it keeps reconnecting after reporting this.',
      zh: 'SDK 在 `reconnectionAttempts` 次尝试后放弃（`needReconnect: false` 时立即放弃）。SDK 9.21 实测：若连接曾建立后又被关闭，报告此码后它仍会继续重连。',
    },
    action: {
      en: 'Show the connection as down and offer a manual retry (connect()); call disconnect() if it must really stop.',
      zh: '在界面上显示连接已断开并提供手动重试（connect()）；如需真正停止，请调用 disconnect()。',
    },
    doc: INIT_OPTIONS_DOC,
  },
  initConnectFail: {
    expected: false,
    severity: 'error',
    title: { en: 'Initial connection failed', zh: '初次连接失败' },
    meaning: {
      en: 'The first connection could not be established within the allowed attempts (the link server refused or could not be reached); the SDK stops.',
      zh: '在允许的尝试次数内无法建立首次连接（连接服务器拒绝或不可达）；SDK 停止尝试。',
    },
    action: {
      en: 'Check the network, the LBS and link addresses (privateConf for a private deployment), ws vs wss, proxies and firewalls.',
      zh: '检查网络、LBS 与 link 地址（私有化部署的 privateConf）、ws/wss 协议、代理与防火墙。',
    },
    doc: CONNECTION_DOC,
  },
  logout: {
    expected: true,
    severity: 'info',
    title: { en: 'Logged out by the app', zh: '应用主动登出' },
    meaning: {
      en: 'disconnect(), logout() or destroy() was called. ondisconnect fires within milliseconds, before the socket is really closed.',
      zh: '应用调用了 disconnect()、logout() 或 destroy()。ondisconnect 在数毫秒内触发，此时连接尚未真正关闭。',
    },
    action: {
      en: 'Nothing to fix. Wait for the call’s `done` before creating a new instance or leaving the page.',
      zh: '无需修复。在创建新实例或离开页面之前，请等待该调用的 `done` 回调。',
    },
    doc: CONNECTION_DOC,
  },
  alreadyDisconnected: {
    expected: true,
    severity: 'info',
    title: { en: 'Already disconnected', zh: '已处于断开状态' },
    meaning: {
      en: 'disconnect() or destroy() was called while the SDK was not connected (for example while waiting to reconnect); the SDK reports this synchronously inside the call.',
      zh: '在 SDK 未连接时（例如等待重连期间）调用了 disconnect() 或 destroy()；SDK 在该调用内部同步报告此码。',
    },
    action: { en: 'Nothing to fix.', zh: '无需修复。' },
    doc: CONNECTION_DOC,
  },
  Sync_Error: {
    expected: false,
    // The SDK recovers by itself; it only matters when it repeats.
    severity: 'info',
    title: { en: 'Sync failed after login', zh: '登录后数据同步失败' },
    meaning: {
      en: 'The connection dropped while the SDK was syncing after login. Although ondisconnect says willReconnect: false, the real SDK reconnects about 1.6 s later anyway.',
      zh: '登录后 SDK 同步数据期间连接断开。尽管 ondisconnect 给出 willReconnect: false，实际 SDK 约 1.6 秒后仍会自动重连。',
    },
    action: {
      en: 'Do not treat it as final (do not destroy and re-create the instance): wait for onconnect. If it repeats, look at the network or the server.',
      zh: '不要把它当作最终状态（不要销毁并重建实例）：等待 onconnect。若反复出现，请排查网络或服务端。',
    },
    doc: STATUS_CODES_DOC,
  },
  Error_Timeout: {
    expected: false,
    severity: 'warning',
    title: { en: 'Request timed out', zh: '请求超时' },
    meaning: {
      en: 'A request to the server got no answer in time (the SDK’s command timeout, e.g. for login, is 8 s).',
      zh: '发往服务端的请求未在规定时间内得到应答（SDK 的命令超时，例如登录，为 8 秒）。',
    },
    action: {
      en: 'Check the latency to the link server and the network; the SDK retries by itself.',
      zh: '检查到 link 服务器的延迟与网络状况；SDK 会自行重试。',
    },
    doc: STATUS_CODES_DOC,
  },
  offlineListener: {
    expected: false,
    severity: 'info',
    title: { en: 'Browser went offline', zh: '浏览器离线' },
    meaning: {
      en: 'The SDK disconnected because the browser reported that the network went offline.',
      zh: '浏览器报告网络离线，SDK 因此断开。',
    },
    action: {
      en: 'Nothing to fix in the app; the SDK reconnects when the network is back.',
      zh: '应用无需处理；网络恢复后 SDK 会重连。',
    },
    doc: CONNECTION_DOC,
  },
  101303: {
    expected: false,
    severity: 'error',
    title: { en: 'AppKey does not exist', zh: 'appkey 不存在' },
    meaning: {
      en: 'The server knows no application with this appkey (v10 SDK).',
      zh: '服务端不存在该 appkey 对应的应用（v10 SDK）。',
    },
    action: {
      en: `Check the appkey option (written \`appkey\` in v10) against the NetEase console. ${NO_RETRY.en}`,
      zh: `对照云信控制台检查 appkey 参数（v10 中写作 \`appkey\`）。${NO_RETRY.zh}`,
    },
    doc: V2_LOGIN_DOC,
  },
  102302: {
    expected: false,
    severity: 'error',
    title: { en: 'Invalid token', zh: 'token 无效' },
    meaning: {
      en: 'The login was refused because the token is invalid or expired (v10 SDK). The SDK does not retry.',
      zh: '登录因 token 无效或已过期被拒绝（v10 SDK）。SDK 不会重试。',
    },
    action: {
      en: `Fetch a current token from your server (or use tokenProvider for dynamic tokens). ${NO_RETRY.en}`,
      zh: `从服务端获取最新的 token（动态 token 请使用 tokenProvider）。${NO_RETRY.zh}`,
    },
    doc: V2_LOGIN_DOC,
  },
  102422: {
    expected: false,
    severity: 'error',
    title: { en: 'Account banned', zh: '账号被封禁' },
    meaning: { en: 'This account is banned on the server (v10 SDK).', zh: '该账号已在服务端被封禁（v10 SDK）。' },
    action: {
      en: `Unban it through the server API, or sign in with another account. ${NO_RETRY.en}`,
      zh: `通过服务端 API 解禁，或换一个账号登录。${NO_RETRY.zh}`,
    },
    doc: V2_LOGIN_DOC,
  },
  190002: {
    expected: false,
    severity: 'error',
    title: { en: 'Illegal state', zh: '状态非法' },
    meaning: {
      en: 'A V2 API was called in a state that does not allow it (for example login() while logged in, or a call after destroy()).',
      zh: '在不允许的状态下调用了 V2 接口（例如已登录时再次 login()，或 destroy() 之后仍调用）。',
    },
    action: {
      en: 'Check getLoginStatus() before calling, and wait for logout() / destroy() to resolve.',
      zh: '调用前检查 getLoginStatus()，并等待 logout() / destroy() 完成。',
    },
    doc: V2_LOGIN_DOC,
  },
  191002: {
    expected: true,
    severity: 'info',
    title: { en: 'Cancelled', zh: '操作已取消' },
    meaning: {
      en: 'The operation was cancelled, usually by logout() or destroy() while it was in progress.',
      zh: '操作被取消，通常是进行中时调用了 logout() 或 destroy()。',
    },
    action: { en: 'Nothing to fix if the app cancelled it.', zh: '若为应用主动取消则无需处理。' },
    doc: V2_LOGIN_DOC,
  },
  191005: {
    expected: false,
    severity: 'warning',
    title: { en: 'Timed out', zh: '请求超时' },
    meaning: {
      en: 'A request got no answer in time (login()’s `timeout`, 60 s by default, or a command’s).',
      zh: '请求未在规定时间内得到应答（login() 的 `timeout`，默认 60 秒，或某条命令的超时）。',
    },
    action: {
      en: 'Check the network and the latency to the link server; retry.',
      zh: '检查网络与到 link 服务器的延迟，然后重试。',
    },
    doc: V2_LOGIN_DOC,
  },
  192001: {
    expected: false,
    severity: 'warning',
    title: { en: 'Connection failed', zh: '连接失败' },
    meaning: {
      en: 'The SDK could not connect to the link server (refused or unreachable).',
      zh: 'SDK 无法连接到 link 服务器（被拒绝或不可达）。',
    },
    action: {
      en: 'Check the network, the LBS and link addresses (lbsUrls, linkUrl), ws vs wss (linkSSL), proxies and firewalls.',
      zh: '检查网络、LBS 与 link 地址（lbsUrls、linkUrl）、ws/wss（linkSSL）、代理与防火墙。',
    },
    doc: V2_LOGIN_DOC,
  },
  192002: {
    expected: false,
    severity: 'warning',
    title: { en: 'Connection timed out', zh: '连接超时' },
    meaning: {
      en: 'The connection to the link server was not established in time.',
      zh: '未能在规定时间内建立到 link 服务器的连接。',
    },
    action: {
      en: 'Check the network and the link address; the SDK retries by itself.',
      zh: '检查网络与 link 地址；SDK 会自行重试。',
    },
    doc: V2_LOGIN_DOC,
  },
  192003: {
    expected: false,
    severity: 'warning',
    title: { en: 'Disconnected', zh: '连接断开' },
    meaning: {
      en: 'The connection to the server was lost (v10 SDK, onDisconnected). After a kick (onKickedOffline follows) it stays down; otherwise the SDK waits (onConnectStatus WAITING) and logs in again.',
      zh: '与服务端的连接断开（v10 SDK，onDisconnected）。若随后收到 onKickedOffline 则保持断开；否则 SDK 进入等待（onConnectStatus WAITING）并重新登录。',
    },
    action: {
      en: 'Do not log in again yourself: the SDK reconnects. If it repeats, look at the network or the server.',
      zh: '不要自行再次登录：SDK 会自动重连。若反复出现，请排查网络或服务端。',
    },
    doc: V2_LOGIN_DOC,
  },
  192004: {
    expected: false,
    severity: 'warning',
    title: { en: 'Protocol timeout', zh: '协议超时' },
    meaning: {
      en: 'A protocol request to the link server got no reply in time; the SDK treats the connection as broken.',
      zh: '发往 link 服务器的协议请求未及时收到应答；SDK 视连接为已断开。',
    },
    action: {
      en: 'Check the latency to the link server; the SDK reconnects by itself.',
      zh: '检查到 link 服务器的延迟；SDK 会自行重连。',
    },
    doc: V2_LOGIN_DOC,
  },
  13003: {
    expected: false,
    severity: 'error',
    title: { en: 'Blacklisted in the chat room', zh: '在聊天室黑名单中' },
    meaning: {
      en: 'This account is on the chat room’s blacklist and may not enter it.',
      zh: '该账号在聊天室黑名单中，禁止进入该聊天室。',
    },
    action: {
      en: `Remove the account from the chat room's blacklist through the server API. ${NO_RETRY.en}`,
      zh: `通过服务端 API 将该账号移出聊天室黑名单。${NO_RETRY.zh}`,
    },
    doc: CHATROOM_DOC,
  },
};

/** The `reason` of a `kicked` disconnect, as the kicked result's typedoc lists them. */
const KICK_REASONS: Record<string, Localized> = {
  samePlatformKick: {
    en: 'Another client on the same platform logged in with this account (from “Web”: another browser tab, window or Web page), and the policy admits only one.',
    zh: '同一账号在同平台的另一客户端登录（from 为 “Web” 时：另一个浏览器标签页、窗口或网页），而策略只允许一个在线。',
  },
  otherPlatformKick: {
    en: 'A login of this account on another platform took over, as the multi-device login policy demands.',
    zh: '该账号在其他平台登录，按多端登录策略顶替了本端。',
  },
  serverKick: {
    en: 'The server kicked this client (your backend through the server API, or the console).',
    zh: '服务端将本端踢下线（你的服务端通过服务端 API 或控制台操作）。',
  },
  // The v10 SDK's V2 API (V2NIMKickedOfflineReason), named by the hook.
  CLIENT_EXCLUSIVE: {
    en: 'Another login of this account took over, as the multi-device login policy demands (v10: CLIENT_EXCLUSIVE).',
    zh: '该账号的另一次登录按多端登录策略顶替了本端（v10：CLIENT_EXCLUSIVE）。',
  },
  SERVER: {
    en: 'The server kicked this client (your backend through the server API, or the console).',
    zh: '服务端将本端踢下线（你的服务端通过服务端 API 或控制台操作）。',
  },
  CLIENT: {
    en: 'Another client of this account kicked this one off (kickOffline()).',
    zh: '该账号的另一个客户端调用 kickOffline() 将本端踢下线。',
  },
  CLIENT_QUIETLY: {
    en: 'Another client of this account kicked this one off quietly (no notice to the user is expected).',
    zh: '该账号的另一个客户端静默地将本端踢下线（不需要提示用户）。',
  },
};

/** `'302'` and `302` are the same code: the SDK reports numbers, recordings and logs may carry strings. */
export function normalizeCode(code: string | number | undefined): string | number | undefined {
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  return code;
}

export function explainDisconnect(rawCode: string | number | undefined, reason?: string): CodeExplanation {
  const code = normalizeCode(rawCode);
  const entry = code === undefined ? undefined : CODES[String(code)];
  if (!entry) return unknownCode(code);
  const kickReason = code === 'kicked' && reason ? KICK_REASONS[reason] : undefined;
  return {
    code,
    known: true,
    ...entry,
    ...(kickReason
      ? { meaning: kickReason, title: { en: `Kicked offline (${reason})`, zh: `被踢下线（${reason}）` } }
      : {}),
  };
}

/** `kicked` or 417: another login of the same account (another tab, window or device) is involved. */
export function isKickCode(code: string | number | undefined): boolean {
  const normalized = normalizeCode(code);
  return normalized === 'kicked' || normalized === 417;
}

function unknownCode(code: string | number | undefined): CodeExplanation {
  const shown = code === undefined ? '' : ` ${String(code)}`;
  return {
    code,
    known: false,
    expected: false,
    severity: 'warning',
    title:
      code === undefined
        ? { en: 'Disconnected without a code', zh: '断开连接（无断开码）' }
        : { en: `Unknown disconnect code${shown}`, zh: `未知的断开码${shown}` },
    meaning: {
      en: `This tool does not know the code${shown}: it is not one of the codes NetEase documents for ondisconnect.`,
      zh: `本工具不认识断开码${shown}：它不在网易云信为 ondisconnect 记录的断开码之列。`,
    },
    action: {
      en: 'Look it up in the status code table and read the disconnect message.',
      zh: '请在状态码表中查找，并查看断开时的 message。',
    },
    doc: STATUS_CODES_DOC,
  };
}
