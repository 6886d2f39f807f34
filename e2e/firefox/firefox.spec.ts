/**
 * Parity of the Firefox build (`dist/firefox`) with Chrome's, in a stock Firefox (ESR 128+) driven over
 * WebDriver BiDi: install, page hook, relay → event page → panel, the real SDK, the real DevTools panel, theme,
 * locale, the event page's lifecycle and the back/forward cache. One Firefox per test (workers: 1).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Browser } from 'webextension-polyfill';
import type { FirefoxExtensionBrowser, FirefoxPanelHandle } from '../../testkit/firefox';
import { expect, test } from './fixtures';

// Firefox starts in 4–10 s here and some tests wait out an idle event page.
test.describe.configure({ timeout: 120_000 });

const APP_KEY = '0123456789abcdef0123456789abcdef';

interface PageWindow {
  hookWasFirst?: boolean;
  inlineSocket?: WebSocket;
  __NIM_DEVTOOLS__?: { recording?: () => { events: { kind: string }[] } };
  harness: { loaded: Promise<void>; connect(options: Record<string, unknown>): void };
}

/** Kinds of the events the hook holds for the page, or a note saying why there are none. */
function recordedKinds(page: Page): Promise<string[] | string> {
  return page.evaluate(() => {
    const api = (window as unknown as PageWindow).__NIM_DEVTOOLS__;
    if (typeof api?.recording !== 'function') return 'window.__NIM_DEVTOOLS__.recording is not a function';
    return api.recording().events.map((event) => event.kind);
  });
}

const EVENT_ROWS = `[...document.querySelectorAll('[data-testid="event"]')]
  .map((row) => ({ kind: row.dataset.kind, seq: Number(row.dataset.seq) }))`;

interface EventRow {
  kind: string;
  seq: number;
}

/** The timeline rows of a panel page opened as a tab. */
function tabRows(panel: Page): Promise<EventRow[]> {
  // The same expression reads the real DevTools panel (FirefoxPanelHandle.evaluate takes expressions only).
  return panel.evaluate(EVENT_ROWS) as Promise<EventRow[]>;
}

function kindsOf(rows: { kind: string }[]): string[] {
  return rows.map((row) => row.kind);
}

async function openPanelTab(firefox: FirefoxExtensionBrowser, inspected: Page): Promise<Page> {
  const tabId = await firefox.tabIdOf(inspected);
  return firefox.openExtensionPage(`extension/panel.html?tabId=${tabId}`);
}

/** Every event the background holds in `storage.session`, read from an extension page. */
function storedEvents(extensionPage: Page): Promise<{ kind: string; data: Record<string, unknown> }[]> {
  return extensionPage.evaluate(async () => {
    const items = await browser.storage.session.get(null);
    // Event chunks are stored as JSON text; the session metas are objects.
    return Object.values(items)
      .filter((value): value is string => typeof value === 'string')
      .flatMap((chunk) => JSON.parse(chunk) as unknown[])
      .filter((event): event is { kind: string; data: Record<string, unknown> } => {
        return typeof event === 'object' && event !== null && 'kind' in event;
      });
  });
}

/** The extension pages' global, inside `page.evaluate` callbacks that run in one. */
declare const browser: Browser;

test.describe('Firefox: the built extension', () => {
  test('installs as a temporary add-on, with an event page and storage.session', async ({ firefox }) => {
    expect(await firefox.backgroundState()).toBe('running');
    const page = await firefox.openExtensionPage('extension/panel.html');
    const facts = await page.evaluate(async () => {
      const manifest = browser.runtime.getManifest() as { background?: Record<string, unknown> };
      await browser.storage.session.set({ probe: 1 });
      return {
        background: manifest.background,
        sessionStorage: (await browser.storage.session.get('probe')).probe,
      };
    });
    expect(facts.background).toMatchObject({ scripts: [expect.any(String)] });
    // Firefox's normalized manifest keeps the key, as null.
    expect(facts.background?.service_worker ?? null).toBeNull();
    expect(facts.sessionStorage).toBe(1);
  });

  test('runs the MAIN-world hook before the first inline script of a page', async ({ tab, fakeNim }) => {
    await tab.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    expect(await tab.evaluate(() => (window as unknown as PageWindow).hookWasFirst)).toBe(true);
  });

  test('the hook records the inline socket in the page', async ({ tab, fakeNim }) => {
    await tab.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    await expect.poll(() => recordedKinds(tab)).toEqual(expect.arrayContaining(['ws.create', 'ws.open']));
  });

  test('the relay reaches the event page, which stores the session and feeds the panel page', async ({
    firefox,
    tab,
    fakeNim,
  }) => {
    await tab.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    const panel = await openPanelTab(firefox, tab);
    await expect.poll(async () => kindsOf(await tabRows(panel))).toEqual(expect.arrayContaining(['ws.open']));
    // Firefox hands page objects to content scripts through Xray wrappers: nothing may be refused for that.
    expect(kindsOf(await tabRows(panel))).not.toContain('devtools.rejected');
    expect(kindsOf(await storedEvents(panel))).toEqual(expect.arrayContaining(['page.navigate', 'ws.open']));
    expect(await panel.evaluate(() => document.querySelector('[data-testid="panel-root"]')?.getAttribute('lang'))).toBe(
      'en',
    );
  });
});

