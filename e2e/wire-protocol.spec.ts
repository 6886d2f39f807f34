/**
 * Zero-config on real apps: an app that bundles the real SDK (esbuild, no global, no `register()`) is seen
 * through NIM's own link protocol on its sockets, in the real DevTools panel, for the binary framing (9.21) and
 * socket.io text (8.9).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from '@playwright/test';
import { build } from 'esbuild';
import type { NimEvent } from '../src/model/events';
import { startFakeNim } from '../testkit/fake-nim';
import { test as base, expect, STATIC_ROOTS } from './support/extension';
import { APP_KEY, getInstance, type HookedWindow, hookEvents, loginOptions, openNimApp } from './support/nim';
import { openAndLogIn, otherOptions, tokenOf } from './support/nim10';
import { diagnosticRules, instanceRows, showView } from './support/panel';
import { dropFile, importInPanel, pageAsPanel } from './support/recordings';

const SDKS = [
  { name: '9.21 (binary)', module: '@yxim/nim-web-sdk', file: 'v9', socketPath: '/websocket' },
  { name: '8.9 (socket.io)', module: 'nim-sdk-8', file: 'v8', socketPath: '/socket.io/1/websocket/' },
] as const;
/** The v10 SDK's V2 API, bundled: it logs in with 26_3 and is kicked with 26_9. */
const V10 = { module: 'nim-web-sdk-ng', file: 'v10', entry: 'e2e/pages/bundled-v10-app.js' };

let bundles = '';

