/**
 * The real NIM panel, in the real DevTools window, on a page using the real v10 SDK (V2 API): its clients are
 * instances in the same states and test ids as v9's, its enums and codes are shown by name and explained.
 */
import { expect, test } from './support/extension';
import { hookEvents } from './support/nim';
import { createClient, login, openAndLogIn, otherOptions, v2Options, waitForSeen } from './support/nim10';
import { instanceRows, searchTimeline } from './support/panel';

test.use({ devtools: true });

test('v10 clients in the panel: connected, reconnected after a server close, kicked with its reason, 302 explained, no token', async ({
  page,
  fakeNim,
  openPanel,
}) => {
  await openAndLogIn(page, fakeNim, 'alice');
  const panel = await openPanel(page);
  await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'alice', state: 'connected' }]);

  fakeNim.drop('alice');
  await waitForSeen(page, 'onLoginStatus', 2, 1);
  await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'alice', state: 'connected' }]);

  fakeNim.kick('alice');
  await waitForSeen(page, 'onKickedOffline');
  fakeNim.setLoginResponse('bob', 302);
  await createClient(page, 'b', v2Options(), otherOptions(fakeNim), { how: 'new' });
  await login(page, 'b', 'bob');
  await expect
    .poll(() => instanceRows(panel))
    .toEqual([
      { account: 'alice', state: 'disconnected' },
      { account: 'bob', state: 'disconnected' },
    ]);
  const rows = await panel.evaluate<string[]>(
    `[...document.querySelectorAll('[data-testid="instance"]')].map((row) => row.textContent)`,
  );
  expect(rows[0]).toContain('CLIENT_EXCLUSIVE');
  expect(rows[1]).toMatch(/302/);

  // The V2 statuses are in the timeline by name, searchable.
  expect(await searchTimeline(panel, 'LOGINED')).toContain('sdk.connect');
  expect(await searchTimeline(panel, 'WAITING')).toContain('sdk.willReconnect');
  expect(await searchTimeline(panel, 'onDataSync')).toContain('sdk.status');

  // No token in what the panel shows or what the hook recorded.
  const shown = await panel.evaluate<string>('document.body.innerText');
  expect(shown).not.toContain('s3cr3t');
  expect(JSON.stringify(await hookEvents(page))).not.toContain('s3cr3t');
});
