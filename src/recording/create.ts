/**
 * Export: builds a recording from a session's events. The result goes through the same reader as an import, with
 * the sharing mask and the hook's secret rule applied on the way, so a file we write is always one we can read back.
 */
import type { Json, NimEvent } from '../model/events';
import { redactUrl } from '../model/redact-url';
import { classifyKey, REDACTED } from '../model/secrets';
import { recordingEnvelope } from './envelope';
import type { RecordingPage, RecordingResult, RecordingTool } from './format';
import { createSharingMask } from './mask';
import { readRecording } from './parse';

export interface CreateRecordingInput {
  events: readonly NimEvent[];
  page: RecordingPage;
  tool: RecordingTool;
  exportedAt: Date;
  /** The sharing mask, off unless asked for. Tokens need no flag: they are always redacted. */
  redaction?: { maskAccounts?: boolean; maskAppKeys?: boolean };
}

/** Fails (never throws) when the events cannot make a valid file, e.g. two events with the same `seq`. */
export function createRecording(input: CreateRecordingInput): RecordingResult {
  const exportedAt = input.exportedAt;
  if (!(exportedAt instanceof Date) || Number.isNaN(exportedAt.getTime())) {
    return {
      ok: false,
      error: { code: 'invalid-value', message: 'exportedAt: expected a valid date', path: 'exportedAt' },
    };
  }
  const document = recordingEnvelope({
    ...input,
    events: input.events.map(withoutUrlSecrets),
    page: { ...input.page, url: redactUrl(input.page.url) },
    exportedAt,
  });
  const choice = { accounts: document.redaction.accounts, appKeys: document.redaction.appKeys };
  return readRecording(document, { mapText: createSharingMask(document.events, choice), redactSecret });
}

/**
 * The hook's rule (`src/hook/redact.ts`) applied once more, to free-form data: the hook redacts before anything
 * leaves the page, and this pass exists so that a hook bug, or events assembled by hand, still cannot put a token
 * in a shared file. As in the hook, an absent or empty secret stays visible ("the token is empty" is a finding).
 */
function redactSecret(key: string, value: unknown): Json | undefined {
  if (classifyKey(key) !== 'secret') return undefined;
  return value === null || value === '' ? value : REDACTED;
}

/** URLs get the hook's URL rule once more, for the same reason (`model/redact-url.ts`). */
function withoutUrlSecrets(event: NimEvent): NimEvent {
  if (event.kind !== 'ws.create' && event.kind !== 'page.navigate') return event;
  const url = redactUrl(event.data.url);
  return url === event.data.url ? event : ({ ...event, data: { ...event.data, url } } as NimEvent);
}