base.beforeAll(async () => {
  bundles = await mkdtemp(join(tmpdir(), 'nim-bundled-'));
  for (const sdk of [...SDKS.map((classic) => ({ ...classic, entry: 'e2e/pages/bundled-app.js' })), V10]) {
    await build({
      entryPoints: [sdk.entry],
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
    expect(await panel.evaluate<string>('document.documentElement.outerHTML')).not.toContain('s3cr3t');
  });
}

test('a bundled v10 app (V2 API): instance, connect, reconnect, kick and 302 from the wire', async ({
  page,
  fakeNim,
  openPanel,
}) => {
  await page.goto(`${fakeNim.httpUrl}/bundled/v10.html`);
  const globals = await page.evaluate(() => ['NIM', 'SDK'].map((name) => typeof Reflect.get(window, name)));
  expect(globals).toEqual(['undefined', 'undefined']);
  const panel = await openPanel(page);
  const login = (account: string) =>
    connect(page, {
      account,
      token: tokenOf(account),
      init: { appkey: APP_KEY, apiVersion: 'v2', isAbtestEnable: false },
      other: otherOptions(fakeNim),
    });
  const wireConnects = async () =>
    wireEvents(await hookEvents(page)).filter((event) => event.kind === 'sdk.connect').length;

  await login('alice');
  await expect.poll(() => instanceRows(panel), { timeout: 20_000 }).toEqual([{ account: 'alice', state: 'connected' }]);
  fakeNim.drop('alice');
  await expect.poll(wireConnects, { timeout: 20_000 }).toBe(2);
  fakeNim.kick('alice');
  await waitForCallback(page, 'alice', 'onKickedOffline');
  fakeNim.setLoginResponse('bob', 302);
  await login('bob');
  await waitForCallback(page, 'bob', 'loginRejected');
  await expect
    .poll(() => instanceRows(panel))
    .toEqual([
      { account: 'alice', state: 'disconnected' },
      { account: 'bob', state: 'disconnected' },
    ]);

  const events = await hookEvents(page);
  expect(
    wireEvents(events).map((e) => `${e.kind}${e.kind === 'sdk.disconnect' ? `:${String(e.data.code)}` : ''}`),
  ).toEqual([
    'sdk.getInstance',
    'sdk.connect',
    'sdk.willReconnect',
    'sdk.connect',
    'sdk.disconnect:kicked',
    'sdk.getInstance',
    'sdk.disconnect:302',
  ]);
  const kick = events.find((e) => e.kind === 'sdk.disconnect' && e.data.code === 'kicked');
  expect(kick?.data).toMatchObject({ reason: 'samePlatformKick', from: 'Web', via: 'wire' });
  expect(JSON.stringify(events)).not.toContain('s3cr3t');
  // v10 beats at once after its login: the heartbeats are counted, in the traffic and on the socket's row.
  expect(events.some((e) => e.kind === 'ws.traffic' && (e.data.heartbeats ?? 0) > 0)).toBe(true);
  await showView(panel, 'sockets');
  const beats = await panel.evaluate<number[]>(
    `[...document.querySelectorAll('[data-heartbeats]')].map((cell) => Number(cell.dataset.heartbeats))`,
  );
  expect(beats.some((count) => count > 0)).toBe(true);
});

test('an SDK the hook instruments (9.21 global, v10 global) gets no second instance from the wire, only detail', async ({
  page,
  fakeNim,
}) => {
  await openNimApp(page, fakeNim);
  await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
  await expect.poll(async () => (await hookEvents(page)).filter((e) => e.kind === 'sdk.connect').length).toBe(1);
  fakeNim.kick('alice');
  await expect.poll(async () => (await hookEvents(page)).filter((e) => e.kind === 'sdk.disconnect').length).toBe(1);
  const classic = await hookEvents(page);

  expect(await openAndLogIn(page, fakeNim, 'bob')).toEqual({ ok: null });
  const v10 = await hookEvents(page);

  // The wire adds to the API's instance only what its callbacks leave out: the login reply's code, who kicked.
  const detail = (events: NimEvent[]) =>
    wireEvents(events).map((e) => (e.kind === 'sdk.status' ? `${e.data.event}:${e.data.status}` : e.kind));
  expect(detail(classic)).toEqual(['login reply:200', 'kicked:samePlatformKick']);
  expect(wireEvents(classic).at(-1)?.data).toMatchObject({ detail: { from: 'Web' } });
  expect(detail(v10)).toEqual(['login reply:200']);
  for (const events of [classic, v10]) {
    const instances = new Set(events.filter((e) => e.kind === 'sdk.getInstance').map((e) => e.instanceId));
    expect(instances.size).toBe(1);
    expect(wireEvents(events).every((e) => e.kind === 'sdk.status')).toBe(true);
    for (const event of events.filter((e) => e.kind.startsWith('sdk.') && e.kind !== 'sdk.detected')) {
      expect(instances).toContain(event.instanceId);
    }
  }
});

/**
 * Records a page's WebSocket frames over CDP, as DevTools' Network panel does, and writes them the way its
 * "Save all as HAR with content" does: an entry per socket with `_webSocketMessages`, times in epoch seconds,
 * binary frames base64 with opcode 2.
 */
async function recordWebSockets(cdp: CDPSession) {
  const sockets = new Map<string, { url: string; wallTime: number; timestamp: number; messages: unknown[] }>();
  const frame =
    (type: 'send' | 'receive') =>
    (event: { requestId: string; timestamp: number; response: { opcode: number; payloadData: string } }) => {
      const socket = sockets.get(event.requestId);
      if (!socket) return;
      const time = socket.wallTime + (event.timestamp - socket.timestamp);
      socket.messages.push({ type, time, opcode: event.response.opcode, data: event.response.payloadData });
    };
  // Created (with the URL) comes first, then the handshake (with the wall clock the frames' times are offsets from).
  const urls = new Map<string, string>();
  cdp.on('Network.webSocketCreated', (event) => urls.set(event.requestId, event.url));
  cdp.on('Network.webSocketWillSendHandshakeRequest', (event) => {
    const url = urls.get(event.requestId) ?? '';
    sockets.set(event.requestId, { url, wallTime: event.wallTime, timestamp: event.timestamp, messages: [] });
  });
  cdp.on('Network.webSocketFrameSent', frame('send'));
  cdp.on('Network.webSocketFrameReceived', frame('receive'));
  await cdp.send('Network.enable');
  return (pageUrl: string) =>
    JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ startedDateTime: new Date().toISOString(), id: 'page_1', title: pageUrl, pageTimings: {} }],
        entries: [...sockets.values()].map((socket) => ({
          startedDateTime: new Date(socket.wallTime * 1000).toISOString(),
          time: 0,
          request: {
            method: 'GET',
            url: socket.url,
            httpVersion: 'HTTP/1.1',
            headers: [],
            queryString: [],
            cookies: [],
          },
          response: { status: 101, statusText: 'Switching Protocols', headers: [], cookies: [], content: { size: 0 } },
          _resourceType: 'websocket',
          _webSocketMessages: socket.messages,
        })),
      },
    });
}

