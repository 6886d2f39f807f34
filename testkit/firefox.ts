/**
 * Launching Firefox with the built extension (`dist/firefox`), for the e2e suite. Playwright's own Firefox is a
 * patched build that cannot be downloaded everywhere, so this drives a stock Firefox (ESR 128+) with
 * puppeteer-core over WebDriver BiDi; the Playwright Test runner stays the harness.
 *
 * Reaching the extension's own pages is the hard part. BiDi refuses `browsingContext.navigate` to a
 * `moz-extension://` URL ("not allowed in this context"), and a web page may not navigate there either (the
 * panel is not web-accessible, and must not be). Firefox lifts the first restriction for a browser started with
 * `--remote-allow-system-access`: that flag allows BiDi navigation to any URL and script evaluation in the
 * browser's own (chrome) windows. The pref `extensions.webextensions.uuids` pins the extension's UUID, so its
 * base URL is known before it is installed. With those two, this module opens extension pages in ordinary
 * tabs, maps a page to its WebExtension tab id, suspends the event page, and opens the real DevTools toolbox
 * with the NIM panel selected (read through a frame script, as BiDi does not list DevTools frames).
 *
 * Two puppeteer internals are used, both only here: `browser.connection` (raw BiDi commands) and a frame's
 * `_id` (its BiDi context id). puppeteer-core does not notice a navigation into the extension process, so a
 * Page shown an extension page keeps reporting `page.url()` as before; `page.evaluate` works as usual.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { poll } from './cdp';

export interface FirefoxLaunchOptions {
  /** An unpacked build with `browser_specific_settings.gecko.id`, e.g. `dist/firefox`. */
  extensionDir: string;
  /** Default: FIREFOX_PATH, else /usr/bin/firefox-esr, else /usr/bin/firefox. */
  executablePath?: string;
  headless?: boolean;
  /** Extra Firefox prefs for the fresh profile. */
  prefs?: Record<string, string | number | boolean>;
  /**
   * The browser's UI locale (BCP 47, e.g. `'zh-CN'`), as `browser.i18n.getUILanguage()` reports it. Firefox only
   * honours `intl.locale.requested` for a locale it has a language pack for; this registers the locale as
   * available (what installing the language pack does) before the extension is installed.
   */
  locale?: string;
}

export type BackgroundState = 'stopped' | 'starting' | 'running' | 'suspending';

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** The add-on id from the manifest (`browser_specific_settings.gecko.id`). */
  addonId: string;
  /** `moz-extension://<uuid>/` */
  extensionBaseUrl: string;
  /** A new tab (puppeteer Page). */
  newPage(): Promise<Page>;
  /** A new tab showing `extensionBaseUrl + path` (e.g. `extension/panel.html?tabId=3`), loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** The WebExtension `tabs` id of the tab showing `page`, as the background and the panel know it. */
  tabIdOf(page: Page): Promise<number>;
  /** Opens the DevTools toolbox for `page` and selects the extension's panel titled `title`. */
  openDevtoolsPanel(page: Page, title?: string): Promise<FirefoxPanelHandle>;
  /** Evaluates `expression` (may be a promise) in the browser window's privileged scope; JSON result. */
  evaluateInChrome<T = unknown>(expression: string): Promise<T>;
  backgroundState(): Promise<BackgroundState>;
  /** What Firefox does to an idle event page (`runtime.onSuspend`, then unload), without waiting 30 s. */
  suspendBackground(): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxPanelHandle {
  /** Evaluates `expression` (may be a promise) in the panel's document; JSON result. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/** The smallest part of puppeteer's BiDi connection this module needs. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

type RemoteValue = { type: string; value?: unknown };
type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string; stackTrace?: unknown } };

/** FIREFOX_PATH, else Debian's firefox-esr or firefox; undefined when there is none. */
export function findFirefox(explicit?: string): string | undefined {
  const candidate = explicit ?? process.env.FIREFOX_PATH;
  if (candidate) return candidate;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path));
}

export function firefoxExecutable(explicit?: string): string {
  const found = findFirefox(explicit);
  if (!found) throw new Error('No Firefox found: set FIREFOX_PATH to a Firefox 128+ (ESR or release) executable.');
  return found;
}

