/** The recording format: what the panel, the standalone viewer, the page API and the test fixture share. */
export { type CreateRecordingInput, createRecording } from './create';
export { type EnvelopeInput, recordingEnvelope } from './envelope';
export { recordingFileName } from './file-name';
export {
  RECORDING_FORMAT,
  RECORDING_LIMITS,
  RECORDING_VERSION,
  type Recording,
  type RecordingError,
  type RecordingErrorCode,
  type RecordingPage,
  type RecordingRedaction,
  type RecordingResult,
  type RecordingTool,
} from './format';
export { importHar, looksLikeHar } from './har';
export {
  escapeMarkdown,
  type MarkdownFinding,
  type MarkdownInstance,
  type MarkdownOptions,
  toMarkdown,
} from './markdown';
export { parseRecording } from './parse';