const STATIC_VIEWER = resolve('dist/viewer/index.html');

test('a HAR of a real session, captured over CDP, shows the live instances and findings in the panel and the static viewer', async ({
  page,
  context,
  fakeNim,
  openPanel,
}, testInfo) => {
  const harOf = await recordWebSockets(await context.newCDPSession(page));
  await page.goto(`${fakeNim.httpUrl}/bundled/v9.html`);
  const panel = await openPanel(page);
  await connect(page, loginOptions(fakeNim, 'alice'));
  await waitForCallback(page, 'alice', 'onconnect');
  fakeNim.drop('alice');
  await waitForCallback(page, 'alice', 'onconnect', 2);
  fakeNim.kick('alice');
  await waitForCallback(page, 'alice', 'ondisconnect');
  fakeNim.setLoginResponse('bob', 302);
  await connect(page, loginOptions(fakeNim, 'bob'));
  await waitForCallback(page, 'bob', 'ondisconnect');
  await expect.poll(async () => (await instanceRows(panel)).length).toBe(2);
  const live = { instances: await instanceRows(panel), rules: (await diagnosticRules(panel)).sort() };
  expect(live.instances).toEqual([
    { account: 'alice', state: 'disconnected' },
    { account: 'bob', state: 'disconnected' },
  ]);
  // The 302 is a finding: the comparison below covers findings, not only rows.
  expect(live.rules).toContain('disconnect-code');

  const har = harOf(page.url());
  // The HAR holds the login frames, token included: the import must drop it.
  const frames = (JSON.parse(har) as { log: { entries: { _webSocketMessages: { data: string }[] }[] } }).log.entries
    .flatMap((entry) => entry._webSocketMessages)
    .map((message) => Buffer.from(message.data, 'base64').toString('latin1'));
  expect(frames.some((frame) => frame.includes('s3cr3t'))).toBe(true);
  const harPath = testInfo.outputPath('session.har');
  await writeFile(harPath, har);

  await importInPanel(panel, 'session.har', har);
  await expect
    .poll(() =>
      // The name of the opened file, or what the import said instead.
      panel.evaluate(`(document.querySelector('[data-testid="recording-name"]') ??
        document.querySelector('[data-testid="import-error"]'))?.textContent`),
    )
    .toBe('session.har');
  expect({ instances: await instanceRows(panel), rules: (await diagnosticRules(panel)).sort() }).toEqual(live);
  await showView(panel, 'timeline');
  expect(await panel.evaluate<string>('document.documentElement.outerHTML')).not.toContain('s3cr3t');

  // The static viewer, from disk: no extension, no server.
  const viewer = await context.newPage();
  await viewer.goto(pathToFileURL(STATIC_VIEWER).href);
  await viewer.getByTestId('import-file').setInputFiles(harPath);
  await expect(viewer.getByTestId('recording-name')).toHaveText('session.har');
  const shown = pageAsPanel(viewer);
  expect({ instances: await instanceRows(shown), rules: (await diagnosticRules(shown)).sort() }).toEqual(live);
  expect(await viewer.evaluate(() => document.documentElement.outerHTML)).not.toContain('s3cr3t');

  // A HAR without NIM, dropped on the viewer, says so, and the viewer keeps the file it had open.
  await dropFile(viewer, 'other.har', JSON.stringify({ log: { version: '1.2', entries: [] } }));
  await expect(viewer.getByTestId('import-error')).toHaveAttribute('data-code', 'no-nim');
  await expect(viewer.getByTestId('recording-name')).toHaveText('session.har');
});
