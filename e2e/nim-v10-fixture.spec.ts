/**
 * The users' Playwright fixture (`testkit/playwright`) on a page using the real v10 SDK (`nim-web-sdk-ng`,
 * V2 API): what a team on v10 would write in its own e2e tests.
 */
import { type FakeNim, startFakeNim } from '../testkit/fake-nim';
import { test as base, expect } from '../testkit/playwright';
import { STATIC_ROOTS } from './support/extension';
import { openAndLogIn, waitForSeen } from './support/nim10';

const test = base.extend<{ fakeNim: FakeNim }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  fakeNim: async ({}, use) => {
    const fake = await startFakeNim({ staticRoots: STATIC_ROOTS });
    await use(fake);
    await fake.close();
  },
});

test('waitFor, expectState and drop follow a v10 client through login and a dropped connection', async ({
  page,
  fakeNim,
  nimDevtools,
}) => {
  await openAndLogIn(page, fakeNim, 'alice');
  const connected = await nimDevtools.waitFor('sdk.connect');
  expect(connected.data).toMatchObject({ event: 'onLoginStatus', status: 'LOGINED' });
  await nimDevtools.expectState('alice', 'connected');

  expect(await nimDevtools.drop({ account: 'alice' })).toBe(1);
  const waiting = await nimDevtools.waitFor('sdk.willReconnect');
  expect(waiting.data.status).toBe('WAITING');
  await nimDevtools.waitFor('sdk.connect', (e) => e.seq > waiting.seq);
  await nimDevtools.expectState('alice', 'connected');

  fakeNim.kick('alice');
  await nimDevtools.expectState('alice', 'disconnected');
  await nimDevtools.expectNoReconnectAfterKick();
  expect(JSON.stringify(await nimDevtools.recording())).not.toContain('s3cr3t');
});

test('expectNoReconnectAfterKick fails for a v10 app that logs in again on onKickedOffline', async ({
  page,
  fakeNim,
  nimDevtools,
}) => {
  await openAndLogIn(page, fakeNim, 'alice');
  await nimDevtools.expectState('alice', 'connected');
  // The mistake under test: on onKickedOffline, log in again at once.
  await page.evaluate(() => {
    type LoginService = { on(event: string, listener: () => void): void; login(a: string, t: string): Promise<void> };
    const nim = (window as unknown as { NIM: { default: { instance: { V2NIMLoginService: LoginService } } } }).NIM
      .default.instance;
    nim.V2NIMLoginService.on('onKickedOffline', () => {
      nim.V2NIMLoginService.login('alice', 'token-of-alice-s3cr3t').catch(() => {});
    });
  });
  fakeNim.kick('alice');
  await waitForSeen(page, 'onKickedOffline');
  const finding = await nimDevtools.expectFinding('reconnect-after-kick');
  expect(finding.detail.en).toContain('login()');
  await expect(nimDevtools.expectNoReconnectAfterKick()).rejects.toThrow(/after a kick/);
});
