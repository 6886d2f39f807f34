import { describe, expect, it } from 'vitest';
import { RECORDING_LIMITS } from './format';
import { parseRecording } from './parse';
import { EXPORTED_AT, PAGE, sampleEvents, TOOL } from './test-events';

type Doc = Record<string, unknown> & { events: Record<string, unknown>[] };

function validDocument(): Doc {
  return JSON.parse(
    JSON.stringify({
      format: 'nim-devtools-recording',
      version: 1,
      exportedAt: EXPORTED_AT.toISOString(),
      tool: TOOL,
      page: PAGE,
      sdkVersions: ['9.21.12'],
      redaction: { tokens: true, accounts: false, appKeys: false },
      events: sampleEvents(),
    }),
  );
}

function data(doc: Doc, index: number): Record<string, unknown> {
  return doc.events[index]?.data as Record<string, unknown>;
}

function errorOf(text: string) {
  const result = parseRecording(text);
  if (result.ok) throw new Error('expected the recording to be refused');
  return result.error;
}

function errorFor(mutate: (doc: Doc) => void) {
  const doc = validDocument();
  mutate(doc);
  return errorOf(JSON.stringify(doc));
}

describe('parseRecording accepts', () => {
  it('a valid recording, as a copy of what the file says', () => {
    const result = parseRecording(JSON.stringify(validDocument()));
    expect(result).toEqual({ ok: true, recording: validDocument() });
  });

  it('absent optional fields and the empty data of ws.error', () => {
    const result = parseRecording(
      JSON.stringify({
        ...validDocument(),
        page: { url: 'about:blank', userAgent: '' },
        events: [{ seq: 0, t: 0, kind: 'ws.error', data: {} }],
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('builds fresh plain objects (nothing JSON.parse made leaks out)', () => {
    const result = parseRecording(JSON.stringify(validDocument()));
    if (!result.ok) throw new Error(result.error.message);
    const getInstance = result.recording.events[1];
    if (getInstance?.kind !== 'sdk.getInstance') throw new Error('expected the sample’s getInstance');
    expect(Object.getPrototypeOf(getInstance.data.options)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.recording)).toBe(Object.prototype);
  });

  it('turns -0 into 0 so that a second round trip is exact', () => {
    const text = JSON.stringify(validDocument()).replace('"t":1764120000000', '"t":-0');
    const result = parseRecording(text);
    expect(result.ok && Object.is(result.recording.events[0]?.t, 0)).toBe(true);
  });
});

describe('parseRecording refuses', () => {
  it('something that is not text', () => {
    expect(parseRecording(42 as unknown as string).ok).toBe(false);
    expect(errorOf(42 as unknown as string)).toEqual({
      code: 'not-json',
      message: 'expected the text of a recording, got number',
    });
  });

  it('text that is not JSON, with the parser’s reason', () => {
    const error = errorOf('{"format": ');
    expect(error.code).toBe('not-json');
    expect(error.message).toMatch(/^not JSON: \S/);
    expect(error.path).toBeUndefined();
  });

  it('JSON that is not an object', () => {
    expect(errorOf('[]')).toEqual({ code: 'not-object', message: 'expected a JSON object, got array' });
    expect(errorOf('null')).toEqual({ code: 'not-object', message: 'expected a JSON object, got null' });
    expect(errorOf('"x"').message).toBe('expected a JSON object, got string');
  });

  it('text longer than 100 MB before parsing it', () => {
    const error = errorOf(' '.repeat(RECORDING_LIMITS.textLength + 1));
    expect(error).toEqual({
      code: 'too-large',
      message: 'the text has 104857601 characters, more than the 104857600 a recording may have',
    });
  });

  it('another format, or none', () => {
    expect(errorFor((doc) => delete doc.format)).toEqual({
      code: 'wrong-format',
      message: 'format: not a nim-devtools recording (no "format" field)',
      path: 'format',
    });
    expect(errorFor((doc) => (doc.format = 'react-devtools-profiling')).message).toBe(
      'format: not a nim-devtools recording (format is "react-devtools-profiling")',
    );
    expect(errorFor((doc) => (doc.format = 7)).message).toBe('format: not a nim-devtools recording (format is number)');
  });

  it('a newer version, asking for an update', () => {
    expect(errorFor((doc) => (doc.version = 2))).toEqual({
      code: 'newer-version',
      message:
        'version: made by a newer nim-devtools (recording version 2, this one reads version 1): update the extension',
      path: 'version',
    });
  });

  it('an older version', () => {
    expect(errorFor((doc) => (doc.version = 0))).toEqual({
      code: 'older-version',
      message: 'version: recording version 0 is older than any this nim-devtools reads (version 1)',
      path: 'version',
    });
  });

  it('a version that is missing, not a number or not an integer', () => {
    expect(errorFor((doc) => delete doc.version)).toMatchObject({
      code: 'missing-field',
      message: 'version: missing (expected 1)',
    });
    expect(errorFor((doc) => (doc.version = '1'))).toMatchObject({
      code: 'wrong-type',
      message: 'version: expected number, got string',
    });
    expect(errorFor((doc) => (doc.version = 1.5))).toMatchObject({
      code: 'invalid-value',
      message: 'version: expected an integer, got 1.5',
    });
  });

  it('a newer version even when it has fields this build does not know', () => {
    expect(
      errorFor((doc) => {
        doc.version = 3;
        doc.somethingNew = {};
      }).code,
    ).toBe('newer-version');
  });

  it('a missing required field, naming what was expected', () => {
    expect(errorFor((doc) => delete doc.exportedAt)).toEqual({
      code: 'missing-field',
      message: 'exportedAt: missing (expected ISO 8601 date)',
      path: 'exportedAt',
    });
    expect(errorFor((doc) => delete doc.events[0]?.data)).toMatchObject({
      message: 'events[0].data: missing (expected object)',
    });
    expect(errorFor((doc) => delete data(doc, 7).wasClean)).toMatchObject({
      code: 'missing-field',
      message: 'events[7].data.wasClean: missing (expected boolean)',
      path: 'events[7].data.wasClean',
    });
  });

  it('a field it does not know, at any level', () => {
    expect(errorFor((doc) => (doc.extra = 1))).toEqual({
      code: 'unknown-field',
      message: 'extra: unexpected field',
      path: 'extra',
    });
    expect(errorFor((doc) => ((doc.page as Record<string, unknown>).cookie = 'x')).message).toBe(
      'page.cookie: unexpected field',
    );
    expect(errorFor((doc) => (data(doc, 3).weird = true)).message).toBe('events[3].data.weird: unexpected field');
    expect(errorFor((doc) => ((doc.events[2] as Record<string, unknown>)['odd key'] = 1)).message).toBe(
      'events[2]["odd key"]: unexpected field',
    );
  });

  it('a field of the wrong type', () => {
    expect(errorFor((doc) => (data(doc, 6).code = true))).toEqual({
      code: 'wrong-type',
      message: 'events[6].data.code: expected string or number, got boolean',
      path: 'events[6].data.code',
    });
    expect(errorFor((doc) => ((doc.tool as Record<string, unknown>).name = 5)).message).toBe(
      'tool.name: expected string, got number',
    );
    expect(errorFor((doc) => (doc.events = {} as never)).message).toBe('events: expected array, got object');
    expect(errorFor((doc) => (doc.sdkVersions = [1])).message).toBe('sdkVersions[0]: expected string, got number');
    expect(errorFor((doc) => ((doc.redaction as Record<string, unknown>).tokens = 'yes')).message).toBe(
      'redaction.tokens: expected boolean, got string',
    );
    expect(errorFor((doc) => (data(doc, 1).options = [])).message).toBe(
      'events[1].data.options: expected object, got array',
    );
    expect(errorFor((doc) => (doc.events[0] = null as never)).message).toBe('events[0]: expected object, got null');
    expect(errorFor((doc) => (data(doc, 0).flavour = 1)).message).toBe(
      'events[0].data.flavour: expected one of "NIM", "Chatroom", got 1',
    );
  });

  it('a value outside an enum or a range', () => {
    expect(errorFor((doc) => (data(doc, 5).level = 'verbose'))).toEqual({
      code: 'invalid-value',
      message: 'events[5].data.level: expected one of "debug", "log", "info", "warn", "error", got "verbose"',
      path: 'events[5].data.level',
    });
    expect(errorFor((doc) => (doc.events[0] = { ...doc.events[0], seq: 0.5 })).message).toBe(
      'events[0].seq: expected an integer >= 0, got 0.5',
    );
    expect(errorFor((doc) => (doc.events[0] = { ...doc.events[0], frameId: -1 })).message).toBe(
      'events[0].frameId: expected an integer >= 0, got -1',
    );
    expect(errorFor((doc) => (doc.exportedAt = 'yesterday'))).toMatchObject({
      code: 'invalid-value',
      message: 'exportedAt: expected an ISO 8601 date, got "yesterday"',
    });
    expect(errorFor((doc) => (doc.exportedAt = '2025-13-45T99:00:00Z')).code).toBe('invalid-value');
  });

  it('an event kind it does not know, or none', () => {
    expect(errorFor((doc) => (doc.events[1] = { ...doc.events[1], kind: 'sdk.teleport' }))).toEqual({
      code: 'unknown-kind',
      message: 'events[1].kind: unknown event kind "sdk.teleport"',
      path: 'events[1].kind',
    });
    expect(errorFor((doc) => (doc.events[1] = { ...doc.events[1], kind: 'constructor' })).code).toBe('unknown-kind');
    expect(errorFor((doc) => delete doc.events[1]?.kind)).toMatchObject({
      code: 'missing-field',
      message: 'events[1].kind: missing (expected an event kind)',
    });
    expect(errorFor((doc) => (doc.events[1] = { ...doc.events[1], kind: 3 })).message).toBe(
      'events[1].kind: expected string, got number',
    );
  });

  it('the data shape of another kind', () => {
    // A `ws.close` whose data is a `sdk.log`'s.
    expect(errorFor((doc) => (doc.events[7] = { ...doc.events[7], data: data(doc, 5) })).message).toBe(
      'events[7].data.level: unexpected field',
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])('the key %s anywhere', (key) => {
    const inject = (target: string) => `{"${key}": {"polluted": true}, ${target.slice(1)}`;
    const good = JSON.stringify(validDocument());
    expect(errorOf(inject(good))).toEqual({
      code: 'forbidden-key',
      message: `${key}: the key "${key}" is not allowed`,
      path: key,
    });
    const inOptions = good.replace('"options":{', `"options":{"deep":{"list":[{"${key}":1}]},`);
    expect(errorOf(inOptions)).toEqual({
      code: 'forbidden-key',
      message: `events[1].data.options.deep.list[0].${key}: the key "${key}" is not allowed`,
      path: `events[1].data.options.deep.list[0].${key}`,
    });
    const inData = good.replace('"data":{"level"', `"data":{"${key}":{},"level"`);
    expect(errorOf(inData).message).toBe(`events[5].data.${key}: the key "${key}" is not allowed`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nesting deeper than 32 levels', () => {
    const error = errorFor((doc) => {
      let deep: unknown = 'bottom';
      for (let level = 0; level < 40; level++) deep = { a: deep };
      data(doc, 1).options = { nested: deep };
    });
    // events, [1], data, options, nested: 5 levels, then 28 more `a` reach depth 33.
    const path = `events[1].data.options.nested${'.a'.repeat(28)}`;
    expect(error).toEqual({ code: 'too-deep', message: `${path}: nested more than 32 levels deep`, path });
  });

  it('nesting of a million arrays without overflowing the stack', () => {
    const text = JSON.stringify(validDocument()).replace(
      '"options":{',
      `"options":{"deep":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)},`,
    );
    expect(errorOf(text).code).toBe('too-deep');
  });

  it('more than a million events, before reading any', () => {
    const text = JSON.stringify({ ...validDocument(), events: new Array(RECORDING_LIMITS.events + 1).fill(0) });
    expect(errorOf(text)).toEqual({
      code: 'too-many-events',
      message: 'events: 1000001 events, more than the 1000000 allowed',
      path: 'events',
    });
  });

  it('a string longer than 1 MB, as a value or as a key', () => {
    const long = 'x'.repeat(RECORDING_LIMITS.stringLength + 1);
    expect(errorFor((doc) => ((doc.page as Record<string, unknown>).url = long))).toEqual({
      code: 'string-too-long',
      message: 'page.url: string of 1048577 characters is longer than the 1048576 allowed',
      path: 'page.url',
    });
    const error = errorFor((doc) => (data(doc, 1).options = { [long]: 1 }));
    expect(error.code).toBe('string-too-long');
    expect(error.path).toBe(`events[1].data.options["${'x'.repeat(64)}…"]`);
  });

  it('numbers that are not finite (JSON.parse reads 1e999 as Infinity)', () => {
    const text = JSON.stringify(validDocument()).replace('"t":1764120000000', '"t":1e999');
    expect(errorOf(text)).toEqual({
      code: 'non-finite-number',
      message: 'events[0].t: expected a finite number, got Infinity',
      path: 'events[0].t',
    });
    const inOptions = JSON.stringify(validDocument()).replace('"debug":false', '"debug":-1e999');
    expect(errorOf(inOptions).message).toBe('events[1].data.options.debug: expected a finite number, got -Infinity');
  });

  it('a duplicated seq', () => {
    expect(errorFor((doc) => (doc.events[1] = { ...doc.events[1], seq: 1 }))).toEqual({
      code: 'duplicate-seq',
      message: 'events[1].seq: seq 1 repeats the seq of events[0]',
      path: 'events[1].seq',
    });
  });

  it('a decreasing seq', () => {
    expect(errorFor((doc) => doc.events.reverse())).toEqual({
      code: 'decreasing-seq',
      message: 'events[1].seq: seq 7 is lower than 8 of events[0]: events must be in seq order',
      path: 'events[1].seq',
    });
  });
});
