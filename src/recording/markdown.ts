/**
 * A Markdown summary of a recording for an issue tracker: the environment, the instances, the findings, and the
 * timeline around the event the user picked. Everything taken from the recording is escaped, so a log line with
 * `|`, backticks or a newline cannot break the table, and `<`, `*`, `_`, `$`… show as typed.
 *
 * It masks nothing itself: pass diagnostics and instances computed from `recording.events`, so they carry the
 * recording's mask (a live, unmasked session would put the accounts back).
 */
import type { Finding, Localized } from '../diagnostics/types';
import type { EventKind, NimEvent } from '../model/events';
import { kindGroupOf } from '../session/timeline';
import type { InstanceRecord } from '../session/types';
import type { Recording } from './format';

/** What the summary shows of a finding: a `Finding` of `src/diagnostics` fits. */
export type MarkdownFinding = Pick<Finding, 'severity' | 'title' | 'detail' | 'evidence' | 'docUrl' | 'docTopic'>;

/** What the summary shows of an instance's derived state: an `InstanceRecord` of `src/session` fits. */
export type MarkdownInstance = Pick<InstanceRecord, 'id' | 'state' | 'sockets' | 'liveSockets'>;

export interface MarkdownOptions {
  /** Omitted: no diagnostics section. Empty: "no findings". */
  diagnostics?: readonly MarkdownFinding[];
  /** Adds each instance's connection state; without it the instances show their last SDK event only. */
  instances?: readonly MarkdownInstance[];
  /** The event to centre the timeline on; by default the timeline shows the last events. */
  selectedSeq?: number;
  /** Events shown on each side of the selected one (default 10). */
  windowSize?: number;
  /** The language of the findings' texts (default English). */
  language?: keyof Localized;
}

const DEFAULT_WINDOW = 10;
const MAX_DETAIL = 200;
/** What an instance's "last SDK event" may be: its lifecycle and the app's calls, as the timeline groups them. */
function isSdkActivity(kind: EventKind): boolean {
  const group = kindGroupOf(kind);
  return (group === 'sdk' || group === 'calls') && kind !== 'sdk.detected';
}

export function toMarkdown(recording: Recording, options: MarkdownOptions = {}): string {
  const sections = [
    '## nim-devtools recording',
    environmentSection(recording),
    instancesSection(recording.events, options.instances),
    options.diagnostics ? diagnosticsSection(options.diagnostics, options.language ?? 'en') : undefined,
    timelineSection(recording.events, options),
  ];
  return `${sections.filter((section) => section !== undefined).join('\n\n')}\n`;
}

function environmentSection(recording: Recording): string {
  const { page, tool, events, redaction } = recording;
  const first = events[0];
  const last = events[events.length - 1];
  const span = first && last ? ` (#${first.seq}–#${last.seq}, ${formatDuration(last.t - first.t)})` : '';
  const masked = (done: boolean) => (done ? 'masked' : 'not masked');
  const lines = [
    `- **Page:** ${urlMarkdown(page.url)}`,
    page.title === undefined ? undefined : `- **Title:** ${escapeMarkdown(page.title)}`,
    `- **User agent:** ${escapeMarkdown(page.userAgent)}`,
    `- **Tool:** ${escapeMarkdown(`${tool.name} ${tool.version}`)}, recording format ${recording.version}, exported ${escapeMarkdown(recording.exportedAt)}`,
    `- **NIM SDK:** ${recording.sdkVersions.length ? escapeMarkdown(recording.sdkVersions.join(', ')) : 'version not detected'}`,
    `- **Redaction:** tokens ${redaction.tokens ? 'removed' : 'not removed'}, accounts ${masked(redaction.accounts)}, appKeys ${masked(redaction.appKeys)}`,
    `- **Events:** ${events.length}${span}`,
  ];
  return lines.filter((line) => line !== undefined).join('\n');
}

interface InstanceSummary {
  flavour?: string;
  account?: string;
  appKey?: string;
  lastSdkEvent?: NimEvent;
}

function instancesSection(events: readonly NimEvent[], derived: readonly MarkdownInstance[] = []): string {
  const summaries = new Map<string, InstanceSummary>();
  for (const event of events) {
    if (event.instanceId === undefined) continue;
    const summary = summaries.get(event.instanceId) ?? {};
    summaries.set(event.instanceId, summary);
    if (event.kind === 'sdk.getInstance') {
      summary.flavour = event.data.flavour;
      summary.account = event.data.account ?? summary.account;
      summary.appKey = event.data.appKey ?? summary.appKey;
    }
    if (isSdkActivity(event.kind)) summary.lastSdkEvent = event;
  }
  const states = new Map(derived.map((instance) => [instance.id, instance]));
  for (const id of states.keys()) if (!summaries.has(id)) summaries.set(id, {});
  if (summaries.size === 0) return '### Instances\n\nNo SDK instance in this recording.';

  const rows = [...summaries].map(([id, summary]) => {
    const state = states.get(id);
    const last = summary.lastSdkEvent;
    return row([
      escapeMarkdown(id),
      escapeMarkdown(summary.flavour ?? '—'),
      escapeMarkdown(summary.account ?? '—'),
      escapeMarkdown(summary.appKey ?? '—'),
      state ? state.state : '—',
      state ? `${state.liveSockets} open / ${state.sockets.length}` : '—',
      last ? `#${last.seq} \`${last.kind}\` ${escapeMarkdown(summarizeData(last.data))}` : '—',
    ]);
  });
  return [
    `### Instances (${summaries.size})`,
    '',
    row(['instance', 'SDK', 'account', 'appKey', 'state', 'sockets', 'last SDK event']),
    row(['---', '---', '---', '---', '---', '---', '---']),
    ...rows,
  ].join('\n');
}

