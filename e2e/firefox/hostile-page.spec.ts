/**
 * The page that attacks the hook (e2e/pages/hostile.js, see e2e/hostile-page.spec.ts) in Firefox, where the
 * hook runs as a MAIN-world content script and the relay behind Xray wrappers: the page observes what it
 * observes in a Firefox without the extension, the hook calls none of the page's replaced builtins and hands out
 * nothing of its channel, and its bounded events reach the event page.
 */
import type { Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import type { NimEvent } from '../../src/model/events';
import type { FakeNim } from '../../testkit/fake-nim';
import { firefoxExecutable } from '../../testkit/firefox';
import { type EchoServer, startEchoServer } from '../support/echo-server';
import {
  type AttackReport,
  type DrivenPage,
  expectAttackReported,
  expectBoundedEvents,
  expectUnharmed,
  hostileAttack,
} from '../support/hostile';
import { type HookedWindow, loginOptions } from '../support/nim';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 180_000 });

interface AppWindow {
  app: { getInstance(name: string, options: object): void; seen: { callback: string }[] };
}

let echo: EchoServer;

test.beforeAll(async () => {
  echo = await startEchoServer();
});

test.afterAll(async () => {
  await echo?.close();
});

/** The attack, then a real-SDK login with the builtins still replaced; what the page saw. */
async function attackAndLogin(page: Page, fakeNim: FakeNim): Promise<AttackReport & { callbacks: string[] }> {
  const report = await hostileAttack(page as DrivenPage, `${fakeNim.httpUrl}/pages/hostile.html`, echo.wsUrl);
  await page.evaluate(
    (options) => (window as unknown as AppWindow).app.getInstance('real', options),
    loginOptions(fakeNim, 'eve'),
  );
  await page.waitForFunction(
    () => (window as unknown as AppWindow).app.seen.some((seen) => seen.callback === 'onconnect'),
    { timeout: 20_000 },
  );
  const callbacks = await page.evaluate(() => (window as unknown as AppWindow).app.seen.map((seen) => seen.callback));
  return { ...report, callbacks };
}

test('Firefox: a hostile page behaves as without the extension; the hook keeps reporting and stays private', async ({
  firefox,
  tab,
  fakeNim,
}) => {
  const plain = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxExecutable(), headless: true });
  const without = await attackAndLogin(await plain.newPage(), fakeNim);
  await plain.close();
  const withHook = await attackAndLogin(tab, fakeNim);

  expectUnharmed(withHook, without);

  const events = await tab.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.events());
  expectBoundedEvents(events as NimEvent[]);
  expectAttackReported(events as NimEvent[]);

  // The event page stored the session: every event accepted, no secret.
  const extensionPage = await firefox.openExtensionPage('extension/viewer.html');
  const stored = () =>
    extensionPage.evaluate(async () =>
      JSON.stringify(await (globalThis as unknown as FirefoxGlobal).browser.storage.session.get(null)),
    );
  await expect.poll(stored).toContain('eve');
  expect(await stored()).not.toContain('devtools.rejected');
  expect(await stored()).not.toContain('s3cr3t');
});

interface FirefoxGlobal {
  browser: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
}
