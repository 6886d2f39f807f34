/**
 * The recording file: a versioned JSON envelope around the events, modelled on React Profiler's export.
 * The version is checked strictly on import: a file from another version is refused with a reason rather than
 * half-read, because a viewer that misreads a recording is worse than one that says "update me".
 */
import type { NimEvent } from '../model/events';
import { SCHEMA_LIMITS, type SchemaErrorCode } from '../model/schema';

export const RECORDING_FORMAT = 'nim-devtools-recording';
export const RECORDING_VERSION = 1;

/** What import refuses to read: a recording is evidence for a bug report, never a reason for the viewer to hang. */
export const RECORDING_LIMITS = {
  /** Characters of the file's text (the viewer can compare `File.size` with it before reading). */
  textLength: 100 * 1024 * 1024,
  events: 1_000_000,
  ...SCHEMA_LIMITS,
} as const;

export interface RecordingTool {
  name: string;
  version: string;
}

export interface RecordingPage {
  url: string;
  userAgent: string;
  title?: string;
}

/** What was hidden before the file was written; the viewer shows it so a reader knows what they are not seeing. */
export interface RecordingRedaction {
  /** Tokens and other secrets: the hook removes them before anything leaves the page. */
  tokens: boolean;
  /** Accounts replaced by `account-1`, `account-2`… everywhere, consistently. */
  accounts: boolean;
  /** AppKeys replaced by `appkey-1`, `appkey-2`… everywhere, consistently. */
  appKeys: boolean;
}

export interface Recording {
  format: typeof RECORDING_FORMAT;
  version: typeof RECORDING_VERSION;
  /** ISO 8601, e.g. `2025-11-26T01:22:03.120Z`. */
  exportedAt: string;
  tool: RecordingTool;
  page: RecordingPage;
  /** Every `sdk.detected` version, in order of first appearance. */
  sdkVersions: string[];
  redaction: RecordingRedaction;
  /** Strictly increasing `seq`. */
  events: NimEvent[];
}

export type RecordingErrorCode =
  /** The text is not JSON (or not text at all). */
  | 'not-json'
  /** The text is longer than `RECORDING_LIMITS.textLength`. */
  | 'too-large'
  /** JSON, but its root is not an object. */
  | 'not-object'
  /** An object without `"format": "nim-devtools-recording"`. */
  | 'wrong-format'
  /** A HAR file (import) whose WebSocket entries cannot be read. */
  | 'not-har'
  /** A HAR file with no NIM link traffic to show. */
  | 'no-nim'
  /** Written by a newer nim-devtools: the extension needs an update. */
  | 'newer-version'
  /** A version older than any this nim-devtools reads. */
  | 'older-version'
  | SchemaErrorCode
  /** A bug of ours while reading: reported instead of thrown. */
  | 'internal';

export interface RecordingError {
  code: RecordingErrorCode;
  /** Names what is wrong and where, e.g. `events[41].data.code: expected string or number, got boolean`. */
  message: string;
  /** Where in the document, e.g. `events[41].data.code`; absent when the whole text is at fault. */
  path?: string;
}

export type RecordingResult = { ok: true; recording: Recording } | { ok: false; error: RecordingError };
