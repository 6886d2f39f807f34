/**
 * The recording envelope alone: what the page hook's `recording()` returns. Kept apart from `createRecording`
 * (validation, sharing mask: about 12 KB) so the hook, which loads on every page, stays small; the export
 * builds the very same envelope and then checks and masks it.
 */
import type { NimEvent } from '../model/events';
import { RECORDING_FORMAT, RECORDING_VERSION, type Recording, type RecordingPage, type RecordingTool } from './format';

export interface EnvelopeInput {
  events: readonly NimEvent[];
  page: RecordingPage;
  tool: RecordingTool;
  exportedAt: Date;
  redaction?: { maskAccounts?: boolean; maskAppKeys?: boolean };
}

export function recordingEnvelope(input: EnvelopeInput): Recording {
  const events = [...input.events].sort((a, b) => a.seq - b.seq);
  return {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    exportedAt: input.exportedAt.toISOString(),
    tool: input.tool,
    page: input.page,
    sdkVersions: collectSdkVersions(events),
    redaction: {
      tokens: true,
      accounts: input.redaction?.maskAccounts === true,
      appKeys: input.redaction?.maskAppKeys === true,
    },
    events,
  };
}

function collectSdkVersions(events: readonly NimEvent[]): string[] {
  const versions = new Set<string>();
  for (const event of events) {
    if (event.kind === 'sdk.detected' && typeof event.data?.version === 'string') versions.add(event.data.version);
  }
  return [...versions];
}
