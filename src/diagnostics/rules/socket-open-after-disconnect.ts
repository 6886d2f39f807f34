/**
 * A socket still open after its instance let go of it, and a `disconnect` / `destroy` whose `done` never
 * came. NetEase's connection guide: after disconnect()/destroy() "ondisconnect fires, but the long
 * connection is not really destroyed yet; only when `done` fires is it closed" — which matters most where
 * sockets are scarce (a WeChat mini program has two).
 *
 * Measured from the first moment the instance let go (the call, or a final `ondisconnect`) to the real
 * `ws.close`. The real SDK closes within ~10 ms (ondisconnect 4–11 ms after the call, the close right after,
 * `done` around it). Both graces are 2 s: a close handshake is one round trip, and 2 s covers a slow mobile
 * round trip several times over, so only a socket that really lingers is flagged.
 */
import type { NimEvent, NimEventOf } from '../../model/events';
import { CONNECTION_DOC } from '../../nim/docs';
import { releasesConnection } from '../../session/instance-state';
import { startsDocument } from '../../session/reducer';
import type { SessionState } from '../../session/types';
import { describeInstance, type EvidenceRef, formatDuration, makeFinding } from '../finding';
import type { Finding, Localized, Rule, RuleAnalyzer } from '../types';

export const CLOSE_GRACE_MS = 2000;
export const DONE_GRACE_MS = 2000;

type Trigger = NimEventOf<'sdk.call'> | NimEventOf<'sdk.disconnect'>;

interface Lingering {
  trigger: Trigger;
  instanceId: string;
  create: EvidenceRef;
}

export const socketOpenAfterDisconnect: Rule = {
  id: 'socket-open-after-disconnect',
  severity: 'warning',
  title: { en: 'Socket still open after disconnect', zh: '断开后连接仍未关闭' },
  explanation: {
    en: 'After disconnect() / destroy() (or a final ondisconnect) the SDK should close its WebSocket within milliseconds, and call `done`. A socket that stays open keeps a connection slot and can keep the account online.',
    zh: '调用 disconnect() / destroy()（或收到最终的 ondisconnect）后，SDK 应在数毫秒内关闭 WebSocket 并回调 `done`。未关闭的连接会占用连接名额，并可能让账号保持在线。',
  },
  doc: CONNECTION_DOC,
  createAnalyzer: () => new SocketOpenAfterDisconnect(),
};

class SocketOpenAfterDisconnect implements RuleAnalyzer {
  private readonly pendingSockets = new Map<string, Lingering>();
  private readonly pendingCalls = new Map<string, NimEventOf<'sdk.call'>>();
  private readonly settled: Finding[] = [];
  private readonly accounts = new Map<string, string | undefined>();

  observe(event: NimEvent, session: SessionState): void {
    switch (event.kind) {
      case 'sdk.call':
        if (event.instanceId && releasesConnection(event.data.method)) {
          this.pendingCalls.set(callKey(event.instanceId, event.data.callId), event);
          this.release(event, event.instanceId, session);
        }
        break;
      case 'sdk.disconnect':
        if (event.instanceId && event.data.willReconnect !== true) this.release(event, event.instanceId, session);
        break;
      case 'sdk.done': {
        if (!event.instanceId) break;
        const key = callKey(event.instanceId, event.data.callId);
        const call = this.pendingCalls.get(key);
        if (!call) break;
        this.pendingCalls.delete(key);
        if (event.t - call.t > DONE_GRACE_MS) this.settled.push(this.lateDone(call, event));
        break;
      }
      case 'ws.close': {
        const lingering = event.socketId === undefined ? undefined : this.pendingSockets.get(event.socketId);
        if (!lingering || event.socketId === undefined) break;
        this.pendingSockets.delete(event.socketId);
        const gap = event.t - lingering.trigger.t;
        if (gap > CLOSE_GRACE_MS) this.settled.push(this.openFor(event.socketId, lingering, gap, 'closed', event));
        break;
      }
      case 'page.navigate':
        if (!startsDocument(session, event)) break;
        // The browser closed what was left; the page never saw it. `done` can no longer come.
        for (const [socketId, lingering] of this.pendingSockets) {
          const gap = event.t - lingering.trigger.t;
          if (gap > CLOSE_GRACE_MS) this.settled.push(this.openFor(socketId, lingering, gap, 'navigated', event));
        }
        this.pendingSockets.clear();
        this.pendingCalls.clear();
        break;
      default:
        break;
    }
  }

