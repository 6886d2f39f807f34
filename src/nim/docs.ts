/**
 * NetEase documentation the diagnostics point to. Deep links are only the pages we found and read on
 * doc.yunxin.163.com; everything else is the docs home plus the name of the topic to look up there.
 */
import type { DocLink } from './types';

export const DOCS_HOME = 'https://doc.yunxin.163.com/';

/**
 * "IM 连接相关" (Web): ondisconnect fires on disconnect()/destroy() before the connection is really gone;
 * only `done` guarantees it is closed, "especially important for WeChat mini programs, which have only two
 * long connections"; connect() may only be called after disconnect().
 */
export const CONNECTION_DOC: DocLink = { url: 'https://doc.yunxin.163.com/messaging/docs/jk2OTY1ODc?platform=web' };

/** "多端登录与互踢" (Web): the console's multi-device login policies and `nim.kick`. */
export const MULTI_DEVICE_DOC: DocLink = { url: 'https://doc.yunxin.163.com/messaging/guide/jIxMjczMzk?platform=web' };

/** The typedoc of `ondisconnect`'s kicked result: `reason` samePlatformKick / otherPlatformKick / serverKick, `from`. */
export const KICKED_RESULT_DOC: DocLink = {
  url: 'https://doc.yunxin.163.com/messaging/references/web/typedoc/Latest/en/NIM/interfaces/nim_types.NIMOnDisconnectResultKicked.html',
};

/** "注销登录与销毁实例" (uni-app): "uni-app 限制了只能建立一条客户端与服务端的长连接". */
export const UNIAPP_CONNECTION_DOC: DocLink = {
  url: 'https://doc.yunxin.163.com/messaging-enhanced/guide/TEzNzA4NTE?platform=uniapp',
};

/** The v10 SDK (nim-web-sdk-ng): V2NIMLoginService, its login and kick policy, and the V2NIMError codes. */
export const V2_LOGIN_DOC: DocLink = {
  url: DOCS_HOME,
  topic: {
    en: 'IM (messaging2) › Web › Login (V2NIMLoginService) and error codes (V2NIMError)',
    zh: 'IM 即时通讯（新版 messaging2）› Web › 登录（V2NIMLoginService）与错误码（V2NIMError）',
  },
};

export const STATUS_CODES_DOC: DocLink = {
  url: DOCS_HOME,
  topic: { en: 'IM › Web › Status codes', zh: 'IM 即时通讯 › Web › 状态码' },
};

export const INIT_OPTIONS_DOC: DocLink = {
  url: DOCS_HOME,
  topic: {
    en: 'IM › Web › Initialization (NIM.getInstance options: reconnectionAttempts, needReconnect)',
    zh: 'IM 即时通讯 › Web › 初始化（NIM.getInstance 参数：reconnectionAttempts、needReconnect）',
  },
};

export const GET_INSTANCE_SINGLETON_DOC: DocLink = {
  url: DOCS_HOME,
  topic: {
    en: 'IM › Web › Initialization (NIM.getInstance is a singleton per account)',
    zh: 'IM 即时通讯 › Web › 初始化（NIM.getInstance 单例模式）',
  },
};

export const CHATROOM_DOC: DocLink = {
  url: DOCS_HOME,
  topic: { en: 'IM › Web › Chat room › Status codes (13003)', zh: 'IM 即时通讯 › Web › 聊天室 › 状态码（13003）' },
};
