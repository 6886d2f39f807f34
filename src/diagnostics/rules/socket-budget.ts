/**
 * More WebSockets open at once than the target platform allows. Counted: every socket of the page (the
 * platform's limit is for all of them, not only NIM's) from `ws.create` until its close — a socket that is
 * closing still holds its slot, which is exactly the trap NetEase's connection guide describes.
 *
 * Budgets:
 * - WeChat mini program: 5 at once in all, 2 per domain (the project's design; NetEase's guide warns
 *   "小程序只有两条长连接可用").
 * - uni-app: 1 (NetEase: "uni-app 限制了只能建立一条客户端与服务端的长连接").
 * - browser: none. Browsers allow hundreds (Firefox's `network.websocket.max-connections` is 200, Chromium
 *   pools 255); the HTTP/1.1 limit of 6 per host does not apply to WebSockets. Leaks and loops that matter
 *   in a browser are caught by `socket-open-after-disconnect` and `reconnect-storm`.
 *
 * Episodes are tracked for every budgeted profile at once, so the profile is only a question asked of the
 * findings and switching it costs nothing.
 */
import type { NimEvent } from '../../model/events';
import { CONNECTION_DOC, UNIAPP_CONNECTION_DOC } from '../../nim/docs';
import { startsDocument } from '../../session/reducer';
import type { SessionState } from '../../session/types';
import { type EvidenceRef, makeFinding } from '../finding';
import type { DocLink, Finding, FindingContext, Localized, PlatformProfile, Rule, RuleAnalyzer } from '../types';

export interface SocketBudget {
  total: number;
  perDomain?: number;
  name: Localized;
  doc: DocLink;
}

export const SOCKET_BUDGETS: Record<PlatformProfile, SocketBudget | undefined> = {
  browser: undefined,
  'wechat-miniprogram': {
    total: 5,
    perDomain: 2,
    name: { en: 'a WeChat mini program', zh: '微信小程序' },
    doc: CONNECTION_DOC,
  },
  uniapp: { total: 1, name: { en: 'uni-app', zh: 'uni-app' }, doc: UNIAPP_CONNECTION_DOC },
};

interface LiveSocket {
  host: string;
  create: EvidenceRef;
}

interface Episode {
  start: EvidenceRef;
  /** The largest excess seen, and the sockets open at that moment. */
  peak: { open: number; host?: string; evidence: EvidenceRef[] };
  end?: EvidenceRef;
}

export const socketBudget: Rule = {
  id: 'socket-budget',
  severity: 'error',
  title: { en: 'Too many sockets for the platform', zh: '连接数超出平台限制' },
  explanation: {
    en: 'Mini-program platforms allow only a few WebSockets at once. When the budget is used up, the next connect fails and the SDK keeps retrying — often because an old instance’s socket was not closed yet.',
    zh: '小程序类平台同时只允许少量 WebSocket。名额用尽后，新的连接会失败，SDK 会不断重试——常见原因是旧实例的连接尚未关闭。',
  },
  doc: CONNECTION_DOC,
  createAnalyzer: () => new SocketBudgetAnalyzer(),
};

class SocketBudgetAnalyzer implements RuleAnalyzer {
  private readonly live = new Map<string, LiveSocket>();
  private readonly perHost = new Map<string, number>();
  private readonly episodes = new Map<PlatformProfile, Episode[]>();

  observe(event: NimEvent, session: SessionState): void {
    if (event.kind === 'ws.create' && event.socketId !== undefined && !this.live.has(event.socketId)) {
      const host = hostOf(event.data.url);
      this.live.set(event.socketId, { host, create: event });
      this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
      this.measure(event, host);
    } else if (event.kind === 'ws.close' && event.socketId !== undefined) {
      this.remove(event.socketId);
      this.measure(event);
    } else if (startsDocument(session, event)) {
      for (const id of [...this.live.keys()]) this.remove(id);
      this.measure(event);
    }
  }

  findings({ profile }: FindingContext): Finding[] {
    const budget = SOCKET_BUDGETS[profile];
    if (!budget) return [];
    return (this.episodes.get(profile) ?? []).map((episode) => this.describe(episode, budget));
  }

  private remove(socketId: string): void {
    const socket = this.live.get(socketId);
    if (!socket) return;
    this.live.delete(socketId);
    this.perHost.set(socket.host, (this.perHost.get(socket.host) ?? 1) - 1);
  }

  /** After a change: open, grow or close each profile's episode. `host` is the host a new socket went to. */
  private measure(at: EvidenceRef, host?: string): void {
    for (const [profile, budget] of Object.entries(SOCKET_BUDGETS) as [PlatformProfile, SocketBudget | undefined][]) {
      if (!budget) continue;
      const list = this.episodes.get(profile) ?? [];
      this.episodes.set(profile, list);
      const current = list[list.length - 1];
      const ongoing = current && !current.end ? current : undefined;
      const excess = this.excess(budget, host);
      if (!excess) {
        if (ongoing && !this.excess(budget)) ongoing.end = at;
        continue;
      }
      const episode = ongoing ?? { start: at, peak: { open: 0, evidence: [] } };
      if (!ongoing) list.push(episode);
      if (excess.open > episode.peak.open) episode.peak = excess;
    }
  }

  /** The sockets over the budget now: all of them, or those to one host. Without `host`, any host counts. */
  private excess(budget: SocketBudget, host?: string): Episode['peak'] | undefined {
    if (this.live.size > budget.total) {
      return { open: this.live.size, evidence: [...this.live.values()].map((socket) => socket.create) };
    }
    if (budget.perDomain === undefined) return undefined;
    const hosts = host === undefined ? [...this.perHost.keys()] : [host];
    const crowded = hosts.find((h) => (this.perHost.get(h) ?? 0) > (budget.perDomain ?? Number.POSITIVE_INFINITY));
    if (crowded === undefined) return undefined;
    const evidence = [...this.live.values()].filter((socket) => socket.host === crowded).map((socket) => socket.create);
    return { open: evidence.length, host: crowded, evidence };
  }

  private describe(episode: Episode, budget: SocketBudget): Finding {
    const { open, host, evidence } = episode.peak;
    const detail: Localized =
      host === undefined
        ? {
            en: `${open} WebSockets were open at once; ${budget.name.en} allows ${budget.total}.`,
            zh: `同时打开了 ${open} 个 WebSocket；${budget.name.zh}最多允许 ${budget.total} 个。`,
          }
        : {
            en: `${open} WebSockets to ${host} were open at once; ${budget.name.en} allows ${budget.perDomain} per domain.`,
            zh: `同时向 ${host} 打开了 ${open} 个 WebSocket；${budget.name.zh}每个域名最多允许 ${budget.perDomain} 个。`,
          };
    const still: Localized = episode.end
      ? { en: '', zh: '' }
      : { en: ' It is still over budget.', zh: '目前仍超出限制。' };
    return makeFinding(socketBudget, {
      evidence: episode.end ? [...evidence, episode.end] : evidence,
      anchor: episode.start,
      detail: { en: detail.en + still.en, zh: detail.zh + still.zh },
      doc: budget.doc,
    });
  }
}

/** The host name of a socket URL, without port: platforms count per domain. */
export function hostOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  return (match?.[1] ?? url).toLowerCase();
}
