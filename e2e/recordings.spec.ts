/**
 * Recordings for bug reports, end to end: exported from the REAL DevTools panel after a real-SDK session, opened
 * in the panel itself, in the viewer page shipped in the extension and in the static viewer from file://, which
 * all show what the live panel showed. Masking hides the accounts; broken files get a reason, not a broken page.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { capturePanel, sizeDevtoolsWindow } from '../scripts/demo/panel-screenshots';
import { parseRecording, type Recording } from '../src/recording';
import { EXTENSION_DIR, expect, test } from './support/extension';
import { APP_KEY, getInstance, hookEvents, loginOptions, openNimApp, waitForCallback } from './support/nim';
import { eventCount, searchTimeline } from './support/panel';
import {
  allowDownloads,
  click,
  clickLikeAUser,
  copiedTexts,
  dropFile,
  importInPanel,
  isPolluted,
  nextDownload,
  pageAsPanel,
  readDownload,
  recordClipboard,
  shownState,
} from './support/recordings';

const STATIC_VIEWER = resolve('dist/viewer/index.html');

test.beforeAll(() => {
  if (!existsSync(STATIC_VIEWER)) throw new Error(`${STATIC_VIEWER} is missing: run \`npm run build:viewer\` first.`);
});

function parsed(text: string): Recording {
  const result = parseRecording(text);
  if (!result.ok) throw new Error(`the export does not read back: ${result.error.message}`);
  return result.recording;
}

async function openViewer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('viewer-start')).toBeVisible();
}

test.describe('export from the real panel', () => {
  test.use({ devtools: true });

  test('a real session exported from the DevTools panel reads back the same in the panel and both viewers', async ({
    page,
    context,
    fakeNim,
    extension,
    openPanel,
  }, testInfo) => {
    test.setTimeout(120_000);
    // Login, a drop the SDK reconnects from, a kick; then a second account that stays connected.
    await openNimApp(page, fakeNim);
    await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
    await waitForCallback(page, 'onconnect', 1);
    fakeNim.drop('alice');
    await waitForCallback(page, 'onconnect', 2);
    fakeNim.kick('alice');
    await waitForCallback(page, 'ondisconnect', 1);
    await getInstance(page, 'b', loginOptions(fakeNim, 'bob'));
    await waitForCallback(page, 'onconnect', 3);

    const panel = await openPanel(page);
    await sizeDevtoolsWindow(panel);
    // Chrome grants the content scripts' sites at install: no "access withheld" banner (asked after the panel asked).
    expect(await panel.evaluate(`chrome.permissions.contains({ origins: ['<all_urls>'] })`)).toBe(true);
    expect(await panel.evaluate(`!!document.querySelector('[data-testid="host-access"]')`)).toBe(false);
    await expect.poll(async () => (await eventCount(panel)) - (await hookEvents(page)).length).toBe(1);
    const live = await shownState(panel);
    expect(live.instances).toEqual([
      { account: 'alice', state: 'disconnected' },
      { account: 'bob', state: 'connected' },
    ]);
    expect(live.rules).not.toEqual([]);

    const downloads = mkdtempSync(join(tmpdir(), 'nim-devtools-downloads-'));
    try {
      await allowDownloads(panel, downloads);
      // Export as it comes: tokens redacted, the mask off (and in sight).
      expect(await panel.evaluate('document.querySelector(\'[data-testid="mask-identities"]\').checked')).toBe(false);
      await clickLikeAUser(panel, 'export');
      const plainName = await nextDownload(downloads);
      expect(plainName).toMatch(/^nim-devtools-127\.0\.0\.1-\d+-\d{8}-\d{6}\.json$/);
      const plainText = readDownload(downloads, plainName);
      const plain = parsed(plainText);
      const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
      // Asked of the page itself through DevTools (the session alone would not know the title).
      expect(plain.page).toMatchObject({ url: page.url(), title: await page.title() });
      expect(plain.page.userAgent).toContain('Chrome');
      expect(plain.tool).toEqual({ name: 'nim-devtools', version: manifest.version });
      expect(plain.sdkVersions.length).toBeGreaterThan(0);
      expect(plain.redaction).toEqual({ tokens: true, accounts: false, appKeys: false });
      // The whole session, every kind of what happened, in seq order (the reader refuses anything else). Traffic
      // counters may have added an event since the panel was read.
      expect(plain.events.length).toBeGreaterThanOrEqual(live.events);
      const recorded = { ...live, events: plain.events.length };
      const kinds = new Set(plain.events.map((event) => event.kind));
      for (const kind of ['page.navigate', 'sdk.connect', 'sdk.willReconnect', 'sdk.disconnect', 'ws.close']) {
        expect(kinds, kind).toContain(kind);
      }
      expect(plainText).not.toContain('s3cr3t');
      expect(plainText).toContain('alice');

      // Masked for sharing outside the team: no account, no appKey, anywhere in the file. (The plain one moves
      // aside: an export within the same second has the same name, and CDP's download behaviour overwrites.)
      const plainPath = join(downloads, 'plain', plainName);
      mkdirSync(dirname(plainPath));
      renameSync(join(downloads, plainName), plainPath);
      await click(panel, 'mask-identities');
      await clickLikeAUser(panel, 'export');
      const maskedName = await nextDownload(downloads);
      const maskedText = readDownload(downloads, maskedName);
      const masked = parsed(maskedText);
      expect(masked.redaction).toEqual({ tokens: true, accounts: true, appKeys: true });
      expect(maskedText).not.toMatch(/alice|bob/i);
      expect(maskedText).not.toContain(APP_KEY.slice(0, 8));
      expect(masked.events.length).toBeGreaterThanOrEqual(plain.events.length);

      // Copy as Markdown around the selected event (the kick), masked like the export.
      await recordClipboard(panel);
      const kick = plain.events.find((event) => event.kind === 'sdk.disconnect' && event.data.code === 'kicked');
      expect(await searchTimeline(panel, 'kicked')).toContain('sdk.disconnect');
      await panel.evaluate(`document.querySelector('[data-testid="event"][data-seq="${kick?.seq}"]').click()`);
      await click(panel, 'copy-markdown');
      await expect.poll(() => copiedTexts(panel)).toHaveLength(1);
      const [markdown = ''] = await copiedTexts(panel);
      expect(markdown).toContain(`### Timeline around #${kick?.seq}`);
      expect(markdown).toContain('### Diagnostics');
      expect(markdown).toContain('account-1');
      expect(markdown).not.toMatch(/alice|bob/i);
      await capturePanel(panel, testInfo.outputPath('panel-export.png'));

      // Import in the panel: a polluting file is refused without touching the panel's prototypes.
      await importInPanel(
        panel,
        'proto.json',
        plainText.replace('"format"', '"__proto__": {"polluted": true}, "format"'),
      );
      await expect
        .poll(() => panel.evaluate(`document.querySelector('[data-testid="import-error"]')?.dataset.code`))
        .toBe('forbidden-key');
      expect(await isPolluted(panel)).toBe(false);

      // The good file instead of the live tab, then back.
      await importInPanel(panel, plainName, plainText);
      await expect
        .poll(() => panel.evaluate(`document.querySelector('[data-testid="recording-name"]')?.textContent`))
        .toBe(plainName);
      expect(await shownState(panel)).toEqual(recorded);
      await click(panel, 'back-to-live');
      expect(await panel.evaluate(`document.querySelector('[data-testid="link-status"]').dataset.status`)).toBe(
        'connected',
      );
      // The same instances and findings as before the import (traffic counters may have added events since).
      await expect.poll(async () => ({ ...(await shownState(panel)), events: 0 })).toEqual({ ...live, events: 0 });

      // The viewer page inside the extension, in an ordinary tab.
      const viewer = await context.newPage();
      await openViewer(viewer, `chrome-extension://${extension.extensionId}/extension/viewer.html`);
      await viewer.getByTestId('import-file').setInputFiles(plainPath);
      await expect(viewer.getByTestId('recording-name')).toHaveText(plainName);
      expect(await shownState(pageAsPanel(viewer))).toEqual(recorded);
      const redaction = viewer.getByTestId('redaction');
      await expect(redaction).toHaveAttribute('data-tokens', 'true');
      await expect(redaction).toHaveAttribute('data-accounts', 'false');
      await viewer.screenshot({ path: testInfo.outputPath('viewer-plain.png') });

      // The masked file, dropped on it: same story, no names.
      await dropFile(viewer, maskedName, maskedText);
      await expect(viewer.getByTestId('recording-name')).toHaveText(maskedName);
      await expect(redaction).toHaveAttribute('data-accounts', 'true');
      const maskedState = await shownState(pageAsPanel(viewer));
      expect(maskedState.instances).toEqual([
        { account: 'account-1', state: 'disconnected' },
        { account: 'account-2', state: 'connected' },
      ]);
      expect(maskedState.rules).toEqual(live.rules);
      await viewer.screenshot({ path: testInfo.outputPath('viewer-masked.png') });

      // The static viewer, opened from disk: no extension, no server.
      await openViewer(viewer, pathToFileURL(STATIC_VIEWER).href);
      await viewer.getByTestId('import-file').setInputFiles(plainPath);
      await expect(viewer.getByTestId('recording-name')).toHaveText(plainName);
      expect(await shownState(pageAsPanel(viewer))).toEqual(recorded);
      await viewer.close();
    } finally {
      rmSync(downloads, { recursive: true, force: true });
    }
  });
});

test.describe('import', () => {
  test('the viewer explains each broken file, keeps working, and opens a good file afterwards', async ({
    page,
    extension,
  }, testInfo) => {
    const good = goodRecordingText();
    const document = JSON.parse(good);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { next: deep };
    const login = document.events.findIndex((event: { kind: string }) => event.kind === 'sdk.getInstance');
    const deepEvents = structuredClone(document.events);
    deepEvents[login].data.options = deep;
    const broken: [name: string, text: string, code: string, says: RegExp][] = [
      ['notes.txt', 'this is not JSON', 'not-json', /not JSON/],
      ['profile.json', JSON.stringify({ version: 5, nodes: [] }), 'wrong-format', /not a nim-devtools recording/],
      ['future.json', JSON.stringify({ ...document, version: 2 }), 'newer-version', /newer nim-devtools.*update/],
      [
        'proto.json',
        good.replace('"format"', '"__proto__": {"polluted": true}, "format"'),
        'forbidden-key',
        /"__proto__" is not allowed/,
      ],
      ['deep.json', JSON.stringify({ ...document, events: deepEvents }), 'too-deep', /nested more than 32 levels/],
      ['shape.json', JSON.stringify({ ...document, events: {} }), 'wrong-type', /events: expected array/],
    ];

    for (const url of [
      `chrome-extension://${extension.extensionId}/extension/viewer.html`,
      pathToFileURL(STATIC_VIEWER).href,
    ]) {
      await openViewer(page, url);
      const error = page.getByTestId('import-error');
      for (const [name, text, code, says] of broken) {
        await page
          .getByTestId('import-file')
          .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
        await expect(error).toHaveAttribute('data-code', code);
        await expect(error).toContainText(name);
        await expect(error).toContainText(says);
      }
      expect(await isPolluted(pageAsPanel(page))).toBe(false);
      await page.screenshot({
        path: testInfo.outputPath(`import-error-${url.startsWith('file') ? 'file' : 'ext'}.png`),
      });

      // A good file still opens, by the button or by a drop, and the error goes.
      await dropFile(page, 'good.json', good);
      await expect(page.getByTestId('recording-name')).toHaveText('good.json');
      await expect(error).toHaveCount(0);
      expect((await shownState(pageAsPanel(page))).instances).toEqual([{ account: 'alice', state: 'disconnected' }]);

      // A broken file while one is open leaves it open and says why.
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') });
      await expect(error).toHaveAttribute('data-code', 'not-json');
      await expect(page.getByTestId('recording-name')).toHaveText('good.json');
    }
  });
});

/** A small valid recording (the hook never ran here: events written the way the hook writes them). */
function goodRecordingText(): string {
  const t0 = Date.UTC(2025, 10, 26, 1, 0, 0);
  const recording = {
    format: 'nim-devtools-recording',
    version: 1,
    exportedAt: new Date(t0 + 10_000).toISOString(),
    tool: { name: 'nim-devtools', version: '0.1.0' },
    page: { url: 'https://im.example.com/chat', userAgent: 'Mozilla/5.0 Test' },
    sdkVersions: ['9.21.12'],
    redaction: { tokens: true, accounts: false, appKeys: false },
    events: [
      { seq: 1, t: t0, kind: 'page.navigate', doc: 'd1', frameId: 0, data: { url: 'https://im.example.com/chat' } },
      {
        seq: 2,
        t: t0 + 5,
        kind: 'sdk.getInstance',
        doc: 'd1',
        instanceId: 'd1-i1',
        data: { flavour: 'NIM', account: 'alice', reused: false, changed: [], options: { account: 'alice' } },
      },
      { seq: 3, t: t0 + 40, kind: 'sdk.connect', doc: 'd1', instanceId: 'd1-i1', data: { connectionId: 'c1' } },
      {
        seq: 4,
        t: t0 + 2000,
        kind: 'sdk.disconnect',
        doc: 'd1',
        instanceId: 'd1-i1',
        data: { code: 'kicked', reason: 'samePlatformKick', willReconnect: false },
      },
    ],
  };
  const text = JSON.stringify(recording);
  // A test file that is itself invalid would prove nothing.
  if (!parseRecording(text).ok) throw new Error(`the test's good recording is not valid`);
  return text;
}
