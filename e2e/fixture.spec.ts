/**
 * The users' Playwright fixture (`testkit/playwright`, shipped as `nim-devtools/playwright`) from its sources,
 * on the real SDK against the fake deployment: what a NIM team's own e2e test would do with it.
 */
import { parseRecording } from '../src/recording/parse';
import { type FakeNim, startFakeNim } from '../testkit/fake-nim';
import { test as base, expect } from '../testkit/playwright';
import { STATIC_ROOTS } from './support/extension';
import { getInstance, loginOptions, openNimApp } from './support/nim';

const test = base.extend<{ fakeNim: FakeNim }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  fakeNim: async ({}, use) => {
    const fake = await startFakeNim({ staticRoots: STATIC_ROOTS });
    await use(fake);
    await fake.close();
  },
});

test('follows a session through a dropped connection and a reload, and exports it', async ({
  page,
  fakeNim,
  nimDevtools,
}) => {
  await openNimApp(page, fakeNim);
  await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
  const connected = await nimDevtools.waitFor('sdk.connect');
  await nimDevtools.expectState('alice', 'connected');

  // The fault goes through the page API to the real socket; the SDK's own reconnect logic does the rest.
  expect(await nimDevtools.drop({ account: 'alice' })).toBe(1);
  const retry = await nimDevtools.waitFor('sdk.willReconnect', (e) => e.instanceId === connected.instanceId);
  expect(retry.data.retryCount).toBe(1);
  await nimDevtools.waitFor('sdk.connect', (e) => e.seq > retry.seq);
  await nimDevtools.expectState('alice', 'connected');
  expect((await nimDevtools.events('fault.start')).map((e) => [e.data.fault, e.data.by])).toEqual([['drop', 'page']]);
  expect(await nimDevtools.events('ws.close')).toHaveLength(1);

  // A reload: the tab's session keeps the first document; the page API only knows the new one.
  await page.reload();
  await page.evaluate(() => (window as unknown as { app: { loaded: Promise<void> } }).app.loaded);
  await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
  await nimDevtools.waitFor('sdk.connect', (e) => e.instanceId !== connected.instanceId);
  await nimDevtools.expectState('alice', 'connected');
  expect(await nimDevtools.events('page.navigate')).toHaveLength(2);
  expect(await nimDevtools.events('page.navigate', { scope: 'document' })).toEqual([]);
  const documentConnects = await nimDevtools.events('sdk.connect', { scope: 'document' });
  expect(documentConnects).toHaveLength(1);
  const session = await nimDevtools.session();
  expect([...session.instances.values()].map((i) => [i.account, i.state])).toEqual([
    ['alice', 'connected'],
    ['alice', 'connected'],
  ]);

  await page.evaluate(() =>
    (window as unknown as { app: { call(n: string, m: string): Promise<unknown> } }).app.call('a', 'disconnect'),
  );
  await nimDevtools.expectState('alice', 'disconnected');
  await nimDevtools.expectNoLingeringSockets();
  await nimDevtools.expectNoReconnectAfterKick();
  await nimDevtools.expectNoFindings({ severity: 'error' });

  // The export is what the panel writes: a v1 recording our own reader accepts, with no token in it.
  const recording = await nimDevtools.recording();
  const parsed = parseRecording(JSON.stringify(recording));
  expect(parsed.ok).toBe(true);
  expect(recording.page.url).toBe(page.url());
  expect(recording.events.length).toBe((await nimDevtools.events()).length);
  expect(JSON.stringify(recording)).not.toContain('s3cr3t');
  const masked = await nimDevtools.recording({ redaction: { maskAccounts: true } });
  expect(JSON.stringify(masked.events)).not.toContain('alice');
});

test('reports what the panel reports: an app that reconnects after being kicked', async ({
  page,
  fakeNim,
  nimDevtools,
}) => {
  await openNimApp(page, fakeNim);
  // The mistake under test: on `kicked`, connect again at once.
  await page.evaluate(
    (options) => {
      const app = (window as unknown as { app: { getInstance(...a: unknown[]): void; call(...a: unknown[]): unknown } })
        .app;
      app.getInstance('a', {
        ...options,
        ondisconnect: (event: { code?: unknown }) => {
          if (event.code === 'kicked') setTimeout(() => app.call('a', 'connect', false), 10);
        },
      });
    },
    loginOptions(fakeNim, 'alice'),
  );
  await nimDevtools.expectState('alice', 'connected');
  await fakeNim.waitForLogin('alice');

  fakeNim.kick('alice');
  const finding = await nimDevtools.expectFinding('reconnect-after-kick');
  expect(finding.severity).toBe('error');
  await expect(nimDevtools.expectNoReconnectAfterKick()).rejects.toThrow(/reconnect-after-kick/);
  expect((await nimDevtools.diagnostics()).map((f) => f.rule)).toContain('reconnect-after-kick');
});

test('drives a second tab of the same browser through forPage', async ({ context, page, fakeNim, nimDevtools }) => {
  await openNimApp(page, fakeNim);
  await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
  const other = await context.newPage();
  await openNimApp(other, fakeNim);
  await getInstance(other, 'b', loginOptions(fakeNim, 'bob'));

  const bobs = nimDevtools.forPage(other);
  await bobs.expectState('bob', 'connected');
  await nimDevtools.expectState('alice', 'connected');
  // Each tab is its own session.
  expect((await bobs.events('sdk.getInstance')).map((e) => e.data.account)).toEqual(['bob']);
  expect((await nimDevtools.events('sdk.getInstance')).map((e) => e.data.account)).toEqual(['alice']);

  // Faults hit one tab only.
  await bobs.offline(5000);
  expect(await bobs.drop()).toBe(1);
  await bobs.expectState('bob', 'reconnecting');
  await nimDevtools.expectState('alice', 'connected');
  expect(await nimDevtools.events('fault.start')).toEqual([]);
});
