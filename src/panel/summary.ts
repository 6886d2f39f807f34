/**
 * What a timeline row says about its event, in one line, and how loud it is (warnings and errors are
 * coloured like the Console's). Disconnect codes carry their explanation so that the row already answers
 * "why did it disconnect".
 */

import type { Localized, Severity } from '../diagnostics/types';
import type { NimEvent } from '../model/events';
import { type CodeExplanation, explainDisconnect } from '../nim/codes';
import type { SocketRecord } from '../session/types';
import { formatBytes, formatCountsByKind, formatDuration } from './format';
import type { Locale, Strings } from './i18n';

export type RowSeverity = Severity | 'none';

export interface EventSummary {
  text: string;
  severity: RowSeverity;
  /** Set for `sdk.disconnect`: the code's explanation, shown as a chip before the text. */
  code?: CodeExplanation;
}

/** Close codes of the WebSocket standard (RFC 6455 §7.4.1) that a NIM session actually meets. */
const CLOSE_CODES: Record<number, Localized> = {
  1000: { en: 'normal closure', zh: '正常关闭' },
  1001: { en: 'going away (page left or server shutting down)', zh: '离开（页面关闭或服务器关闭）' },
  1002: { en: 'protocol error', zh: '协议错误' },
  1003: { en: 'unsupported data', zh: '不支持的数据' },
  1005: { en: 'closed without a status code', zh: '关闭时未带状态码' },
  1006: {
    en: 'abnormal closure: connection lost or refused, no close frame',
    zh: '异常关闭：连接中断或被拒绝，未收到关闭帧',
  },
  1007: { en: 'invalid frame payload', zh: '帧数据无效' },
  1008: { en: 'policy violation', zh: '违反策略' },
  1009: { en: 'message too big', zh: '消息过大' },
  1011: { en: 'server error', zh: '服务器内部错误' },
  1012: { en: 'service restart', zh: '服务重启' },
  1013: { en: 'try again later', zh: '请稍后重试' },
  1015: { en: 'TLS handshake failed', zh: 'TLS 握手失败' },
};

export function explainCloseCode(code: number): Localized | undefined {
  return CLOSE_CODES[code];
}

/**
 * A row shows one line: longer text (a 5 MB string in an imported recording) is clipped here, so that neither the
 * row nor its tooltip asks the browser to lay out megabytes. The detail pane shows the event whole.
 */
const ROW_TEXT_LIMIT = 1000;

/** `socket`: the record of the event's socket, for what only the session knows (how long it took, lived). */
export function summarize(event: NimEvent, s: Strings, locale: Locale, socket?: SocketRecord): EventSummary {
  const summary = summarizeWhole(event, s, locale, socket);
  if (summary.text.length <= ROW_TEXT_LIMIT) return summary;
  return { ...summary, text: `${summary.text.slice(0, ROW_TEXT_LIMIT)}…` };
}

