/**
 * Credentials in URLs (issue 16): a real-SDK app whose page URL carries a token (apps that embed IM in an iframe
 * pass the login so) and which opens its own sockets with `?access_token=` and with the SDK's token in the path.
 * No secret may reach any view of the real DevTools panel, the page API, `storage.session`, an export or a
 * Markdown summary; what was there still shows (`token=[redacted]`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEchoServer } from './support/echo-server';
import { expect, test } from './support/extension';
import { getInstance, hookEvents, loginOptions, waitForCallback } from './support/nim';
import { showView } from './support/panel';
import {
  allowDownloads,
  click,
  clickLikeAUser,
  copiedTexts,
  nextDownload,
  readDownload,
  recordClipboard,
} from './support/recordings';

const PAGE_TOKEN = 'PAGE-TOKEN-7f3a9c';
const FRAGMENT_TOKEN = 'FRAGMENT-TOKEN-51bd';
const PUSH_TOKEN = 'PUSH-TOKEN-c0ffee';
const PUSH_PASSWORD = 'PUSH-PASSWORD-e1d2';
const SDK_TOKEN = 'token-of-alice-s3cr3t';
const SECRETS = [PAGE_TOKEN, FRAGMENT_TOKEN, PUSH_TOKEN, PUSH_PASSWORD, SDK_TOKEN];

function expectNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) expect(text, `${secret} in ${where}`).not.toContain(secret);
}

test.use({ devtools: true });

test('no token from a page URL or a socket URL reaches the panel, the page API, storage, an export or Markdown', async ({
  page,
  fakeNim,
  extension,
  openPanel,
}) => {
  test.setTimeout(90_000);
  const echo = await startEchoServer();
  const downloads = mkdtempSync(join(tmpdir(), 'nim-devtools-url-secrets-'));
  try {
    await page.goto(
      `${fakeNim.httpUrl}/pages/nim-app.html?account=alice&token=${PAGE_TOKEN}#access_token=${FRAGMENT_TOKEN}&tab=chat`,
    );
    await page.evaluate(() => (window as unknown as { app: { loaded: Promise<void> } }).app.loaded);
    await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
    await waitForCallback(page, 'onconnect', 1);
    const push = echo.wsUrl.replace('ws://', `ws://app:${PUSH_PASSWORD}@`).replace('/echo', '/push');
    await page.evaluate(
      ([pushUrl, pathUrl]) =>
        new Promise<void>((resolve) => {
          let open = 0;
          for (const url of [pushUrl, pathUrl]) {
            const socket = new WebSocket(url);
            socket.onopen = () => {
              if (++open === 2) resolve();
            };
          }
        }),
      [`${push}?access_token=${PUSH_TOKEN}&room=7`, `${echo.wsUrl}/u/${SDK_TOKEN}/feed`] as const,
    );

    // The page API: the socket URLs and the page URL are there, their credentials are not.
    const events = await hookEvents(page);
    const urls = events.flatMap((event) => (event.kind === 'ws.create' ? [event.data.url] : []));
    expect(urls).toContain(
      `ws://app:[redacted]@127.0.0.1:${new URL(echo.wsUrl).port}/push?access_token=[redacted]&room=7`,
    );
    expect(urls).toContain(`${echo.wsUrl}/u/[redacted]/feed`);
    const recording = await page.evaluate(() =>
      JSON.stringify(
        (window as unknown as { __NIM_DEVTOOLS__: { recording(): unknown } }).__NIM_DEVTOOLS__.recording(),
      ),
    );
    expect(recording).toContain('token=[redacted]');
    expect(recording).toContain('#access_token=[redacted]&tab=chat');
    expectNoSecret('the page API', recording);

    // What the background stored.
    const worker = await extension.serviceWorker();
    await expect
      .poll(() => worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null))))
      .toContain('access_token=[redacted]');
    expectNoSecret(
      'storage.session',
      await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null))),
    );

    // Every view of the real panel.
    const panel = await openPanel(page);
    await expect.poll(() => panel.evaluate<string>('document.body.innerText')).toContain('access_token=[redacted]');
    for (const view of ['timeline', 'instances', 'sockets', 'diagnostics'] as const) {
      await showView(panel, view);
      expectNoSecret(`the ${view} view`, await panel.evaluate<string>('document.body.innerHTML'));
    }
    await showView(panel, 'timeline');

    // An export, and a Markdown summary.
    await allowDownloads(panel, downloads);
    await clickLikeAUser(panel, 'export');
    const exported = readDownload(downloads, await nextDownload(downloads));
    expect(exported).toContain('access_token=[redacted]');
    expectNoSecret('the export', exported);
    await recordClipboard(panel);
    await click(panel, 'copy-markdown');
    await expect.poll(() => copiedTexts(panel)).toHaveLength(1);
    const [markdown = ''] = await copiedTexts(panel);
    expect(markdown).toContain('token=[redacted]');
    expectNoSecret('the Markdown summary', markdown);
  } finally {
    rmSync(downloads, { recursive: true, force: true });
    await echo.close();
  }
});
