/**
 * Zero-config on real apps: an app that bundles the real SDK (esbuild, no global, no `register()`) is seen
 * through NIM's own link protocol on its sockets, in the real DevTools panel, for the binary framing (9.21) and
 * socket.io text (8.9).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import type { NimEvent } from '../src/model/events';
import { startFakeNim } from '../testkit/fake-nim';
import { test as base, expect, STATIC_ROOTS } from './support/extension';
import { type HookedWindow, hookEvents, loginOptions } from './support/nim';
import { instanceRows, showView } from './support/panel';

const SDKS = [
  { name: '9.21 (binary)', module: '@yxim/nim-web-sdk', file: 'v9', socketPath: '/websocket' },
  { name: '8.9 (socket.io)', module: 'nim-sdk-8', file: 'v8', socketPath: '/socket.io/1/websocket/' },
] as const;

let bundles = '';

base.beforeAll(async () => {
  bundles = await mkdtemp(join(tmpdir(), 'nim-bundled-'));
  for (const sdk of SDKS) {
    await build({
      entryPoints: ['e2e/pages/bundled-app.js'],
      bundle: true,
      format: 'iife',
      alias: { 'nim-sdk': sdk.module },
      outfile: join(bundles, `${sdk.file}.js`),
      logLevel: 'silent',
    });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundled ${sdk.file}</title><script src="${sdk.file}.js"></script></head><body>bundled app</body></html>`;
    await writeFile(join(bundles, `${sdk.file}.html`), html);
  }
});

base.afterAll(async () => {
  if (bundles) await rm(bundles, { recursive: true, force: true });
});

/** The suite's fake deployment, also serving the bundles built above at `/bundled/`. */
const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  fakeNim: async ({}, use) => {
    const fake = await startFakeNim({ staticRoots: { ...STATIC_ROOTS, '/bundled/': bundles } });
    await use(fake);
    await fake.close();
  },
});

test.use({ devtools: true });

interface Seen {
  account: string;
  callback: string;
  data: { code?: unknown } | null;
}

function seen(page: Page): Promise<Seen[]> {
  return page.evaluate(() => (window as unknown as { app: { seen: Seen[] } }).app.seen);
}

async function waitForCallback(page: Page, account: string, callback: string, count = 1): Promise<void> {
  await expect
    .poll(async () => (await seen(page)).filter((s) => s.account === account && s.callback === callback).length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(count);
}

function connect(page: Page, options: Record<string, unknown>): Promise<void> {
  return page.evaluate((o) => (window as unknown as { app: { connect(o: unknown): void } }).app.connect(o), options);
}

const wireEvents = (events: NimEvent[]) =>
  events.filter((event) => event.kind.startsWith('sdk.') && 'via' in event.data && event.data.via === 'wire');

for (const sdk of SDKS) {
  test(`a bundled ${sdk.name} app: instance, connect, reconnect, kick and 302 from the wire`, async ({
    page,
    fakeNim,
    openPanel,
  }) => {
    await page.goto(`${fakeNim.httpUrl}/bundled/${sdk.file}.html`);
    // A bundled SDK sets no global: only the wire can tell the hook about it.
    const globals = await page.evaluate(() => ['NIM', 'SDK'].map((name) => typeof Reflect.get(window, name)));
    expect(globals).toEqual(['undefined', 'undefined']);
    const panel = await openPanel(page);

    await connect(page, loginOptions(fakeNim, 'alice'));
    await waitForCallback(page, 'alice', 'onconnect');
    await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'alice', state: 'connected' }]);

    // The server closes the link: the SDK reconnects on a new socket, the same instance.
    fakeNim.drop('alice');
    await waitForCallback(page, 'alice', 'onconnect', 2);
    await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'alice', state: 'connected' }]);

    fakeNim.kick('alice');
    await waitForCallback(page, 'alice', 'ondisconnect');
    await expect.poll(() => instanceRows(panel)).toEqual([{ account: 'alice', state: 'disconnected' }]);

    fakeNim.setLoginResponse('bob', 302);
    await connect(page, loginOptions(fakeNim, 'bob'));
    await waitForCallback(page, 'bob', 'ondisconnect');
    await expect
      .poll(() => instanceRows(panel))
      .toEqual([
        { account: 'alice', state: 'disconnected' },
        { account: 'bob', state: 'disconnected' },
      ]);
    const disconnects = await panel.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="instance"]')].map((row) => row.children[7].textContent)`,
    );
    expect(disconnects[0]).toContain('kicked');
    expect(disconnects[1]).toContain('302');
    // The rows say where they were seen: on the wire.
    expect(
      await panel.evaluate(`[...document.querySelectorAll('[data-testid="instance"]')].map((row) => row.dataset.via)`),
    ).toEqual(['wire', 'wire']);

    // What the hook recorded: every lifecycle step from the wire, on the sockets of the link.
    const events = await hookEvents(page);
    const alice = events.find((e) => e.kind === 'sdk.getInstance' && e.data.account === 'alice')?.instanceId;
    expect(
      wireEvents(events)
        .filter((e) => e.instanceId === alice)
        .map((e) => `${e.kind}${e.kind === 'sdk.disconnect' ? `:${String(e.data.code)}` : ''}`),
    ).toEqual(['sdk.getInstance', 'sdk.connect', 'sdk.willReconnect', 'sdk.connect', 'sdk.disconnect:kicked']);
    const kick = events.find((e) => e.kind === 'sdk.disconnect' && e.data.code === 'kicked');
    expect(kick?.data).toMatchObject({ reason: 'samePlatformKick', from: 'Web', willReconnect: false, via: 'wire' });
    const bobRefused = events.find((e) => e.kind === 'sdk.disconnect' && e.data.code === 302);
    expect(bobRefused?.data).toMatchObject({ via: 'wire', willReconnect: false });
    const linkSockets = events.filter((e) => e.kind === 'ws.create' && e.data.url.includes(sdk.socketPath));
    expect(linkSockets.length).toBeGreaterThanOrEqual(3);
    // The SDK's own page callbacks agree with what the wire said.
    expect((await seen(page)).filter((s) => s.callback === 'ondisconnect').map((s) => s.data?.code)).toEqual([
      'kicked',
      302,
    ]);

    // No token anywhere: not in the page's recording, not in the panel.
    const recording = await page.evaluate(() =>
      JSON.stringify((window as unknown as HookedWindow).__NIM_DEVTOOLS__.recording()),
    );
    expect(recording).not.toContain('s3cr3t');
    await showView(panel, 'timeline');
    expect(await panel.evaluate<string>('document.body.innerText')).not.toContain('s3cr3t');
  });
}
