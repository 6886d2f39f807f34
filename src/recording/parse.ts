/**
 * Import: reads a recording file strictly. Never throws, never hangs: every walk is bounded by the format's
 * fixed shape or by `RECORDING_LIMITS.depth`, and the first problem ends the read with a message that says what
 * is wrong and where.
 */

import { formatPath, Reader, type ReadOptions, SchemaFailure, typeName } from '../model/schema';
import {
  RECORDING_FORMAT,
  RECORDING_LIMITS,
  RECORDING_VERSION,
  type RecordingError,
  type RecordingErrorCode,
  type RecordingResult,
} from './format';
import { RECORDING_SCHEMA } from './recording-schema';

export function parseRecording(text: string): RecordingResult {
  if (typeof text !== 'string') return failure('not-json', `expected the text of a recording, got ${typeName(text)}`);
  if (text.length > RECORDING_LIMITS.textLength) {
    return failure(
      'too-large',
      `the text has ${text.length} characters, more than the ${RECORDING_LIMITS.textLength} a recording may have`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return failure('not-json', `not JSON: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  return readRecording(document);
}

/**
 * Validates a parsed document and returns a fresh copy of it. `createRecording` reads its own output through
 * here too (with the mask and the secret rule as options), so whatever it writes, import accepts.
 */
export function readRecording(document: unknown, options: ReadOptions = {}): RecordingResult {
  try {
    if (typeName(document) !== 'object')
      return failure('not-object', `expected a JSON object, got ${typeName(document)}`);
    const root = document as Record<string, unknown>;
    const reader = new Reader(options);
    // Format and version before anything else: a newer file may have fields this build has never heard of.
    checkFormat(Object.hasOwn(root, 'format') ? root.format : undefined, reader);
    checkVersion(Object.hasOwn(root, 'version') ? root.version : undefined, reader);
    return { ok: true, recording: RECORDING_SCHEMA.read(root, reader) };
  } catch (error) {
    return { ok: false, error: toRecordingError(error) };
  }
}

function checkFormat(format: unknown, reader: Reader): void {
  if (format === RECORDING_FORMAT) return;
  reader.path.push('format');
  failAt(
    reader,
    'wrong-format',
    format === undefined
      ? `not a nim-devtools recording (no "format" field)`
      : `not a nim-devtools recording (format is ${typeof format === 'string' ? JSON.stringify(format.slice(0, 64)) : typeName(format)})`,
  );
}

function checkVersion(version: unknown, reader: Reader): void {
  reader.path.push('version');
  if (version === undefined) reader.fail('missing-field', `missing (expected ${RECORDING_VERSION})`);
  if (typeof version !== 'number') reader.fail('wrong-type', `expected number, got ${typeName(version)}`);
  if (!Number.isInteger(version)) reader.fail('invalid-value', `expected an integer, got ${version}`);
  if (version > RECORDING_VERSION) {
    failAt(
      reader,
      'newer-version',
      `made by a newer nim-devtools (recording version ${version}, this one reads version ${RECORDING_VERSION}): update the extension`,
    );
  }
  if (version < RECORDING_VERSION) {
    failAt(
      reader,
      'older-version',
      `recording version ${version} is older than any this nim-devtools reads (version ${RECORDING_VERSION})`,
    );
  }
  reader.path.pop();
}

/** A failure of the file's own fields, which the model's schemas know nothing of. */
function failAt(reader: Reader, code: RecordingErrorCode, detail: string): never {
  throw new SchemaFailure<RecordingErrorCode>(code, formatPath(reader.path), detail);
}

function toRecordingError(error: unknown): RecordingError {
  if (error instanceof SchemaFailure) {
    // Every code a recording's reader throws is a RecordingErrorCode (its Reader is typed so).
    const code = error.code as RecordingErrorCode;
    return error.path ? { code, message: error.message, path: error.path } : { code, message: error.message };
  }
  // Only an in-memory document (createRecording's) can get here, e.g. with a getter that throws.
  return { code: 'internal', message: `could not read the recording: ${describeThrown(error)}` };
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeName(error);
}

function failure(code: RecordingErrorCode, message: string): RecordingResult {
  return { ok: false, error: { code, message } };
}
