import { describe, expect, it } from 'vitest';
import { createRecording, RECORDING_LIMITS } from '../recording';
import { EXPORTED_AT, PAGE, sampleEvents, TOOL } from '../recording/test-events';
import { type RecordingFileLike, readRecordingFile } from './recording-file';

function fileOf(text: string, name = 'r.json'): RecordingFileLike {
  return { name, size: new TextEncoder().encode(text).length, text: async () => text };
}

function goodText(): string {
  const result = createRecording({ events: sampleEvents(), page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT });
  if (!result.ok) throw new Error(result.error.message);
  return JSON.stringify(result.recording);
}

describe('readRecordingFile', () => {
  it('reads a recording the export wrote', async () => {
    const result = await readRecordingFile(fileOf(goodText()));
    expect(result.ok && result.recording.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses a file larger than a recording may be without reading it', async () => {
    let read = false;
    const huge: RecordingFileLike = {
      name: 'huge.json',
      size: RECORDING_LIMITS.textLength + 1,
      text: async () => {
        read = true;
        return '{}';
      },
    };
    const result = await readRecordingFile(huge);
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(!result.ok && result.error.message).toContain(String(RECORDING_LIMITS.textLength + 1));
    expect(read).toBe(false);
  });

  it('reports an unreadable file instead of throwing', async () => {
    const broken: RecordingFileLike = {
      name: 'gone.json',
      size: 10,
      text: () => Promise.reject(new Error('NotFound')),
    };
    expect(await readRecordingFile(broken)).toEqual({
      ok: false,
      error: { code: 'not-json', message: 'could not read the file: NotFound' },
    });
  });

  it('passes the reader’s coded verdicts through: not JSON, another format, a newer version, __proto__, nesting', async () => {
    const good = JSON.parse(goodText());
    const login = good.events[1];
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i++) deep = { next: deep };
    const cases: [string, string][] = [
      ['not json at all', 'not-json'],
      [JSON.stringify({ format: 'har', version: 1 }), 'wrong-format'],
      [JSON.stringify({ ...good, version: 2 }), 'newer-version'],
      [goodText().replace('"format"', '"__proto__":{"polluted":true},"format"'), 'forbidden-key'],
      [JSON.stringify({ ...good, events: [{ ...login, data: { ...login.data, options: deep } }] }), 'too-deep'],
    ];
    for (const [text, code] of cases) {
      const result = await readRecordingFile(fileOf(text));
      expect(result.ok ? 'ok' : result.error.code, text.slice(0, 40)).toBe(code);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
