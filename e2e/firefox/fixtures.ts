/**
 * Fixtures for the Firefox specs: a stock Firefox with `dist/firefox` installed (puppeteer-core over WebDriver
 * BiDi, see testkit/firefox.ts) and the fake NIM deployment. They never touch Playwright's own browser fixtures,
 * so Playwright's patched Firefox is never needed.
 */
import { resolve } from 'node:path';
import { test as base } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { type FakeNim, startFakeNim } from '../../testkit/fake-nim';
import {
  type FirefoxExtensionBrowser,
  type FirefoxLaunchOptions,
  findFirefox,
  launchFirefoxWithExtension,
} from '../../testkit/firefox';

export const FIREFOX_EXTENSION_DIR = resolve('dist/firefox');

/** The real SDK builds, the e2e pages, and fake-nim's SDK harness page (`/harness/sdk.html`). */
export const STATIC_ROOTS = {
  '/sdk/': resolve('node_modules/@yxim/nim-web-sdk/dist/SDK'),
  '/sdk8/': resolve('node_modules/nim-sdk-8/dist/SDK'),
  '/pages/': resolve('e2e/pages'),
  '/harness/': resolve('testkit/fake-nim/pages'),
};

interface Fixtures {
  /** Per file or describe: `test.use({ firefoxOptions: { locale: 'zh-CN' } })`. */
  firefoxOptions: Omit<FirefoxLaunchOptions, 'extensionDir'>;
  firefox: FirefoxExtensionBrowser;
  /** The first tab of `firefox`. */
  tab: Page;
  fakeNim: FakeNim;
}

export const test = base.extend<Fixtures>({
  firefoxOptions: [{}, { option: true }],
  firefox: async ({ firefoxOptions }, use, testInfo) => {
    // A developer without Firefox still runs the Chromium suite; CI must have one and fails without it.
    testInfo.skip(
      !process.env.CI && !findFirefox(firefoxOptions.executablePath),
      'no Firefox: install firefox-esr or set FIREFOX_PATH',
    );
    const firefox = await launchFirefoxWithExtension({ extensionDir: FIREFOX_EXTENSION_DIR, ...firefoxOptions });
    await use(firefox);
    await firefox.close();
  },
  tab: async ({ firefox }, use) => {
    const [first] = await firefox.browser.pages();
    await use(first ?? (await firefox.newPage()));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
  fakeNim: async ({}, use) => {
    const fake = await startFakeNim({ staticRoots: STATIC_ROOTS });
    await use(fake);
    await fake.close();
  },
});

export { expect } from '@playwright/test';
