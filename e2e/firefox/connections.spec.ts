/**
 * Firefox parity for the Connections view: the real SDK logs in and is kicked, and the extension's panel page (as
 * a tab, over WebDriver BiDi) draws the instance as a lane that follows it, live.
 */
import { expect, test } from './fixtures';

// Firefox starts in 4–10 s here.
test.describe.configure({ timeout: 120_000 });

const APP_KEY = '0123456789abcdef0123456789abcdef';

interface PageWindow {
  harness: { loaded: Promise<void>; connect(options: Record<string, unknown>): void };
}

const ALICE_STATES = `[...document.querySelectorAll('[data-testid="lane"][data-account="alice"] [data-testid="lane-segment"]')]
  .map((segment) => segment.dataset.state)`;

test('Firefox: the Connections view draws the real SDK’s instance as a lane and follows its kick', async ({
  firefox,
  tab,
  fakeNim,
}) => {
  await tab.goto(`${fakeNim.httpUrl}/harness/sdk.html`);
  await tab.evaluate(() => (window as unknown as PageWindow).harness.loaded);
  await tab.evaluate((options) => (window as unknown as PageWindow).harness.connect(options), {
    appKey: APP_KEY,
    account: 'alice',
    token: 'token-s3cr3t',
    db: false,
    dbLog: false,
    privateConf: fakeNim.privateConf(),
  });
  await fakeNim.waitForLogin('alice', 20_000);

  const panel = await firefox.openExtensionPage(`extension/panel.html?tabId=${await firefox.tabIdOf(tab)}`);
  await panel.click('[data-testid="tab-connections"]');
  await expect.poll(() => panel.evaluate(ALICE_STATES)).toEqual(['connecting', 'connected']);
  fakeNim.kick('alice');
  await expect.poll(() => panel.evaluate(ALICE_STATES)).toEqual(['connecting', 'connected', 'disconnected']);
  expect(
    await panel.evaluate(
      `[...document.querySelectorAll('[data-testid="lane"][data-account="alice"] [data-testid="lane-mark"]')].map((m) => m.dataset.kind)`,
    ),
  ).toEqual(['sdk.getInstance', 'sdk.disconnect']);
});
