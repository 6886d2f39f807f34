/**
 * Connecting again after being kicked (`kicked`) or refused as a duplicate login (417). The other login is
 * still there, so an automatic retry kicks it in turn and the two clients (often two tabs of one developer)
 * take turns forever. NetEase's sample: on 417 or 'kicked', show the error and go to the login page.
 *
 * What counts as reconnecting, for the kicked instance or another instance of the same account:
 * - by the SDK (`onwillreconnect`, a new socket for the kicked instance): always — the SDK should stop;
 * - by the app (`connect()`, v10's `login()`, `getInstance()`): within 5 s of the kick. A person who reads "you signed in
 *   elsewhere" and chooses to sign in again takes longer than that; a retry in code takes milliseconds.
 *   An app call later than that settles the kick: what follows is the user's deliberate login.
 * One finding per kick, at the first reconnect.
 */
import type { NimEvent, NimEventOf } from '../../model/events';
import { isKickCode } from '../../nim/codes';
import { MULTI_DEVICE_DOC } from '../../nim/docs';
import { asksToConnect } from '../../session/instance-state';
import { eventOwner, loginKey } from '../../session/queries';
import type { SessionState } from '../../session/types';
import { describeInstance, formatDuration, makeFinding } from '../finding';
import type { Finding, Localized, Rule, RuleAnalyzer } from '../types';

export const KICK_RELOGIN_WINDOW_MS = 5000;

interface Kick {
  event: NimEventOf<'sdk.disconnect'>;
  instanceId: string;
  account?: string;
}

export const reconnectAfterKick: Rule = {
  id: 'reconnect-after-kick',
  severity: 'error',
  title: { en: 'Reconnecting after being kicked', zh: '被踢后自动重连' },
  explanation: {
    en: 'After ondisconnect with code kicked or 417, another login of the same account is online. Reconnecting automatically kicks it, and it kicks back: two tabs or devices take turns forever. Stop and ask the user instead.',
    zh: '收到 code 为 kicked 或 417 的 ondisconnect 后，同一账号的另一次登录仍在线。自动重连会把它踢下线，它又会踢回来：两个标签页或设备将无休止地互踢。请停止重连并询问用户。',
  },
  doc: MULTI_DEVICE_DOC,
  createAnalyzer: () => new ReconnectAfterKick(),
};

class ReconnectAfterKick implements RuleAnalyzer {
  /** Open kicks by account (or instance when the account is unknown). */
  private readonly kicks = new Map<string, Kick>();
  private readonly found: Finding[] = [];

  observe(event: NimEvent, session: SessionState): void {
    if (event.kind === 'sdk.disconnect') {
      if (event.instanceId === undefined || !isKickCode(event.data.code)) return;
      const account = session.instances.get(event.instanceId)?.account;
      this.kicks.set(loginKey(session, event.instanceId), { event, instanceId: event.instanceId, account });
      return;
    }
    const instanceId = eventOwner(session, event);
    if (instanceId === undefined) return;
    const key = loginKey(session, instanceId);
    const kick = this.kicks.get(key);
    if (!kick) return;
    const byApp = event.kind === 'sdk.getInstance' || (event.kind === 'sdk.call' && asksToConnect(event.data.method));
    const bySdk =
      (event.kind === 'sdk.willReconnect' && instanceId === kick.instanceId) ||
      (event.kind === 'ws.create' && instanceId === kick.instanceId);
    if (byApp && event.t - kick.event.t > KICK_RELOGIN_WINDOW_MS) {
      this.kicks.delete(key);
    } else if (byApp || bySdk) {
      this.kicks.delete(key);
      this.found.push(this.flag(kick, event, byApp));
    } else if (event.kind === 'sdk.connect') {
      // Logged in again through a path we do not flag (e.g. a socket we could not attribute in time).
      this.kicks.delete(key);
    }
  }

  findings(): Finding[] {
    return this.found;
  }

  private flag(kick: Kick, offender: NimEvent, byApp: boolean): Finding {
    const who = describeInstance(kick.instanceId, kick.account);
    const code = String(kick.event.data.code);
    const after = formatDuration(offender.t - kick.event.t);
    const call = offender.kind === 'sdk.call' ? `${offender.data.method}()` : 'getInstance()';
    const how: Localized = byApp
      ? { en: `the app called ${call}`, zh: `应用调用了 ${call}` }
      : { en: 'the SDK reconnected by itself', zh: 'SDK 自行发起了重连' };
    return makeFinding(reconnectAfterKick, {
      evidence: [kick.event, offender],
      instanceId: kick.instanceId,
      detail: {
        en: `${who} was disconnected with ${code} (seq ${kick.event.seq}), and ${after} later ${how.en} (seq ${offender.seq}).`,
        zh: `${who} 因 ${code} 断开（seq ${kick.event.seq}），${after} 后${how.zh}（seq ${offender.seq}）。`,
      },
    });
  }
}
