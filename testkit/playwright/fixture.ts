/**
 * `test` with the NIM DevTools extension loaded: `context` and `page` come from a Chromium that runs the built
 * extension, and `nimDevtools` reads and drives what it records. A failed test gets each tab's recording
 * attached to its report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  type Page,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestInfo,
  type TestType,
} from '@playwright/test';
import { chromiumExecutable, type ExtensionBrowser, launchWithExtension } from '../browser';
import { findExtensionDir } from './extension-dir';
import { createNimDevtools, type NimDevtools, RECORDING_ATTACHMENT } from './nim-devtools';
import { PageSession } from './page-session';

export interface NimDevtoolsOptions {
  /**
   * The Chromium to run. Otherwise `CHROMIUM_PATH`, else `/usr/bin/chromium` when there is one, else
   * Playwright's own Chromium (`npx playwright install chromium`).
   */
  executablePath?: string;
  /** The unpacked Chrome extension; the one shipped in this package by default. */
  extensionDir?: string;
  /** More Chromium flags. */
  args?: string[];
  /** Default timeout of `waitFor` and of the assertions that wait, ms. 10 000 unless set. */
  timeout?: number;
  /** When each tab's recording goes into the report: `on-failure` (default), `always` or `never`. */
  attachRecording?: 'on-failure' | 'always' | 'never';
}

export interface NimDevtoolsFixtures {
  /** Set with `test.use({ nimDevtoolsOptions: { … } })` or in the config's `use`. */
  nimDevtoolsOptions: NimDevtoolsOptions;
  nimDevtools: NimDevtools;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** What the fixtures share for one browser: the extension and one `PageSession` per page. */
class DevtoolsBrowser {
  private readonly sessions = new WeakMap<Page, PageSession>();
  private readonly devtools = new WeakMap<Page, NimDevtools>();
  readonly version: string;

  constructor(
    readonly extension: ExtensionBrowser,
    extensionDir: string,
    private readonly timeout: number,
  ) {
    this.version = (
      JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { version: string }
    ).version;
  }

  sessionOf(page: Page): PageSession {
    let session = this.sessions.get(page);
    if (!session) {
      session = new PageSession(page, {
        serviceWorker: () => this.extension.serviceWorker(),
        isOnlyPage: () => this.extension.context.pages().length === 1,
      });
      this.sessions.set(page, session);
    }
    return session;
  }

  forPage(page: Page): NimDevtools {
    let devtools = this.devtools.get(page);
    if (!devtools) {
      devtools = createNimDevtools({
        session: this.sessionOf(page),
        version: this.version,
        timeout: this.timeout,
        forPage: (other) => this.forPage(other),
      });
      this.devtools.set(page, devtools);
    }
    return devtools;
  }

  /** One attachment per open tab that recorded something: `nim-devtools-recording.json`, then `-2`, `-3`… */
  async attachRecordings(testInfo: TestInfo): Promise<void> {
    let attached = 0;
    for (const page of this.extension.context.pages()) {
      const name =
        attached === 0 ? RECORDING_ATTACHMENT : RECORDING_ATTACHMENT.replace('.json', `-${attached + 1}.json`);
      try {
        const devtools = this.forPage(page);
        if ((await devtools.events()).length === 0) continue;
        const recording = await devtools.recording();
        await testInfo.attach(name, { body: JSON.stringify(recording, null, 2), contentType: 'application/json' });
        attached++;
      } catch (error) {
        // The test already failed for its own reason; say why its evidence is missing rather than fail again.
        const reason = error instanceof Error ? error.message : String(error);
        await testInfo.attach(name.replace('.json', '-error.txt'), { body: `${page.url()}: ${reason}` });
      }
    }
  }
}

const browsers = new WeakMap<BrowserContext, DevtoolsBrowser>();

/** Named in full so that the declarations point at `@playwright/test`, the package users install. */
export type NimDevtoolsTest = TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & NimDevtoolsFixtures,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions
>;

export const test: NimDevtoolsTest = base.extend<NimDevtoolsFixtures>({
  nimDevtoolsOptions: [{}, { option: true }],

  context: async ({ nimDevtoolsOptions, headless, contextOptions, baseURL, viewport, locale }, use, testInfo) => {
    const extensionDir = nimDevtoolsOptions.extensionDir ?? findExtensionDir(import.meta.url);
    const extension = await launchWithExtension({
      extensionDir,
      headless,
      // Playwright's own headless default is its headless shell, which cannot load extensions: name its full
      // Chromium instead when no other browser is given.
      executablePath: chromiumExecutable(nimDevtoolsOptions.executablePath) ?? chromium.executablePath(),
      args: nimDevtoolsOptions.args,
      // The user's config (baseURL, viewport, locale…) applies to this browser as to Playwright's own.
      contextOptions: { ...contextOptions, baseURL, viewport, locale },
    });
    const browser = new DevtoolsBrowser(extension, extensionDir, nimDevtoolsOptions.timeout ?? DEFAULT_TIMEOUT_MS);
    browsers.set(extension.context, browser);
    await use(extension.context);
    const when = nimDevtoolsOptions.attachRecording ?? 'on-failure';
    if (when === 'always' || (when === 'on-failure' && testInfo.status !== testInfo.expectedStatus)) {
      await browser.attachRecordings(testInfo);
    }
    await extension.close();
  },

  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },

  nimDevtools: async ({ context, page }, use) => {
    const browser = browsers.get(context);
    if (!browser) throw new Error('nim-devtools: `context` is not the fixture’s own (was it overridden?)');
    await use(browser.forPage(page));
  },
});

export { expect } from '@playwright/test';
