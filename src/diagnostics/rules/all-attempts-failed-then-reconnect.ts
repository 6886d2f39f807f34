/**
 * `ondisconnect({code: 'allAttemptsFailed'})` followed by more reconnecting. Observed with SDK 9.21: with
 * `reconnectionAttempts: N`, when the sockets had opened and then closed, the SDK reports that all attempts
 * failed **and keeps reconnecting** — an SDK bug. An app that believes the SDK gave up (and shows a
 * "retry" button, or creates a new instance) ends up with two connections.
 *
 * Not flagged when the app itself asked to connect again (`connect()` or a reused `getInstance`) first.
 */
import type { NimEvent, NimEventOf } from '../../model/events';
import { INIT_OPTIONS_DOC } from '../../nim/docs';
import { eventOwner } from '../../session/queries';
import type { SessionState } from '../../session/types';
import { formatDuration, makeFinding } from '../finding';
import type { Finding, Rule, RuleAnalyzer } from '../types';

export const allAttemptsFailedThenReconnect: Rule = {
  id: 'all-attempts-failed-then-reconnect',
  severity: 'warning',
  title: { en: 'Reconnecting after “all attempts failed”', zh: '“重连次数用尽”后仍在重连' },
  explanation: {
    en: 'The SDK reported allAttemptsFailed and then went on reconnecting by itself (a known SDK 9.x bug after sockets that opened and closed). Do not assume it stopped: call disconnect() if it must stop, and do not create a second instance.',
    zh: 'SDK 报告了 allAttemptsFailed，随后却仍自行重连（SDK 9.x 在连接曾建立又关闭时的已知问题）。不要认为它已停止：如需停止请调用 disconnect()，也不要再创建第二个实例。',
  },
  doc: INIT_OPTIONS_DOC,
  createAnalyzer: () => new AllAttemptsFailedThenReconnect(),
};

class AllAttemptsFailedThenReconnect implements RuleAnalyzer {
  private readonly failed = new Map<string, NimEventOf<'sdk.disconnect'>>();
  private readonly found: Finding[] = [];

  observe(event: NimEvent, session: SessionState): void {
    const instanceId = eventOwner(session, event);
    if (instanceId === undefined) return;
    if (event.kind === 'sdk.disconnect' && event.data.code === 'allAttemptsFailed') {
      this.failed.set(instanceId, event);
      return;
    }
    const failure = this.failed.get(instanceId);
    if (!failure) return;
    const appAsked =
      (event.kind === 'sdk.call' && event.data.method === 'connect') ||
      (event.kind === 'sdk.getInstance' && event.data.reused);
    if (appAsked || event.kind === 'sdk.connect' || (event.kind === 'sdk.call' && event.data.method === 'destroy')) {
      this.failed.delete(instanceId);
      return;
    }
    if (event.kind !== 'sdk.willReconnect' && event.kind !== 'ws.create') return;
    this.failed.delete(instanceId);
    const after = formatDuration(event.t - failure.t);
    this.found.push(
      makeFinding(allAttemptsFailedThenReconnect, {
        evidence: [failure, event],
        instanceId,
        detail: {
          en: `${instanceId} reported allAttemptsFailed (seq ${failure.seq}) and ${after} later reconnected anyway (seq ${event.seq}), without the app asking.`,
          zh: `${instanceId} 报告 allAttemptsFailed（seq ${failure.seq}），${after} 后在应用未要求的情况下仍然重连（seq ${event.seq}）。`,
        },
      }),
    );
  }

  findings(): Finding[] {
    return this.found;
  }
}
