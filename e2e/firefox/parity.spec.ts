/**
 * Firefox on a par with what e2e/faults.spec.ts, e2e/sessions.spec.ts and e2e/recordings.spec.ts test in
 * Chromium: real faults on the real SDK (drop, offline, stall), rejected-message counts, export and import of a
 * recording in the panel page, credentials in page and socket URLs (e2e/url-secrets.spec.ts), and the
 * host-permission state Firefox lets a user withhold.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Browser } from 'webextension-polyfill';
import type { NimEvent } from '../../src/model/events';
import { HOOK_SOURCE } from '../../src/model/protocol';
import { parseRecording } from '../../src/recording';
import { poll } from '../../testkit/cdp';
import type { FirefoxExtensionBrowser } from '../../testkit/firefox';
import { startEchoServer } from '../support/echo-server';
import { type HookedWindow, loginOptions, type SeenCallback } from '../support/nim';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 120_000 });

/** The extension pages' global, inside `page.evaluate` callbacks that run in one. */
declare const browser: Browser;

interface AppWindow {
  app: {
    loaded: Promise<void>;
    seen: SeenCallback[];
    getInstance(name: string, options: object): void;
    call(name: string, method: string, withDone?: boolean): Promise<string | null>;
  };
}

async function login(tab: Page, fakeNim: Parameters<typeof loginOptions>[0], account: string, query = '') {
  await tab.goto(`${fakeNim.httpUrl}/pages/nim-app.html${query}`);
  await tab.evaluate(() => (window as unknown as AppWindow).app.loaded);
  await tab.evaluate(
    (options) => (window as unknown as AppWindow).app.getInstance('a', options),
    loginOptions(fakeNim, account),
  );
  await waitForCallback(tab, 'onconnect', 1);
}

async function waitForCallback(tab: Page, callback: SeenCallback['callback'], count: number, timeout = 20_000) {
  await tab.waitForFunction(
    (name, n) => (window as unknown as AppWindow).app.seen.filter((seen) => seen.callback === name).length >= n,
    { timeout },
    callback,
    count,
  );
}

const seen = (tab: Page) => tab.evaluate(() => (window as unknown as AppWindow).app.seen);
const hookEvents = (tab: Page) =>
  tab.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.events()) as Promise<NimEvent[]>;
const dataOf = (events: NimEvent[], kind: NimEvent['kind']) =>
  events.filter((event) => event.kind === kind).map((event) => event.data as Record<string, unknown>);

async function openPanelTab(firefox: FirefoxExtensionBrowser, inspected: Page): Promise<Page> {
  const tabId = await firefox.tabIdOf(inspected);
  return firefox.openExtensionPage(`extension/panel.html?tabId=${tabId}`);
}

/** The first number in an element's text, by test id; -1 if none. */
function countIn(panel: Page, testId: string): Promise<number> {
  return panel.evaluate((id) => {
    const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
    return Number((text.match(/[\d,]+/)?.[0] ?? '-1').replace(/,/g, ''));
  }, testId);
}

/** Shows the Instances view and reads its rows (poll: the view renders a moment after the click). */
function instanceRows(panel: Page) {
  return panel.evaluate(() => {
    document.querySelector<HTMLElement>('[data-testid="tab-instances"]')?.click();
    return [...document.querySelectorAll<HTMLElement>('[data-testid="instance"]')].map((row) => ({
      account: row.dataset.account,
      state: row.dataset.state,
    }));
  });
}

/** Clicks Export in the panel page and reads the file Firefox saved. */
async function exportFrom(panel: Page, downloads: string): Promise<{ name: string; text: string }> {
  const before = new Set(readdirSync(downloads));
  await panel.click('[data-testid="export"]');
  const name = await poll('the export to be downloaded', async () =>
    readdirSync(downloads).find((file) => file.endsWith('.json') && !before.has(file)),
  );
  return { name, text: readFileSync(join(downloads, name), 'utf8') };
}