function diagnosticsSection(findings: readonly MarkdownFinding[], language: keyof Localized): string {
  if (findings.length === 0) return '### Diagnostics\n\nNo findings.';
  const items = findings.map((finding) => {
    const evidence = finding.evidence.length ? ` (events ${finding.evidence.map((seq) => `#${seq}`).join(', ')})` : '';
    const lines = [
      `- **${finding.severity}** — ${escapeMarkdown(finding.title[language])}${evidence}`,
      `  ${escapeMarkdown(finding.detail[language])}`,
    ];
    if (finding.docUrl) {
      const topic = finding.docTopic ? ` (${escapeMarkdown(finding.docTopic[language])})` : '';
      lines.push(`  Docs: ${urlMarkdown(finding.docUrl)}${topic}`);
    }
    return lines.join('\n');
  });
  return [`### Diagnostics (${findings.length})`, '', ...items].join('\n');
}

function timelineSection(events: readonly NimEvent[], options: MarkdownOptions): string {
  if (events.length === 0) return '### Timeline\n\nNo events recorded.';
  const requested = options.windowSize ?? DEFAULT_WINDOW;
  const size = Number.isFinite(requested) ? Math.max(0, Math.floor(requested)) : DEFAULT_WINDOW;
  const selectedIndex =
    options.selectedSeq === undefined ? -1 : events.findIndex((event) => event.seq === options.selectedSeq);
  const selected = events[selectedIndex];
  let heading: string;
  let window: readonly NimEvent[];
  if (selected) {
    heading = `### Timeline around #${selected.seq} (±${size} events)`;
    window = events.slice(Math.max(0, selectedIndex - size), selectedIndex + size + 1);
  } else {
    window = events.slice(-(2 * size + 1));
    const missing =
      options.selectedSeq === undefined ? '' : `\n\nEvent #${options.selectedSeq} is not in this recording.`;
    heading = `### Timeline: the last ${window.length} events${missing}`;
  }
  const origin = selected ?? window[0];
  const rows = window.map((event) =>
    row([
      event === selected ? `**▶ ${event.seq}**` : String(event.seq),
      clockTime(event.t),
      origin ? formatDelta(event.t - origin.t) : '',
      `\`${event.kind}\``,
      escapeMarkdown(event.instanceId ?? ''),
      escapeMarkdown(event.socketId ?? ''),
      escapeMarkdown(summarizeData(event.data)),
    ]),
  );
  return [
    heading,
    '',
    row(['seq', 'time (UTC)', 'Δ', 'kind', 'instance', 'socket', 'details']),
    row(['---:', '---', '---:', '---', '---', '---', '---']),
    ...rows,
  ].join('\n');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** `code=302, message=login error, willReconnect=false`: strings as they are (but `""`), the rest as JSON, cut at 200. */
function summarizeData(data: object): string {
  const text = Object.entries(data)
    .map(([key, value]) => `${key}=${typeof value === 'string' && value !== '' ? value : JSON.stringify(value)}`)
    .join(', ');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/**
 * Backslash-escapes what Markdown (GitHub's flavour: tables, strikethrough, math) would interpret, and turns line
 * breaks (Unicode's line and paragraph separators too, which some editors honour) into `<br>` so that a value stays
 * in its table cell. A pipe stays escaped even inside GitHub's table
 * cells because every backslash is escaped first.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&#$]/g, '\\$&').replace(/\r\n|[\r\n\u2028\u2029]/g, '<br>');
}

/**
 * An http(s) URL as an autolink (`<https://…>`), whose text Markdown takes literally: an escaped `_` inside a bare
 * URL would end up in the link. Anything else is escaped text.
 */
function urlMarkdown(url: string): string {
  return /^https?:\/\/[^\s<>]+$/i.test(url) ? `<${url}>` : escapeMarkdown(url);
}

/** `01:22:03.120`, UTC: the recording's `exportedAt` is UTC too. */
function clockTime(t: number): string {
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? String(t) : date.toISOString().slice(11, 23);
}

function formatDelta(ms: number): string {
  if (ms === 0) return '0 ms';
  return `${ms > 0 ? '+' : '−'}${formatDuration(Math.abs(ms))}`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(3)} s`;
}
