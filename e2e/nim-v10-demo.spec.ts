/**
 * The demo's v10 page (`npm start` → demo/v10.html): its situations play out on the real nim-web-sdk-ng against
 * the fake deployment and the demo's control server, and the hook sees what they are meant to show.
 */
import { resolve } from 'node:path';
import { startControlServer } from '../scripts/demo/control-server';
import { startFakeNim } from '../testkit/fake-nim';
import { expect, test } from './support/extension';
import { hookEvents } from './support/nim';

test('the v10 situations: login, kicked, flaky network', async ({ page }) => {
  const fake = await startFakeNim({
    staticRoots: { '/demo/': resolve('demo'), '/sdk10/': resolve('node_modules/nim-web-sdk-ng/dist/v2') },
  });
  const control = await startControlServer({
    fake,
    appKey: 'demoappkey0123456789abcdef012345',
    pageOrigin: fake.httpUrl,
  });
  try {
    await page.goto(`${fake.httpUrl}/demo/v10.html?control=${encodeURIComponent(control.url)}`);
    await expect(page.getByTestId('demo-status')).toHaveAttribute('data-state', 'ready');
    for (const scenario of ['v2-login', 'v2-kicked', 'v2-flaky-network']) {
      const button = page.locator(`button[data-scenario="${scenario}"]`);
      await button.click();
      await expect(button).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    }
    const events = await hookEvents(page);
    const disconnects = events.flatMap((e) => (e.kind === 'sdk.disconnect' ? [[e.data.code, e.data.reason]] : []));
    expect(disconnects).toContainEqual(['kicked', 'CLIENT_EXCLUSIVE']);
    const waiting = events.filter((e) => e.kind === 'sdk.willReconnect');
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    const accounts = events.flatMap((e) =>
      e.kind === 'sdk.call' && e.data.method === 'login' ? [e.data.account] : [],
    );
    expect(accounts).toEqual(['alice', 'carol', 'dave']);
  } finally {
    await control.close();
    await fake.close();
  }
});