test.describe('Firefox: faults on the real SDK', () => {
  test('drop really closes the socket: the server sees it go and the SDK reconnects', async ({ tab, fakeNim }) => {
    await login(tab, fakeNim, 'alice');
    expect(await tab.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.drop())).toBe(1);
    await waitForCallback(tab, 'onwillreconnect', 1);
    await waitForCallback(tab, 'onconnect', 2);
    const connections = fakeNim.connections().filter((connection) => connection.account === 'alice');
    expect(connections.map((connection) => connection.open)).toEqual([false, true]);
    expect(dataOf(await hookEvents(tab), 'ws.close')[0]).toEqual({ code: 1006, reason: '', wasClean: false });
  });

  test('offline: new sockets fail like a dead network without reaching the server, then it recovers', async ({
    tab,
    fakeNim,
  }) => {
    await login(tab, fakeNim, 'bob');
    const connectionsBefore = fakeNim.connections().length;
    await tab.evaluate(() => {
      const api = (window as unknown as HookedWindow).__NIM_DEVTOOLS__;
      api.offline(6_000);
      api.drop();
    });
    await waitForCallback(tab, 'onwillreconnect', 3, 30_000);
    expect(fakeNim.connections().length).toBe(connectionsBefore);
    await waitForCallback(tab, 'onconnect', 2, 30_000);

    const delays = (await seen(tab))
      .filter((call) => call.callback === 'onwillreconnect')
      .map((call) => Number(call.data?.duration));
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    const events = await hookEvents(tab);
    expect(dataOf(events, 'fault.end').map((data) => data.fault)).toContain('offline');
    // Failed as on a dead network: error, then close 1006, never a socket that opened.
    expect(dataOf(events, 'ws.error').length).toBeGreaterThanOrEqual(2);
    expect(dataOf(events, 'ws.close')).toContainEqual({ code: 1006, reason: '', wasClean: false });
    expect(events.filter((event) => event.kind === 'devtools.hookError')).toEqual([]);
  });

  test('stall: held replies make the SDK’s command time out, then it reconnects', async ({ tab, fakeNim }) => {
    await login(tab, fakeNim, 'carol');
    await tab.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.stall(30_000));
    const answer = tab.evaluate(() => (window as unknown as AppWindow).app.call('a', 'getServerTime'));
    await waitForCallback(tab, 'onwillreconnect', 1, 40_000);
    expect(await answer).not.toBeNull();
    expect(dataOf(await hookEvents(tab), 'fault.start')).toEqual([
      expect.objectContaining({ fault: 'stall', durationMs: 30_000 }),
    ]);
  });
});

