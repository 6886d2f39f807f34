/**
 * The recording file as data: the v1 envelope around the events, each read with the model's event schema.
 */
import { EVENT_SCHEMA } from '../model/event-schema';
import type { NimEvent } from '../model/events';
import { array, boolean, isoDate, literal, object, optional, type Schema, text, typeName } from '../model/schema';
import {
  RECORDING_FORMAT,
  RECORDING_LIMITS,
  RECORDING_VERSION,
  type Recording,
  type RecordingPage,
  type RecordingRedaction,
  type RecordingTool,
} from './format';

/** The events, at most `RECORDING_LIMITS.events` of them, in strictly increasing `seq`. */
const events: Schema<NimEvent[]> = {
  expected: 'array',
  accepts: ['array'],
  read(value, reader) {
    if (!Array.isArray(value)) return reader.fail('wrong-type', `expected array, got ${typeName(value)}`);
    if (value.length > RECORDING_LIMITS.events) {
      reader.fail('too-many-events', `${value.length} events, more than the ${RECORDING_LIMITS.events} allowed`);
    }
    const out: NimEvent[] = new Array(value.length);
    let previous = -1;
    for (let index = 0; index < value.length; index++) {
      const read = reader.child(index, value[index], EVENT_SCHEMA);
      if (read.seq <= previous) {
        reader.path.push(index, 'seq');
        if (read.seq === previous)
          reader.fail('duplicate-seq', `seq ${read.seq} repeats the seq of events[${index - 1}]`);
        reader.fail(
          'decreasing-seq',
          `seq ${read.seq} is lower than ${previous} of events[${index - 1}]: events must be in seq order`,
        );
      }
      previous = read.seq;
      out[index] = read;
    }
    return out;
  },
};

export const RECORDING_SCHEMA: Schema<Recording> = object<Recording>({
  format: literal(RECORDING_FORMAT),
  version: literal(RECORDING_VERSION),
  exportedAt: isoDate(),
  tool: object<RecordingTool>({ name: text(), version: text() }),
  page: object<RecordingPage>({ url: text(), userAgent: text(), title: optional(text()) }),
  sdkVersions: array(text()),
  redaction: object<RecordingRedaction>({ tokens: boolean(), accounts: boolean(), appKeys: boolean() }),
  events,
});
