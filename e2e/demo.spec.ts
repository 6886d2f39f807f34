/**
 * `npm start` without a screen: the scripted tour runs end to end as a user would run it (a child process), and
 * leaves real screenshots of the DevTools panel and a recording that reads back with the connection's story in it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { DEVTOOLS_VIEWPORT } from '../scripts/demo/panel-screenshots';
import { parseRecording } from '../src/recording';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SCREENSHOTS = [
  'panel.png',
  'panel-timeline.png',
  'panel-connections.png',
  'panel-instances.png',
  'panel-diagnostics.png',
];
/** A blank DevTools window of this size compresses to a few KB; a panel full of rows and text does not. */
const MIN_SCREENSHOT_BYTES = 30_000;

let outDir: string;

test.beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'nim-devtools-demo-'));
});

test.afterEach(() => {
  rmSync(outDir, { recursive: true, force: true });
});

test('the headless tour writes panel screenshots and a recording with connects, reconnects and disconnects', async () => {
  test.setTimeout(150_000);
  const { stdout } = await promisify(execFile)(
    'npx',
    ['tsx', 'scripts/demo.ts', '--headless', '--no-build', '--out', outDir],
    { timeout: 140_000, maxBuffer: 4 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`the tour failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  expect(stdout).toContain('recording.json');

  for (const file of SCREENSHOTS) {
    const path = join(outDir, file);
    expect(existsSync(path), `${file} exists`).toBe(true);
    const png = readFileSync(path);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).toBe(true);
    // IHDR is the first chunk: width and height, big-endian, at bytes 16 and 20.
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }, `${file} size`).toEqual(DEVTOOLS_VIEWPORT);
    expect(statSync(path).size, `${file} bytes`).toBeGreaterThan(MIN_SCREENSHOT_BYTES);
  }

  const text = readFileSync(join(outDir, 'recording.json'), 'utf8');
  const result = parseRecording(text);
  if (!result.ok) throw new Error(`recording.json does not parse: ${result.error.message}`);
  const { events } = result.recording;
  const kinds = new Set(events.map((event) => event.kind));
  for (const kind of ['sdk.connect', 'sdk.willReconnect', 'sdk.disconnect'])
    expect(kinds, `a ${kind} event`).toContain(kind);
  const codes = events.flatMap((event) => (event.kind === 'sdk.disconnect' ? [event.data.code] : []));
  expect(codes).toEqual(expect.arrayContaining([302, 'kicked', 'logout']));
  // The demo logs in with `token-of-<account>`: none may reach a file meant to be shared.
  expect(text).not.toContain('token-of-');
});