test.describe('Firefox: the real SDK', () => {
  // 9.x speaks binary WebSocket frames; 8.9 defaults to socket.io 0.9 over WebSocket.
  for (const sdk of ['/sdk/NIM_Web_NIM.js', '/sdk8/NIM_Web_NIM.js']) {
    test(`records the SDK logging in, the panel shows the instance, no token is stored (${sdk})`, async ({
      firefox,
      tab,
      fakeNim,
    }) => {
      await tab.goto(`${fakeNim.httpUrl}/harness/sdk.html?sdk=${sdk}`);
      await tab.evaluate(() => (window as unknown as PageWindow).harness.loaded);
      const options = { appKey: APP_KEY, account: 'alice', token: 'token-s3cr3t', db: false, dbLog: false };
      await tab.evaluate((all) => (window as unknown as PageWindow).harness.connect(all), {
        ...options,
        privateConf: fakeNim.privateConf(),
      });
      await fakeNim.waitForLogin('alice', 20_000);

      await expect
        .poll(() => recordedKinds(tab))
        .toEqual(expect.arrayContaining(['sdk.detected', 'sdk.getInstance', 'ws.open', 'sdk.connect']));

      const panel = await openPanelTab(firefox, tab);
      await expect.poll(async () => kindsOf(await tabRows(panel))).toEqual(expect.arrayContaining(['sdk.connect']));
      expect(kindsOf(await tabRows(panel))).not.toContain('devtools.rejected');
      await panel.click('[data-testid="tab-instances"]');
      await expect
        .poll(() =>
          panel.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('[data-testid="instance"]')].map((row) => ({
              account: row.dataset.account,
              state: row.dataset.state,
            })),
          ),
        )
        .toEqual([{ account: 'alice', state: 'connected' }]);
      const stored = JSON.stringify(await storedEvents(panel));
      expect(stored).toContain('sdk.connect');
      expect(stored).not.toContain('s3cr3t');
    });
  }
});

test.describe('Firefox: the real DevTools panel', () => {
  test.use({ firefoxOptions: { prefs: { 'devtools.theme': 'dark' } } });

  let panel: FirefoxPanelHandle | undefined;
  test.afterEach(async () => {
    await panel?.close().catch(() => undefined);
    panel = undefined;
  });

  test('opens in the toolbox, knows the inspected tab, follows the theme and renders the events', async ({
    firefox,
    tab,
    fakeNim,
  }) => {
    await tab.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    panel = await firefox.openDevtoolsPanel(tab);
    const opened = panel;
    expect(await opened.evaluate('browser.devtools.inspectedWindow.tabId')).toBe(await firefox.tabIdOf(tab));
    await expect.poll(() => opened.evaluate('!!document.querySelector(\'[data-testid="panel-root"]\')')).toBe(true);

    const theme = () => opened.evaluate(`document.querySelector('[data-testid="panel-root"]')?.dataset.theme`);
    expect(await opened.evaluate('browser.devtools.panels.themeName')).toBe('dark');
    await expect.poll(theme).toBe('dark');
    // Firefox reports a theme switch through `devtools.panels.onThemeChanged`.
    await firefox.evaluateInChrome(`Services.prefs.setCharPref('devtools.theme', 'light')`);
    await expect.poll(theme).toBe('light');

    await expect
      .poll(async () => kindsOf(await opened.evaluate<EventRow[]>(EVENT_ROWS)))
      .toEqual(expect.arrayContaining(['ws.open']));
  });
});

