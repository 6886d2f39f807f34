/**
 * `connect()` called from inside `onwillreconnect` or `onerror`. In `onwillreconnect` the SDK has already
 * scheduled its own retry, so the app's connect() races it (two sockets, a reset backoff); `onerror` fires
 * for connection errors the SDK is already handling. NetEase's guide: connect() is for logging in again
 * after disconnect(), and the SDK reconnects by itself after a drop.
 */
import type { NimEvent } from '../../model/events';
import { CONNECTION_DOC } from '../../nim/docs';
import { makeFinding } from '../finding';
import type { Finding, Rule, RuleAnalyzer } from '../types';

/** Callback names as the hook reports them, lowercased and without the `on` prefix. */
const RACING_CALLBACKS = new Set(['willreconnect', 'error']);

export const connectInCallback: Rule = {
  id: 'connect-in-callback',
  severity: 'warning',
  title: { en: 'connect() inside a reconnect callback', zh: '在重连回调中调用 connect()' },
  explanation: {
    en: 'onwillreconnect means the SDK is about to retry by itself; calling connect() there (or in onerror) starts a second attempt that races the SDK’s own. Show the state instead and let the SDK reconnect.',
    zh: 'onwillreconnect 表示 SDK 即将自行重试；在其中（或在 onerror 中）调用 connect() 会发起与 SDK 自身重连相竞争的第二次连接。请只更新界面状态，让 SDK 自行重连。',
  },
  doc: CONNECTION_DOC,
  createAnalyzer: () => new ConnectInCallback(),
};

class ConnectInCallback implements RuleAnalyzer {
  private readonly found: Finding[] = [];

  observe(event: NimEvent): void {
    if (event.kind !== 'sdk.call' || event.data.method !== 'connect' || !event.data.inCallback) return;
    const callback = event.data.inCallback;
    if (!RACING_CALLBACKS.has(callback.toLowerCase().replace(/^on/, ''))) return;
    this.found.push(
      makeFinding(connectInCallback, {
        evidence: [event],
        instanceId: event.instanceId,
        detail: {
          en: `connect() was called inside ${callback} (seq ${event.seq}), while the SDK handles the reconnect itself.`,
          zh: `在 ${callback} 中调用了 connect()（seq ${event.seq}），而 SDK 正在自行处理重连。`,
        },
      }),
    );
  }

  findings(): Finding[] {
    return this.found;
  }
}
