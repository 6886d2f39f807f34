/**
 * The e2e suite's fixtures: a Chromium with the built extension (`dist/chrome`), the real DevTools panel on
 * demand, and the fake NIM deployment serving the test pages and the real SDK.
 */
import { resolve } from 'node:path';
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { type ExtensionBrowser, launchWithExtension } from '../../testkit/browser';
import { openNimPanel, type PanelHandle } from '../../testkit/devtools-panel';

export const EXTENSION_DIR = resolve('dist/chrome');

interface Fixtures {
  /** Set per file with `test.use({ devtools: true })` when a test drives the real DevTools panel. */
  devtools: boolean;
  extension: ExtensionBrowser;
  context: BrowserContext;
  page: Page;
  /** Opens the real NIM panel in the DevTools window of `page` (requires `devtools: true`). */
  openPanel: (page: Page) => Promise<PanelHandle>;
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