test.describe('Firefox: locale and theme of the panel page in a tab', () => {
  test.use({
    firefoxOptions: {
      locale: 'zh-CN',
      // 0: content sees `prefers-color-scheme: dark`, whatever the desktop says.
      prefs: { 'layout.css.prefers-color-scheme.content-override': 0 },
    },
  });

  test('renders in Chinese for a zh-CN Firefox, dark when the scheme is dark', async ({ firefox, tab, fakeNim }) => {
    await tab.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    const panel = await openPanelTab(firefox, tab);
    expect(await panel.evaluate(() => browser.i18n.getUILanguage())).toBe('zh-CN');
    const root = () =>
      panel.evaluate(() => {
        const element = document.querySelector<HTMLElement>('[data-testid="panel-root"]');
        return element ? { lang: element.lang, theme: element.dataset.theme } : undefined;
      });
    await expect.poll(root).toEqual({ lang: 'zh-CN', theme: 'dark' });
  });
});

test.describe('Firefox: the event page lifecycle', () => {
  /** Opens one more socket from the page, as the SDK does when it reconnects. */
  async function openAnotherSocket(page: Page, linkAddress: string): Promise<void> {
    await page.evaluate((link) => {
      (window as unknown as { second?: WebSocket }).second = new WebSocket(`ws://${link}/websocket`);
    }, linkAddress);
  }

  test('a suspended event page loses nothing: relay and panel reconnect, no event is doubled', async ({
    firefox,
    tab,
    fakeNim,
  }) => {
    await tab.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    const panel = await openPanelTab(firefox, tab);
    await expect.poll(async () => kindsOf(await tabRows(panel))).toContain('ws.open');

    await firefox.suspendBackground();
    await openAnotherSocket(tab, fakeNim.linkAddress);

    await expect.poll(async () => kindsOf(await tabRows(panel)).filter((kind) => kind === 'ws.open').length).toBe(2);
    const rows = await tabRows(panel);
    expect(new Set(rows.map((row) => row.seq)).size).toBe(rows.length);
    expect(kindsOf(rows).filter((kind) => kind === 'ws.create')).toHaveLength(2);
    expect(await firefox.backgroundState()).toBe('running');
  });

  test.describe('with a short idle timeout', () => {
    // Firefox unloads an idle event page after `extensions.background.idle.timeout` (30 s by default); open
    // runtime ports do not keep it alive.
    test.use({ firefoxOptions: { prefs: { 'extensions.background.idle.timeout': 1_000 } } });

    test('events after the event page went idle still reach an open panel', async ({ firefox, tab, fakeNim }) => {
      await tab.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
      const panel = await openPanelTab(firefox, tab);
      await expect.poll(async () => kindsOf(await tabRows(panel))).toContain('ws.open');
      // The open panel's port does not keep the event page alive: Firefox unloads it, the panel reconnects.
      const states = new Set<string>();
      for (const deadline = Date.now() + 4_000; Date.now() < deadline; ) {
        states.add(await firefox.backgroundState());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(states).toContain('stopped');
      await openAnotherSocket(tab, fakeNim.linkAddress);
      await expect.poll(async () => kindsOf(await tabRows(panel)).filter((kind) => kind === 'ws.open').length).toBe(2);
    });
  });
});

test.describe('Firefox: the back/forward cache', () => {
  // fake-nim serves everything `no-store`, which keeps a page out of Firefox's bfcache: serve the page cacheable.
  let server: Server;
  let pageUrl: string;
  test.beforeAll(async () => {
    const html = readFileSync(resolve('e2e/pages/inline-socket.html'));
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(html);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/inline-socket.html`;
  });
  test.afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  test('a page restored from the cache is announced again', async ({ firefox, tab, fakeNim }) => {
    await tab.goto(`${pageUrl}?ws=${fakeNim.linkAddress}`);
    await expect.poll(() => recordedKinds(tab)).toContain('ws.open');
    // An open WebSocket keeps a page out of Firefox's bfcache: close it, as an app does after `disconnect()`.
    await tab.evaluate(() => {
      const win = window as unknown as PageWindow & { cachedMarker?: boolean };
      win.cachedMarker = true;
      win.inlineSocket?.close();
    });
    await expect.poll(() => recordedKinds(tab)).toContain('ws.close');
    await tab.goto(`${pageUrl}?ws=${fakeNim.linkAddress}&next=1`);
    // puppeteer's goBack waits for a load that a restore from the cache never fires.
    await tab.evaluate(() => history.back());
    await expect
      .poll(() => tab.evaluate(() => (window as unknown as { cachedMarker?: boolean }).cachedMarker === true))
      .toBe(true);

    const extensionPage = await firefox.openExtensionPage('extension/panel.html');
    await expect
      .poll(async () =>
        (await storedEvents(extensionPage)).some(
          (event) => event.kind === 'page.navigate' && event.data.restoredFromCache === true,
        ),
      )
      .toBe(true);
  });
});
