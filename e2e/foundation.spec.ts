import { expect, test } from './support/extension';
import type { HookedWindow } from './support/nim';

test.describe('the built extension', () => {
  test('installs the page hook before the first inline script of a page', async ({ page, fakeNim }) => {
    await page.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    expect(await page.evaluate(() => (window as unknown as { hookWasFirst: boolean }).hookWasFirst)).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const api = (window as unknown as HookedWindow).__NIM_DEVTOOLS__;
          return api.recording().events.map((event) => event.kind);
        }),
      )
      .toContain('ws.open');
  });
});

test.describe('in the real DevTools window', () => {
  test.use({ devtools: true });

  test('adds a panel titled NIM that renders', async ({ page, fakeNim, openPanel }) => {
    await page.goto(`${fakeNim.httpUrl}/pages/inline-socket.html?ws=${fakeNim.linkAddress}`);
    const panel = await openPanel(page);
    await expect.poll(() => panel.evaluate(`!!document.querySelector('[data-testid="panel-root"]')`)).toBe(true);
  });
});
