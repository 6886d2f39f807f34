/**
 * What the panel and the viewer share with the outside world: the recording file (Export) and its Markdown summary
 * (Copy as Markdown). Both go through `createRecording`, the code behind the page API's `recording()` too, so a
 * file exported here reads back everywhere, and the summary never shows more than the file would.
 */
import { runDiagnostics } from '../diagnostics/engine';
import type { PlatformProfile } from '../diagnostics/types';
import type { NimEvent } from '../model/events';
import {
  createRecording,
  type Recording,
  type RecordingPage,
  type RecordingResult,
  type RecordingTool,
  toMarkdown,
} from '../recording';
import { applyEvents, createSession } from '../session/reducer';
import type { Locale } from './i18n';

export interface SessionRecordingInput {
  /** The tab's whole session, every document, in seq order. */
  events: readonly NimEvent[];
  page: RecordingPage;
  tool: RecordingTool;
  exportedAt: Date;
  /** The sharing mask: accounts and appKeys replaced by `account-1`, `appkey-1`… Tokens are redacted regardless. */
  maskIdentities: boolean;
}

export function sessionRecording(input: SessionRecordingInput): RecordingResult {
  const { events, page, tool, exportedAt, maskIdentities } = input;
  return createRecording({
    events,
    page,
    tool,
    exportedAt,
    redaction: { maskAccounts: maskIdentities, maskAppKeys: maskIdentities },
  });
}

/**
 * A recording opened from a file, shared on: as it is, or masked when it was not yet. It keeps its page, tool and
 * export time, which describe the session, not this copy; and a mask once applied stays on the record.
 */
export function reshareRecording(recording: Recording, maskIdentities: boolean): RecordingResult {
  const { accounts, appKeys } = recording.redaction;
  if (!maskIdentities || (accounts && appKeys)) return { ok: true, recording };
  return createRecording({
    events: recording.events,
    page: recording.page,
    tool: recording.tool,
    exportedAt: new Date(recording.exportedAt),
    redaction: { maskAccounts: true, maskAppKeys: true },
  });
}

/**
 * The file's text: the envelope indented, one event per line. It reads and diffs well in an editor and stays
 * close to the compact size (indenting every event would double a long session's file).
 */
export function recordingText(recording: Recording): string {
  const { events, ...envelope } = recording;
  const head = JSON.stringify({ ...envelope, events: [] }, null, 2);
  if (events.length === 0) return `${head}\n`;
  const lines = events.map((event) => `    ${JSON.stringify(event)}`).join(',\n');
  // `events` is the last key, so the indented envelope ends with `"events": []` and the closing brace.
  return `${head.slice(0, head.lastIndexOf('[]'))}[\n${lines}\n  ]\n}\n`;
}

export interface SummaryOptions {
  /** The event the timeline section centres on (the panel's selection). */
  selectedSeq?: number;
  profile: PlatformProfile;
  language: Locale;
  /** The clock for open-ended findings: a live tab's now; a recording's own last event when absent. */
  now?: number;
}

/**
 * Copy as Markdown. Instances and findings are derived from the recording's events, not from the panel's state:
 * masked events give masked findings, where the panel's would name the accounts the mask just hid.
 */
export function recordingSummary(recording: Recording, options: SummaryOptions): string {
  const session = createSession();
  applyEvents(session, recording.events);
  const diagnostics = runDiagnostics(
    recording.events,
    options.now === undefined ? { profile: options.profile } : { profile: options.profile, now: options.now },
  );
  return toMarkdown(recording, {
    diagnostics,
    instances: [...session.instances.values()],
    selectedSeq: options.selectedSeq,
    language: options.language,
  });
}

/**
 * The top document's URL as the session last saw it navigate: the page URL of an export when the panel cannot
 * ask the page (opened as a tab, outside DevTools).
 */
export function lastTopLevelUrl(events: readonly NimEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as NimEvent;
    if (event.kind === 'page.navigate' && event.frameId === 0) return event.data.url;
  }
  return undefined;
}
