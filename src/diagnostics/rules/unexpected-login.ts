/**
 * The v10 SDK's `getInstance` refused with "Unexpected login": a client exists (the latest `new` or
 * `getInstance`) and the options name another account or appkey. v9 handed out a second instance for another
 * account; v10's `getInstance` keeps one client and throws until it is destroyed, so an app switching accounts
 * the v9 way breaks at the call (the hook reports the throw as `sdk.error` with `event: 'getInstance'`).
 */
import type { NimEvent } from '../../model/events';
import { V2_LOGIN_DOC } from '../../nim/docs';
import { makeFinding } from '../finding';
import type { Finding, Rule, RuleAnalyzer } from '../types';

export const unexpectedLogin: Rule = {
  id: 'unexpected-login',
  severity: 'error',
  title: { en: 'getInstance refused another account (v10)', zh: 'getInstance 拒绝了另一个账号（v10）' },
  explanation: {
    en: 'In the v10 SDK (nim-web-sdk-ng) getInstance keeps a single client: options for another account or appkey throw “Unexpected login” while it exists. To switch accounts, await destroy() (or logout() and log in with the same client) before getInstance; for several clients at once use new NIM().',
    zh: '在 v10 SDK（nim-web-sdk-ng）中 getInstance 只保留一个客户端：在其存在期间传入其他账号或 appkey 会抛出 “Unexpected login”。切换账号时，请先 await destroy()（或 logout() 后用同一客户端登录）再调用 getInstance；需要同时存在多个客户端时请使用 new NIM()。',
  },
  doc: V2_LOGIN_DOC,
  createAnalyzer: () => new UnexpectedLogin(),
};

class UnexpectedLogin implements RuleAnalyzer {
  private readonly found: Finding[] = [];

  observe(event: NimEvent): void {
    if (event.kind !== 'sdk.error' || event.data.event !== 'getInstance') return;
    const message = event.data.message ?? '?';
    this.found.push(
      makeFinding(unexpectedLogin, {
        evidence: [event],
        instanceId: event.instanceId,
        detail: {
          en: `getInstance threw “${message}” (seq ${event.seq}): the existing client was not destroyed first.`,
          zh: `getInstance 抛出 “${message}”（seq ${event.seq}）：未先销毁已有的客户端。`,
        },
      }),
    );
  }

  findings(): Finding[] {
    return this.found;
  }
}
