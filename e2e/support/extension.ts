/**
 * The e2e suite's fixtures: a Chromium with the built extension (`dist/chrome`), the real DevTools panel on
 * demand, and the fake NIM deployment serving the test pages and the real SDK.
 */
import { resolve } from 'node:path';
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { type ExtensionBrowser, launchWithExtension } from '../../testkit/browser';
import { openNimPanel, type PanelHandle } from '../../testkit/devtools-panel';
import { type FakeNim, startFakeNim } from '../../testkit/fake-nim';

export const EXTENSION_DIR = resolve('dist/chrome');

/** What the fake deployment serves: the real SDK builds and the e2e pages. */
export const STATIC_ROOTS = {
  '/sdk/': resolve('node_modules/@yxim/nim-web-sdk/dist/SDK'),
  '/sdk8/': resolve('node_modules/nim-sdk-8/dist/SDK'),
  '/sdk10/': resolve('node_modules/nim-web-sdk-ng/dist/v2'),
  '/pages/': resolve('e2e/pages'),
};

interface Fixtures {
  /** Set per file with `test.use({ devtools: true })` when a test drives the real DevTools panel. */
  devtools: boolean;
  extension: ExtensionBrowser;
  context: BrowserContext;
  page: Page;
  /** Opens the real NIM panel in the DevTools window of `page` (requires `devtools: true`). */
  openPanel: (page: Page) => Promise<PanelHandle>;
  /** The fake NIM deployment (LBS, link server) that also serves `/sdk/`, `/sdk8/`, `/sdk10/` and `/pages/`. */
  fakeNim: FakeNim;
}

export const test = base.extend<Fixtures>({
  devtools: [false, { option: true }],
  extension: async ({ devtools }, use) => {
    const browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, devtools });
    await use(browser);
    await browser.close();
  },
  context: async ({ extension }, use) => {
    await use(extension.context);
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  fakeNim: async ({}, use) => {
    const fake = await startFakeNim({ staticRoots: STATIC_ROOTS });
    await use(fake);
    await fake.close();
  },
  openPanel: async ({ extension, devtools }, use) => {
    const opened: PanelHandle[] = [];
    await use(async (page) => {
      if (!devtools) throw new Error('openPanel needs test.use({ devtools: true })');
      const panel = await openNimPanel({
        userDataDir: extension.userDataDir,
        extensionId: extension.extensionId,
        pageUrl: page.url(),
      });
      opened.push(panel);
      return panel;
    });
    for (const panel of opened) panel.close();
  },
});

export { expect } from '@playwright/test';