function summarizeWhole(event: NimEvent, s: Strings, locale: Locale, socket?: SocketRecord): EventSummary {
  const t = s.summary;
  switch (event.kind) {
    case 'sdk.detected':
      return info(`${event.data.flavour} ${event.data.version ?? ''} · ${event.data.source}`);
    case 'sdk.getInstance': {
      const { flavour, account, appKey, reused, changed } = event.data;
      const who = [flavour, account, appKey].filter(Boolean).join(' · ');
      const what = reused ? t.reused : t.newInstance;
      const diff = changed.length > 0 ? ` · ${t.changed(changed.join(', '))}` : '';
      return { text: `${who} — ${what}${diff}`, severity: reused && changed.length > 0 ? 'warning' : 'none' };
    }
    case 'sdk.connect': {
      const { ip, port, connectionId, status } = event.data;
      const address = ip ? `${ip}${port === undefined ? '' : `:${port}`}` : '';
      return info([status, address, connectionId && `connectionId ${connectionId}`].filter(Boolean).join(' · '));
    }
    case 'sdk.willReconnect': {
      const { retryCount, duration, status } = event.data;
      // v10's V2 API says only that it waits to reconnect (`onConnectStatus` WAITING), not when.
      if (status !== undefined && retryCount === undefined) return { text: status, severity: 'warning' };
      const delay = duration === undefined ? '?' : formatDuration(duration);
      return { text: t.retry(retryCount === undefined ? '?' : String(retryCount), delay), severity: 'warning' };
    }
    case 'sdk.disconnect': {
      const { code, reason, message, willReconnect, from } = event.data;
      const explanation = explainDisconnect(code, reason);
      const parts = [explanation.title[locale]];
      if (from) parts.push(`from ${from}`);
      if (message) parts.push(message);
      if (willReconnect) parts.push(t.willReconnect);
      const severity: RowSeverity = explanation.expected ? 'none' : explanation.severity;
      return { text: parts.join(' · '), severity, code: explanation };
    }
    case 'sdk.status':
      return info([event.data.event, event.data.status].filter(Boolean).join(' · '));
    case 'sdk.error':
      return {
        text: [event.data.code, event.data.message].filter((part) => part !== undefined).join(' · '),
        severity: 'error',
      };
    case 'sdk.call': {
      const { method, callId, changed, inCallback } = event.data;
      const parts = [`${method}()  #${callId}`];
      if (changed && changed.length > 0) parts.push(t.changed(changed.join(', ')));
      if (inCallback) parts.push(t.inCallback(inCallback));
      return { text: parts.join(' · '), severity: inCallback ? 'warning' : 'none' };
    }
    case 'sdk.done': {
      const { method, callId, afterMs, error } = event.data;
      const text = `${t.doneAfter(`${method}()  #${callId}`, formatDuration(afterMs))}${error ? ` · ${error}` : ''}`;
      return { text, severity: error ? 'error' : 'none' };
    }
    case 'sdk.log': {
      const severity: RowSeverity =
        event.data.level === 'error' ? 'error' : event.data.level === 'warn' ? 'warning' : 'none';
      return { text: withoutLogPrefix(event.data.text), severity };
    }
    case 'ws.create':
      return info(`${event.data.url}${event.data.protocols.length > 0 ? ` (${event.data.protocols.join(', ')})` : ''}`);
    case 'ws.open': {
      const took = socket ? t.openedAfter(formatDuration(event.t - socket.createdAt)) : '';
      return info([took, event.data.protocol, event.data.extensions].filter(Boolean).join(' · '));
    }
    case 'ws.close': {
      const { code, reason, wasClean } = event.data;
      const meaning = explainCloseCode(code)?.[locale];
      const lived = socket?.openedAt === undefined ? '' : t.lived(formatDuration(event.t - socket.openedAt));
      const text = [String(code), meaning, reason && `“${reason}”`, wasClean ? t.clean : t.unclean, lived]
        .filter(Boolean)
        .join(' · ');
      return { text, severity: wasClean ? 'none' : 'warning' };
    }
    case 'ws.error':
      return { text: t.socketError, severity: 'error' };
    case 'ws.traffic': {
      const { framesIn, framesOut, bytesIn, bytesOut } = event.data;
      return info(t.traffic(framesIn, formatBytes(bytesIn), framesOut, formatBytes(bytesOut)));
    }
    case 'page.navigate': {
      const { url, title, restoredFromCache } = event.data;
      return info([url, title, restoredFromCache && t.restoredFromCache].filter(Boolean).join(' · '));
    }
    case 'devtools.dropped': {
      const byKind = formatCountsByKind(event.data.byKind ?? {});
      const text = t.dropped(event.data.count, event.data.where);
      return { text: byKind ? `${text}: ${byKind}` : text, severity: 'warning' };
    }
    case 'devtools.rejected':
      return { text: t.rejected(event.data.count, event.data.reason), severity: 'warning' };
    case 'devtools.hookError':
      return { text: t.hookError(event.data.where, event.data.message), severity: 'error' };
    // Injected on purpose: coloured like a warning so that nobody mistakes it for a real network problem.
    case 'fault.start': {
      const { fault, durationMs, by } = event.data;
      const what = durationMs === undefined ? fault : t.faultFor(fault, formatDuration(durationMs));
      return { text: t.injected(what, by), severity: 'warning' };
    }
    case 'fault.end':
      return { text: t.faultOver(event.data.fault), severity: 'warning' };
  }
}

/**
 * The SDK starts every log line with `[NIM INFO 11-26 00:30:12:750 IM]  `: level and time the row already
 * shows. The detail pane keeps the line as logged.
 */
export function withoutLogPrefix(text: string): string {
  return text.replace(/^\[NIM [A-Z]+ [^\]]*\]\s*/, '');
}

function info(text: string): EventSummary {
  return { text, severity: 'none' };
}

/** The colour family of a kind's marker in the timeline. */
export function kindClass(kind: NimEvent['kind']): string {
  if (kind === 'sdk.call' || kind === 'sdk.done') return 'kind-call';
  if (kind === 'sdk.log') return 'kind-log';
  if (kind.startsWith('sdk.')) return 'kind-sdk';
  if (kind.startsWith('ws.')) return 'kind-ws';
  return 'kind-page';
}
