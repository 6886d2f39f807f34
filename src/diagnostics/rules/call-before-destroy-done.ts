/**
 * `getInstance`, `connect()` or a navigation after `destroy()` was called and before its `done`. `destroy`
 * returns at once; the instance, its socket and its singleton slot (`"NIM-account-" + account`) are only
 * gone at `done`. NetEase's own demos call `getInstance` right after `destroy()`.
 *
 * Flagged: a `getInstance` for the same account (or when either account is unknown) — it races the dying
 * singleton; a `getInstance` for another account — switching accounts this way keeps the old connection
 * alive next to the new one, which costs a slot where sockets are scarce (WeChat mini programs allow 2 per
 * domain) and is exactly what NetEase's guide says to do from `done`; a `connect()` on the instance being
 * destroyed; a top-level navigation — `done` can no longer run and the logout may never reach the server.
 */
import type { NimEvent, NimEventOf } from '../../model/events';
import { CONNECTION_DOC } from '../../nim/docs';
import { startsDocument } from '../../session/reducer';
import type { SessionState } from '../../session/types';
import { describeInstance, formatDuration, makeFinding } from '../finding';
import type { Finding, Localized, Rule, RuleAnalyzer } from '../types';

interface PendingDestroy {
  call: NimEventOf<'sdk.call'>;
  instanceId: string;
  account?: string;
}

export const callBeforeDestroyDone: Rule = {
  id: 'call-before-destroy-done',
  severity: 'warning',
  title: { en: 'Used before destroy finished', zh: 'destroy 完成前继续调用' },
  explanation: {
    en: 'destroy() returns at once, but the instance and its connection are only gone when its `done` callback runs. Calling getInstance or connect, or leaving the page, before that races the old instance.',
    zh: 'destroy() 会立即返回，但实例及其连接要到 `done` 回调执行时才真正销毁。在此之前调用 getInstance、connect 或离开页面，会与旧实例产生竞争。',
  },
  doc: CONNECTION_DOC,
  createAnalyzer: () => new CallBeforeDestroyDone(),
};

class CallBeforeDestroyDone implements RuleAnalyzer {
  private readonly pending = new Map<string, PendingDestroy>();
  private readonly found: Finding[] = [];

  observe(event: NimEvent, session: SessionState): void {
    switch (event.kind) {
      case 'sdk.call':
        if (!event.instanceId) break;
        if (event.data.method === 'destroy') {
          const account = session.instances.get(event.instanceId)?.account;
          this.pending.set(event.instanceId, { call: event, instanceId: event.instanceId, account });
        } else if (event.data.method === 'connect') {
          const destroying = this.pending.get(event.instanceId);
          if (destroying)
            this.flag(destroying, event, { en: 'connect() on the same instance', zh: '对同一实例调用 connect()' });
        }
        break;
      case 'sdk.done':
        if (event.instanceId && this.pending.get(event.instanceId)?.call.data.callId === event.data.callId) {
          this.pending.delete(event.instanceId);
        }
        break;
      case 'sdk.getInstance':
        for (const destroying of this.pending.values()) {
          const whom = event.data.account ?? '?';
          const what = mayBeSameSingleton(destroying.account, event.data.account)
            ? { en: `getInstance for account ${whom}`, zh: `为账号 ${whom} 调用 getInstance` }
            : {
                en: `switching to account ${whom} (getInstance)`,
                zh: `切换到账号 ${whom}（getInstance）`,
              };
          this.flag(destroying, event, what);
        }
        break;
      case 'page.navigate':
        if (!startsDocument(session, event)) break;
        for (const destroying of this.pending.values()) {
          this.flag(destroying, event, { en: 'a navigation away from the page', zh: '页面跳转' });
        }
        this.pending.clear();
        break;
      default:
        break;
    }
  }

  findings(): Finding[] {
    return this.found;
  }

  private flag(destroying: PendingDestroy, offender: NimEvent, what: Localized): void {
    const { call, instanceId, account } = destroying;
    const who = describeInstance(instanceId, account);
    const after = formatDuration(offender.t - call.t);
    this.found.push(
      makeFinding(callBeforeDestroyDone, {
        evidence: [call, offender],
        anchor: offender,
        instanceId,
        detail: {
          en: `${capitalize(what.en)} (seq ${offender.seq}) came ${after} after destroy() of ${who} (seq ${call.seq}), before its done callback. Call it from destroy's done instead.`,
          zh: `${what.zh}（seq ${offender.seq}）发生在 ${who} 的 destroy()（seq ${call.seq}）之后 ${after}，早于其 done 回调。请改在 destroy 的 done 回调中进行。`,
        },
      }),
    );
  }
}

function mayBeSameSingleton(destroying: string | undefined, requested: string | undefined): boolean {
  return destroying === undefined || requested === undefined || destroying === requested;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