  findings({ now }: { now: number }): Finding[] {
    const open: Finding[] = [];
    for (const [socketId, lingering] of this.pendingSockets) {
      const gap = now - lingering.trigger.t;
      if (gap > CLOSE_GRACE_MS) open.push(this.openFor(socketId, lingering, gap, 'open'));
    }
    for (const call of this.pendingCalls.values()) {
      if (now - call.t > DONE_GRACE_MS) open.push(this.missingDone(call, now - call.t));
    }
    return this.settled.concat(open);
  }

  /** Every socket of the instance that is not closed yet should close now. */
  private release(trigger: Trigger, instanceId: string, session: SessionState): void {
    const instance = session.instances.get(instanceId);
    if (!instance) return;
    this.accounts.set(instanceId, instance.account);
    if (instance.liveSockets === 0) return;
    for (const socketId of instance.sockets) {
      const socket = session.sockets.get(socketId);
      if (!socket || socket.state === 'closed' || this.pendingSockets.has(socketId)) continue;
      const create = { seq: socket.createdSeq, t: socket.createdAt };
      this.pendingSockets.set(socketId, { trigger, instanceId, create });
    }
  }

  private openFor(
    socketId: string,
    lingering: Lingering,
    gap: number,
    outcome: 'closed' | 'navigated' | 'open',
    end?: NimEvent,
  ): Finding {
    const { trigger, instanceId } = lingering;
    const who = describeInstance(instanceId, this.accounts.get(instanceId));
    const what = triggerName(trigger);
    const after = formatDuration(gap);
    const detail: Record<typeof outcome, Localized> = {
      closed: {
        en: `Socket ${socketId} of ${who} closed only ${after} after ${what.en} (seq ${trigger.seq}); the SDK normally closes it within milliseconds.`,
        zh: `实例 ${who} 的连接 ${socketId} 在 ${what.zh}（seq ${trigger.seq}）之后 ${after} 才关闭；SDK 通常在数毫秒内关闭。`,
      },
      navigated: {
        en: `Socket ${socketId} of ${who} was still open ${after} after ${what.en} (seq ${trigger.seq}) when the page navigated away.`,
        zh: `实例 ${who} 的连接 ${socketId} 在 ${what.zh}（seq ${trigger.seq}）之后 ${after} 页面跳转时仍未关闭。`,
      },
      open: {
        en: `Socket ${socketId} of ${who} is still open ${after} after ${what.en} (seq ${trigger.seq}): it never closed.`,
        zh: `实例 ${who} 的连接 ${socketId} 在 ${what.zh}（seq ${trigger.seq}）之后 ${after} 仍未关闭。`,
      },
    };
    return makeFinding(socketOpenAfterDisconnect, {
      evidence: end ? [lingering.create, trigger, end] : [lingering.create, trigger],
      anchor: trigger,
      detail: detail[outcome],
      instanceId,
      socketId,
      severity: outcome === 'closed' ? 'warning' : 'error',
    });
  }

  private lateDone(call: NimEventOf<'sdk.call'>, done: NimEventOf<'sdk.done'>): Finding {
    const after = formatDuration(done.t - call.t);
    return this.doneFinding(call, [call, done], {
      en: `The done callback of ${call.data.method}() came only ${after} after the call (seq ${call.seq}).`,
      zh: `${call.data.method}() 的 done 回调在调用（seq ${call.seq}）之后 ${after} 才到来。`,
    });
  }

  private missingDone(call: NimEventOf<'sdk.call'>, waited: number): Finding {
    const after = formatDuration(waited);
    return this.doneFinding(call, [call], {
      en: `The done callback of ${call.data.method}() (seq ${call.seq}) has not come ${after} after the call: the connection may not be closed.`,
      zh: `${call.data.method}()（seq ${call.seq}）调用 ${after} 后仍未收到 done 回调：连接可能尚未关闭。`,
    });
  }

  private doneFinding(call: NimEventOf<'sdk.call'>, evidence: NimEvent[], detail: Localized): Finding {
    return makeFinding(socketOpenAfterDisconnect, {
      evidence,
      detail,
      instanceId: call.instanceId,
      title: { en: 'disconnect/destroy done late or missing', zh: 'disconnect/destroy 的 done 回调迟到或缺失' },
    });
  }
}

function callKey(instanceId: string, callId: number): string {
  return `${instanceId}#${callId}`;
}

function triggerName(trigger: Trigger): Localized {
  if (trigger.kind === 'sdk.call') return { en: `${trigger.data.method}()`, zh: `${trigger.data.method}()` };
  const code = String(trigger.data.code ?? '?');
  return { en: `ondisconnect (${code})`, zh: `ondisconnect（${code}）` };
}
