/**
 * A page that attacks the hook (e2e/pages/hostile.js), run through the real hook of the built extension: SDK
 * callbacks and logFunc arguments that throw, trap, cycle and weigh 10 MB; builtins replaced after the hook
 * installed; thieves on the prototypes the private channel goes through. The page must observe exactly what it
 * observes without the extension (a plain Chromium runs the same page first), the hook must call none of the
 * page's replaced builtins, hand out neither its port nor its messages, and keep reporting with bounded events
 * that the relay accepts.
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumExecutable, QUIET_FLAGS } from '../testkit/browser';
import type { FakeNim } from '../testkit/fake-nim';
import { type EchoServer, startEchoServer } from './support/echo-server';
import { expect, test } from './support/extension';
import {
  type AttackReport,
  type DrivenPage,
  expectAttackReported,
  expectBoundedEvents,
  expectUnharmed,
  hostileAttack,
} from './support/hostile';
import { callbacksSeen, getInstance, hookEvents, loginOptions, seenCallbacks, waitForCallback } from './support/nim';

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
  await getInstance(page, 'real', loginOptions(fakeNim, 'eve'));
  await waitForCallback(page, 'onconnect', 1);
  return { ...report, callbacks: callbacksSeen(await seenCallbacks(page)) };
}

test('a hostile page behaves as without the extension; the hook keeps reporting, bounded, and stays private', async ({
  page,
  fakeNim,
  extension,
}) => {
  test.setTimeout(180_000);
  const plain = await chromium.launch({ executablePath: chromiumExecutable(), args: QUIET_FLAGS });
  const without = await attackAndLogin(await plain.newPage(), fakeNim);
  await plain.close();
  const withHook = await attackAndLogin(page, fakeNim);

  expectUnharmed(withHook, without);

  const events = await hookEvents(page);
  expectBoundedEvents(events);
  expectAttackReported(events);
  expect(events.some((event) => event.kind === 'sdk.connect' && event.instanceId !== undefined)).toBe(true);

  // The relay accepted every event (none rejected) and the background stored no secret.
  const worker = await extension.serviceWorker();
  const stored = () => worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  await expect.poll(stored).toContain('eve');
  expect(await stored()).not.toContain('devtools.rejected');
  expect(await stored()).not.toContain('s3cr3t');
});