function addonIdOf(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/** The BiDi context id of a page's top-level browsing context (puppeteer keeps it as the frame's `_id`). */
function contextIdOf(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id !== 'string') throw new Error('puppeteer-core changed: a BiDi frame no longer has `_id`');
  return id;
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions): Promise<FirefoxExtensionBrowser> {
  const addonId = addonIdOf(options.extensionDir);
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxExecutable(options.executablePath),
    headless: options.headless ?? true,
    // Lets BiDi navigate to moz-extension:// URLs and evaluate in the browser window (see the module comment).
    args: ['--remote-allow-system-access'],
    protocolTimeout: 30_000,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      ...(options.locale ? { 'intl.locale.requested': options.locale } : {}),
      ...options.prefs,
    },
  });
  try {
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const extensionBaseUrl = `moz-extension://${uuid}/`;

    const chromeContext = async (): Promise<string> => {
      const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
      const windows = (result as { contexts: { context: string; url: string }[] }).contexts;
      const main = windows.find((context) => context.url === 'chrome://browser/content/browser.xhtml');
      if (!main) throw new Error(`no browser window among ${windows.map((context) => context.url).join(', ')}`);
      return main.context;
    };

    const evaluateInChrome = async <T>(expression: string): Promise<T> => {
      const { result } = await connection.send('script.evaluate', {
        // Wrapped so that any value, promise or not, comes back as one JSON string.
        expression: `Promise.resolve((${expression})).then((value) => JSON.stringify({ value }))`,
        target: { context: await chromeContext() },
        awaitPromise: true,
        resultOwnership: 'none',
      });
      const evaluation = result as EvaluateResult;
      if (evaluation.type === 'exception') throw new Error(`in chrome: ${evaluation.exceptionDetails.text}`);
      return (JSON.parse(String(evaluation.result.value)) as { value: T }).value;
    };

    if (options.locale) {
      await evaluateInChrome(`(() => {
        const locale = ${JSON.stringify(options.locale)};
        Services.locale.availableLocales = [...new Set([...Services.locale.availableLocales, locale])];
        Services.locale.requestedLocales = [locale];
      })()`);
    }

    const installedId = await browser.installExtension(options.extensionDir);
    if (installedId !== addonId) throw new Error(`installed ${installedId}, expected ${addonId}`);

    const extension = `WebExtensionPolicy.getByID(${JSON.stringify(addonId)}).extension`;

    const tabExpression = (page: Page) => `(() => {
      const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
      const browser = NavigableManager.getBrowserById(${JSON.stringify(contextIdOf(page))});
      if (!browser) throw new Error('no tab for this page');
      return gBrowser.getTabForBrowser(browser);
    })()`;

    const handle: FirefoxExtensionBrowser = {
      browser,
      addonId,
      extensionBaseUrl,
      newPage: () => browser.newPage(),
      async openExtensionPage(path) {
        const url = new URL(path, extensionBaseUrl).href;
        const page = await browser.newPage();
        await connection.send('browsingContext.navigate', { context: contextIdOf(page), url, wait: 'complete' });
        // puppeteer does not follow the navigation into the extension process; wait on the document itself.
        await poll(`${url} to load`, () =>
          page.evaluate(
            (expected) => (location.href === expected && document.readyState === 'complete') || undefined,
            url,
          ),
        );
        return page;
      },
      async tabIdOf(page) {
        return evaluateInChrome<number>(`(() => {
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          return ExtensionParent.apiManager.global.tabTracker.getId(${tabExpression(page)});
        })()`);
      },
      async openDevtoolsPanel(page, title = 'NIM') {
        return openDevtoolsPanel({ evaluateInChrome, addonId, tab: tabExpression(page), title });
      },
      evaluateInChrome,
      backgroundState: () => evaluateInChrome<BackgroundState>(`${extension}.backgroundState`),
      async suspendBackground() {
        await evaluateInChrome(
          `${extension}.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true })`,
        );
        const state = await handle.backgroundState();
        if (state !== 'stopped') throw new Error(`the background is ${state} after suspending it`);
      },
      async close() {
        await browser.close();
      },
    };
    return handle;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * The toolbox lives in the parent process and the panel in a remote `<browser>` of the extension process that
 * BiDi does not expose, so the panel is read through a one-shot frame script per evaluation. It evaluates in a
 * sandbox whose prototype is the panel window: the panel's own globals (`document`, `browser`) are visible,
 * and the extension pages' CSP (no eval) does not apply.
 */
async function openDevtoolsPanel(options: {
  evaluateInChrome<T>(expression: string): Promise<T>;
  addonId: string;
  tab: string;
  title: string;
}): Promise<FirefoxPanelHandle> {
  const { evaluateInChrome, addonId, tab, title } = options;
  // One key per toolbox, on the browser window, so that several panels can be open at once.
  const key = `__nimDevtoolsPanel_${randomUUID().replaceAll('-', '')}`;
  const devtools = `require('devtools/client/framework/devtools').gDevTools`;
  const requireDefinition = `const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');`;

  await evaluateInChrome(`(async () => {
    ${requireDefinition}
    const tab = ${tab};
    const toolbox = await ${devtools}.showToolboxForTab(tab, { toolId: 'webconsole' });
    window.${key} = { toolbox, tab };
  })()`);
  // The extension's devtools page runs once the toolbox is up, then adds the panel.
  const toolId = await poll(`the extension to add a DevTools panel titled ${title}`, () =>
    evaluateInChrome<string | null>(`(window.${key}.toolbox.getAdditionalTools()
      .find((tool) => tool.extensionId === ${JSON.stringify(addonId)} && tool.label === ${JSON.stringify(title)})
      ?.id) ?? null`).then((id) => id ?? undefined),
  );
  await evaluateInChrome(`(async () => {
    const panel = window.${key};
    await panel.toolbox.selectTool(${JSON.stringify(toolId)});
    panel.browser = () => panel.toolbox.doc
      .getElementById('toolbox-panel-iframe-' + ${JSON.stringify(toolId)})
      ?.contentDocument?.querySelector('browser') ?? null;
  })()`);

  let evaluation = 0;
  const evaluate = async <T>(expression: string): Promise<T> => {
    evaluation += 1;
    const reply = `nim-devtools-test:${evaluation}`;
    const frameScript = `
      const utils = Components.utils;
      const sandbox = utils.Sandbox(content, { sandboxPrototype: content, wantXrays: false });
      let pending;
      try {
        pending = utils.evalInSandbox(
          'Promise.resolve((' + ${JSON.stringify(expression)} + ')).then((value) => JSON.stringify({ value }))',
          sandbox,
        );
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (json) => sendAsyncMessage(${JSON.stringify(reply)}, { json }),
        (error) => sendAsyncMessage(${JSON.stringify(reply)}, { error: String(error) }),
      );
    `;
    const answer = await evaluateInChrome<{ json?: string; error?: string }>(`new Promise((resolve, reject) => {
      const browser = window.${key}.browser();
      if (!browser?.messageManager) return reject(new Error('the panel is not shown'));
      const manager = browser.messageManager;
      // A frame script loaded while the panel's document is being replaced never answers: give up on this
      // attempt (a poll tries again) rather than hang until the protocol's own timeout.
      const timer = setTimeout(() => {
        manager.removeMessageListener(${JSON.stringify(reply)}, listener);
        resolve({ error: 'the panel did not answer' });
      }, 3000);
      const listener = (message) => {
        clearTimeout(timer);
        manager.removeMessageListener(${JSON.stringify(reply)}, listener);
        resolve(message.data);
      };
      manager.addMessageListener(${JSON.stringify(reply)}, listener);
      manager.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(frameScript)}), false);
    })`);
    if (answer.error !== undefined) throw new Error(`in the panel: ${answer.error}`);
    return (JSON.parse(answer.json ?? '{}') as { value: T }).value;
  };

  // The panel's document loads after selectTool; wait until it is the extension page, fully parsed.
  await poll('the panel document to load', () =>
    evaluate<boolean>(`location.protocol === 'moz-extension:' && document.readyState === 'complete'`).then(
      (ready) => ready || undefined,
    ),
  );

  return {
    evaluate,
    async close() {
      await evaluateInChrome(`(async () => {
        ${requireDefinition}
        const panel = window.${key};
        delete window.${key};
        await ${devtools}.closeToolboxForTab(panel.tab);
      })()`);
    },
  };
}
