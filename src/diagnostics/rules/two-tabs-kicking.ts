/**
 * Kicked (`kicked`) or refused as a duplicate login (417): another login of the same account took over.
 * Across tabs the tool cannot see the other side (each tab has its own session), so every kick is named
 * with what it most likely means; when the other login is visible in this tab (another frame or instance
 * of the same account logged in after this one), the finding points at it.
 *
 * Severity: a same-platform kick from Web — the classic "two tabs of one account" — and 417 are warnings;
 * a kick from another platform or by the server is information (the multi-device policy doing its job).
 */
import type { NimEvent, NimEventOf } from '../../model/events';
import { explainDisconnect, isKickCode, normalizeCode } from '../../nim/codes';
import { MULTI_DEVICE_DOC } from '../../nim/docs';
import type { SessionState } from '../../session/types';
import { describeInstance, makeFinding } from '../finding';
import type { Finding, Localized, Rule, RuleAnalyzer, Severity } from '../types';

export const twoTabsKicking: Rule = {
  id: 'two-tabs-kicking',
  severity: 'warning',
  title: { en: 'Kicked by another login of the same account', zh: '同一账号在别处登录导致被踢' },
  explanation: {
    en: 'Another tab, window or device logged in with the same account and, under the multi-device login policy, took over this login. Two tabs of one developer with the same test account are the usual cause.',
    zh: '另一个标签页、窗口或设备使用同一账号登录，按多端登录策略顶替了本端。最常见的原因是开发者在两个标签页中使用了同一个测试账号。',
  },
  doc: MULTI_DEVICE_DOC,
  createAnalyzer: () => new TwoTabsKicking(),
};

class TwoTabsKicking implements RuleAnalyzer {
  /** The latest `onconnect` of every instance, by account. */
  private readonly logins = new Map<string, Map<string, NimEventOf<'sdk.connect'>>>();
  private readonly found: Finding[] = [];

  observe(event: NimEvent, session: SessionState): void {
    if (event.instanceId === undefined) return;
    const account = session.instances.get(event.instanceId)?.account;
    if (event.kind === 'sdk.connect' && account !== undefined) {
      const byInstance = this.logins.get(account) ?? new Map<string, NimEventOf<'sdk.connect'>>();
      byInstance.set(event.instanceId, event);
      this.logins.set(account, byInstance);
    } else if (event.kind === 'sdk.disconnect' && isKickCode(event.data.code)) {
      this.found.push(this.describe(event, event.instanceId, account, session));
    }
  }

  findings(): Finding[] {
    return this.found;
  }

  private describe(
    kick: NimEventOf<'sdk.disconnect'>,
    instanceId: string,
    account: string | undefined,
    session: SessionState,
  ): Finding {
    const { reason, from } = kick.data;
    const code = normalizeCode(kick.data.code);
    const explanation = explainDisconnect(code, reason);
    const who = describeInstance(instanceId, account);
    const rival = account === undefined ? undefined : this.rivalLogin(account, instanceId);
    const rivalFrame = rival?.instanceId ? session.instances.get(rival.instanceId)?.frameId : undefined;
    const seen: Localized = rival
      ? {
          en: ` In this tab, ${rival.instanceId}${rivalFrame === undefined ? '' : ` (frame ${rivalFrame})`} logged in with the same account (seq ${rival.seq}).`,
          zh: `本标签页中，${rival.instanceId}${rivalFrame === undefined ? '' : `（frame ${rivalFrame}）`}以同一账号登录（seq ${rival.seq}）。`,
        }
      : {
          en: ' The other login is not in this tab: another tab, window or device.',
          zh: '另一次登录不在本标签页：来自其他标签页、窗口或设备。',
        };
    const origin = from === undefined ? { en: '', zh: '' } : { en: ` (from: ${from})`, zh: `（from：${from}）` };
    return makeFinding(twoTabsKicking, {
      evidence: rival ? [rival, kick] : [kick],
      anchor: kick,
      instanceId,
      severity: severityOf(code, reason, from),
      detail: {
        en: `${who}: ${explanation.title.en}${origin.en} (seq ${kick.seq}). ${explanation.meaning.en}${seen.en} ${explanation.action.en}`,
        zh: `${who}：${explanation.title.zh}${origin.zh}（seq ${kick.seq}）。${explanation.meaning.zh}${seen.zh}${explanation.action.zh}`,
      },
      doc: explanation.doc,
    });
  }

  /** Another instance of the account whose latest login is newer than this instance's own. */
  private rivalLogin(account: string, instanceId: string): NimEventOf<'sdk.connect'> | undefined {
    const byInstance = this.logins.get(account);
    if (!byInstance) return undefined;
    const own = byInstance.get(instanceId);
    let rival: NimEventOf<'sdk.connect'> | undefined;
    for (const [other, login] of byInstance) {
      if (other === instanceId || (own && login.seq < own.seq)) continue;
      if (!rival || login.seq > rival.seq) rival = login;
    }
    return rival;
  }
}

function severityOf(code: string | number | undefined, reason?: string, from?: string): Severity {
  if (code === 417) return 'warning';
  return reason === 'samePlatformKick' && (from === undefined || from === 'Web') ? 'warning' : 'info';
}