test.describe('Firefox: the panel page', () => {
  test('counts what the relay rejected: forged window messages from the page', async ({ firefox, tab, fakeNim }) => {
    await login(tab, fakeNim, 'dora');
    await tab.evaluate((source) => {
      const forged = [
        { source, version: 1, type: 'events', doc: 'zzzz', events: [{ kind: 'sdk.connect', tabId: 1 }] },
        { source, version: 99, type: 'hello' },
        JSON.parse('{"__proto__": {"polluted": true}, "source": "nim-devtools-hook"}'),
      ];
      for (let i = 0; i < 300; i++) window.postMessage(forged[i % forged.length], '*');
    }, HOOK_SOURCE);
    const panel = await openPanelTab(firefox, tab);
    await expect.poll(() => countIn(panel, 'rejected-count')).toBe(300);
    await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'dora', state: 'connected' }]);
  });

  test.describe('with downloads to a folder', () => {
    const downloads = mkdtempSync(join(tmpdir(), 'nim-devtools-firefox-downloads-'));
    test.use({
      firefoxOptions: {
        prefs: {
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.start_downloads_in_tmp_dir': false,
        },
      },
    });
    test.afterAll(() => rmSync(downloads, { recursive: true, force: true }));

    test('exports the session as a recording and imports it back', async ({ firefox, tab, fakeNim }) => {
      await login(tab, fakeNim, 'erin');
      const panel = await openPanelTab(firefox, tab);
      await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'erin', state: 'connected' }]);

      const { name, text } = await exportFrom(panel, downloads);
      const parsed = parseRecording(text);
      if (!parsed.ok) throw new Error(`the export does not read back: ${parsed.error.message}`);
      expect(parsed.recording.page.userAgent).toContain('Firefox');
      expect(parsed.recording.events.map((event) => event.kind)).toEqual(
        expect.arrayContaining(['page.navigate', 'sdk.getInstance', 'sdk.connect']),
      );
      expect(text).not.toContain('s3cr3t');

      await panel.evaluate(
        (fileName, content) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([content], fileName, { type: 'application/json' }));
          const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]');
          if (!input) throw new Error('no import-file input');
          input.files = transfer.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        name,
        text,
      );
      await expect
        .poll(() => panel.evaluate(() => document.querySelector('[data-testid="recording-name"]')?.textContent))
        .toBe(name);
      await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'erin', state: 'connected' }]);
    });

    test('no token from a page URL or a socket URL reaches the page API, storage, the panel page or an export', async ({
      firefox,
      tab,
      fakeNim,
    }) => {
      const secrets = ['PAGE-TOKEN-7f3a9c', 'FRAGMENT-TOKEN-51bd', 'PUSH-TOKEN-c0ffee', 'PUSH-PASSWORD-e1d2'];
      const sdkToken = loginOptions(fakeNim, 'frank').token;
      const expectNoSecret = (where: string, text: string) => {
        for (const secret of [...secrets, sdkToken]) expect(text, `${secret} in ${where}`).not.toContain(secret);
      };
      const echo = await startEchoServer();
      try {
        await login(tab, fakeNim, 'frank', `?token=${secrets[0]}#access_token=${secrets[1]}&tab=chat`);
        const push = echo.wsUrl.replace('ws://', `ws://app:${secrets[3]}@`).replace('/echo', '/push');
        await tab.evaluate(
          (urls) =>
            Promise.all(
              urls.map((url) => new Promise((resolve) => new WebSocket(url).addEventListener('open', resolve))),
            ),
          [`${push}?access_token=${secrets[2]}&room=7`, `${echo.wsUrl}/u/${sdkToken}/feed`],
        );

        const urls = (await hookEvents(tab)).flatMap((event) => (event.kind === 'ws.create' ? [event.data.url] : []));
        expect(urls).toContain(
          `ws://app:[redacted]@127.0.0.1:${new URL(echo.wsUrl).port}/push?access_token=[redacted]&room=7`,
        );
        expect(urls).toContain(`${echo.wsUrl}/u/[redacted]/feed`);
        const recording = await tab.evaluate(() =>
          JSON.stringify((window as unknown as HookedWindow).__NIM_DEVTOOLS__.recording()),
        );
        expect(recording).toContain('#access_token=[redacted]&tab=chat');
        expectNoSecret('the page API', recording);

        const panel = await openPanelTab(firefox, tab);
        const stored = () => panel.evaluate(async () => JSON.stringify(await browser.storage.session.get(null)));
        await expect.poll(stored).toContain('access_token=[redacted]');
        expectNoSecret('storage.session', await stored());
        await expect.poll(() => panel.evaluate(() => document.body.textContent)).toContain('access_token=[redacted]');
        for (const view of ['timeline', 'instances', 'sockets', 'diagnostics']) {
          await panel.click(`[data-testid="tab-${view}"]`);
          expectNoSecret(`the ${view} view`, await panel.evaluate(() => document.body.innerHTML));
        }
        const { text } = await exportFrom(panel, downloads);
        expect(text).toContain('access_token=[redacted]');
        expectNoSecret('the export', text);
      } finally {
        await echo.close();
      }
    });
  });
});

test.describe('Firefox: access to websites withheld', () => {
  // Granted without Firefox's doorhanger, as if the user clicked "Allow": the prompt itself is browser chrome.
  test.use({ firefoxOptions: { prefs: { 'extensions.webextOptionalPermissionPrompts': false } } });

  test('the panel says the hook cannot run and asks for access with a click', async ({ firefox, tab, fakeNim }) => {
    const origins = ['<all_urls>'];
    const permissions = await firefox.openExtensionPage('extension/viewer.html');
    expect(await permissions.evaluate((all) => browser.permissions.remove({ origins: all }), origins)).toBe(true);
    expect(await permissions.evaluate((all) => browser.permissions.contains({ origins: all }), origins)).toBe(false);

    // Without access the hook does not run: a NIM page looks like a page without NIM, but the panel says why.
    await tab.goto(`${fakeNim.httpUrl}/pages/nim-app.html`);
    expect(await tab.evaluate(() => '__NIM_DEVTOOLS__' in window)).toBe(false);
    const panel = await openPanelTab(firefox, tab);
    await panel.waitForSelector('[data-testid="host-access"]');

    await panel.click('[data-testid="grant-host-access"]');
    await panel.waitForSelector('[data-testid="host-access"]', { hidden: true });
    expect(await permissions.evaluate((all) => browser.permissions.contains({ origins: all }), origins)).toBe(true);
    await tab.reload();
    await expect.poll(() => tab.evaluate(() => '__NIM_DEVTOOLS__' in window)).toBe(true);
  });
});
