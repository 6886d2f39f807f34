/**
 * Every `ondisconnect` that is not part of normal operation, decoded: what the code means and what to do.
 * Left to other rules: the app's own logout and `alreadyDisconnected` (expected), kicks and 417
 * (`two-tabs-kicking`), and disconnects the SDK says it will recover from (`willReconnect: true`).
 */
import type { NimEvent } from '../../model/events';
import { explainDisconnect, isKickCode } from '../../nim/codes';
import { STATUS_CODES_DOC } from '../../nim/docs';
import { makeFinding } from '../finding';
import type { Finding, Rule, RuleAnalyzer } from '../types';

export const disconnectCode: Rule = {
  id: 'disconnect-code',
  severity: 'warning',
  title: { en: 'Disconnected', zh: '连接断开' },
  explanation: {
    en: 'The SDK reported a disconnect that is not the app’s own logout. Its code tells why and whether retrying can help.',
    zh: 'SDK 报告了一次并非应用主动登出的断开。断开码说明了原因，以及重试是否有用。',
  },
  doc: STATUS_CODES_DOC,
  createAnalyzer: () => new DisconnectCode(),
};

class DisconnectCode implements RuleAnalyzer {
  private readonly found: Finding[] = [];

  observe(event: NimEvent): void {
    if (event.kind !== 'sdk.disconnect' || event.data.willReconnect === true || isKickCode(event.data.code)) return;
    const explanation = explainDisconnect(event.data.code, event.data.reason);
    if (explanation.expected) return;
    const message = event.data.message
      ? { en: ` Message: “${event.data.message}”.`, zh: ` 消息：“${event.data.message}”。` }
      : undefined;
    const code = event.data.code === undefined ? '' : ` ${String(event.data.code)}`;
    this.found.push(
      makeFinding(disconnectCode, {
        evidence: [event],
        instanceId: event.instanceId,
        severity: explanation.severity,
        title: {
          en: `Disconnected${code}: ${explanation.title.en}`,
          zh: `连接断开${code}：${explanation.title.zh}`,
        },
        detail: {
          en: `${explanation.meaning.en}${message?.en ?? ''} ${explanation.action.en}`,
          zh: `${explanation.meaning.zh}${message?.zh ?? ''}${explanation.action.zh}`,
        },
        doc: explanation.doc,
      }),
    );
  }

  findings(): Finding[] {
    return this.found;
  }
}
