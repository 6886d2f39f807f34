/**
 * Many connection attempts for one account in a short window: a reconnect loop the app made (re-creating
 * instances, calling connect() or getInstance() again and again), not the SDK's own backoff.
 *
 * An attempt is a socket created for an instance of the account (`ws.create`, attributed). Two
 * `onwillreconnect` per close would double-count, and app calls without a socket are not attempts.
 *
 * Thresholds: at least 5 attempts within 5 s. The SDK waits 1.6 s, 3.2 s, 6.4 s, then 8 s between attempts
 * (±1 %), and never less than 1.6 s × 0.99 ≈ 1.58 s even if its backoff restarted after every short-lived
 * login. Five attempts need four gaps, ≥ 6.3 s by the SDK alone, so they can never fit in 5 s; an app loop
 * (a retry in ondisconnect, a timer, a re-render creating instances) typically makes them in well under a
 * second. Unattributed sockets are left out: without an owner, two accounts' backoffs would add up.
 */
import type { NimEvent } from '../../model/events';
import { CONNECTION_DOC } from '../../nim/docs';
import { asksToConnect } from '../../session/instance-state';
import { loginKey } from '../../session/queries';
import type { SessionState } from '../../session/types';
import { type EvidenceRef, formatDuration, makeFinding } from '../finding';
import type { Finding, Localized, Rule, RuleAnalyzer } from '../types';

export const STORM_WINDOW_MS = 5000;
export const STORM_MIN_ATTEMPTS = 5;

interface Attempt extends EvidenceRef {
  instanceId: string;
}

interface Storm {
  account?: string;
  attempts: Attempt[];
  instances: Set<string>;
  getInstanceCalls: number;
  connectCalls: number;
}

interface AccountTrack {
  /** Attempts within the trailing window. */
  recent: Attempt[];
  /** App calls (getInstance, connect) within the trailing window. */
  recentCalls: { t: number; kind: 'getInstance' | 'connect' }[];
  storm?: Storm;
}

export const reconnectStorm: Rule = {
  id: 'reconnect-storm',
  severity: 'error',
  title: { en: 'Reconnect storm', zh: '重连风暴' },
  explanation: {
    en: `At least ${STORM_MIN_ATTEMPTS} connection attempts for one account within ${STORM_WINDOW_MS / 1000} s. The SDK’s own backoff (1.6 s, 3.2 s, 6.4 s, then 8 s) cannot do that: the app is re-creating instances or calling connect()/getInstance() in a loop. Let the SDK reconnect by itself.`,
    zh: `同一账号在 ${STORM_WINDOW_MS / 1000} 秒内至少发起 ${STORM_MIN_ATTEMPTS} 次连接。SDK 自身的退避（1.6 秒、3.2 秒、6.4 秒，之后 8 秒）做不到这么快：是应用在循环中重建实例或调用 connect()/getInstance()。请让 SDK 自行重连。`,
  },
  doc: CONNECTION_DOC,
  createAnalyzer: () => new ReconnectStormAnalyzer(),
};

class ReconnectStormAnalyzer implements RuleAnalyzer {
  private readonly tracks = new Map<string, AccountTrack>();
  private readonly storms: Storm[] = [];

  observe(event: NimEvent, session: SessionState): void {
    if (event.kind === 'ws.create' && event.socketId !== undefined) {
      const instanceId = session.sockets.get(event.socketId)?.instanceId;
      if (instanceId !== undefined) this.attempt({ seq: event.seq, t: event.t, instanceId }, session);
    } else if (event.kind === 'sdk.getInstance' || (event.kind === 'sdk.call' && asksToConnect(event.data.method))) {
      if (event.instanceId === undefined) return;
      const key = loginKey(session, event.instanceId);
      const track = this.track(key);
      const kind = event.kind === 'sdk.getInstance' ? 'getInstance' : 'connect';
      track.recentCalls.push({ t: event.t, kind });
      prune(track.recentCalls, event.t);
      if (track.storm && lastOf(track.storm.attempts).t >= event.t - STORM_WINDOW_MS) count(track.storm, kind);
    }
  }

  findings(): Finding[] {
    return this.storms.map(describe);
  }

  private attempt(attempt: Attempt, session: SessionState): void {
    const track = this.track(loginKey(session, attempt.instanceId));
    track.recent.push(attempt);
    prune(track.recent, attempt.t);
    prune(track.recentCalls, attempt.t);
    const going =
      track.storm && lastOf(track.storm.attempts).t >= attempt.t - STORM_WINDOW_MS ? track.storm : undefined;
    if (going) {
      going.attempts.push(attempt);
      going.instances.add(attempt.instanceId);
      return;
    }
    if (track.recent.length < STORM_MIN_ATTEMPTS) return;
    const storm: Storm = {
      account: session.instances.get(attempt.instanceId)?.account,
      attempts: [...track.recent],
      instances: new Set(track.recent.map((recent) => recent.instanceId)),
      getInstanceCalls: 0,
      connectCalls: 0,
    };
    for (const call of track.recentCalls) count(storm, call.kind);
    track.storm = storm;
    this.storms.push(storm);
  }

  private track(key: string): AccountTrack {
    let track = this.tracks.get(key);
    if (!track) {
      track = { recent: [], recentCalls: [] };
      this.tracks.set(key, track);
    }
    return track;
  }
}

function prune(items: { t: number }[], now: number): void {
  let drop = 0;
  while (drop < items.length && (items[drop]?.t ?? now) < now - STORM_WINDOW_MS) drop++;
  if (drop > 0) items.splice(0, drop);
}

function count(storm: Storm, kind: 'getInstance' | 'connect'): void {
  if (kind === 'getInstance') storm.getInstanceCalls++;
  else storm.connectCalls++;
}

function lastOf(attempts: Attempt[]): Attempt {
  return attempts[attempts.length - 1] as Attempt;
}

function describe(storm: Storm): Finding {
  const first = storm.attempts[0] as Attempt;
  const span = formatDuration(lastOf(storm.attempts).t - first.t);
  const who = storm.account ?? [...storm.instances][0] ?? '?';
  const n = storm.attempts.length;
  return makeFinding(reconnectStorm, {
    evidence: storm.attempts,
    instanceId: storm.instances.size === 1 ? [...storm.instances][0] : undefined,
    detail: {
      en: `${n} connection attempts for ${who} in ${span}. ${cause(storm).en}`,
      zh: `${who} 在 ${span} 内发起了 ${n} 次连接。${cause(storm).zh}`,
    },
  });
}

function cause(storm: Storm): Localized {
  if (storm.instances.size > 1) {
    return {
      en: `They came from ${storm.instances.size} different instances: the app re-creates the instance (destroy + getInstance) in a loop.`,
      zh: `它们来自 ${storm.instances.size} 个不同的实例：应用在循环中重建实例（destroy + getInstance）。`,
    };
  }
  if (storm.connectCalls > 0 || storm.getInstanceCalls > 0) {
    return {
      en: `The app called connect() ${storm.connectCalls} and getInstance() ${storm.getInstanceCalls} times meanwhile; each call starts a connection at once, bypassing the backoff.`,
      zh: `期间应用调用了 connect() ${storm.connectCalls} 次、getInstance() ${storm.getInstanceCalls} 次；每次调用都会绕过退避立即发起连接。`,
    };
  }
  return {
    en: 'No app call preceded them: look for code that resets the SDK, or a server that closes every connection at once.',
    zh: '之前没有应用调用：请检查是否有代码重置了 SDK，或服务端是否立即关闭每个连接。',
  };
}
