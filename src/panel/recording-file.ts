/**
 * Opening a recording file (the Import button, a drop): refuses an oversized file before reading a byte of it,
 * then leaves every judgement to `parseRecording`, so the panel, the viewer and the page API agree on what a
 * valid recording is. A HAR file (DevTools' "Save all as HAR") is turned into a recording by `importHar`.
 */
import { importHar, looksLikeHar, parseRecording, RECORDING_LIMITS, type RecordingResult } from '../recording';

/** What the viewer needs of a `File`: a `File` fits, and so does a test double. */
export interface RecordingFileLike {
  readonly name: string;
  /** In bytes. */
  readonly size: number;
  text(): Promise<string>;
}

export async function readRecordingFile(file: RecordingFileLike): Promise<RecordingResult> {
  // UTF-8 takes at least one byte per character, and a recording is nearly all ASCII: a file with more bytes than
  // the text may have characters is refused unread, since reading hundreds of MB only to refuse them is the very
  // hang the limit exists to prevent.
  if (file.size > RECORDING_LIMITS.textLength) {
    return {
      ok: false,
      error: {
        code: 'too-large',
        message: `the file has ${file.size} bytes, more than the ${RECORDING_LIMITS.textLength} a recording may have`,
      },
    };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'not-json', message: `could not read the file: ${reason}` } };
  }
  return looksLikeHar(file.name, text) ? importHar(text) : parseRecording(text);
}
