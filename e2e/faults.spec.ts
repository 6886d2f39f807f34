import type { Page } from '@playwright/test';
import type { NimEvent } from '../src/model/events';
import { expect, test } from './support/extension';
import {
  callSdk,
  getInstance,
  type HookedWindow,
  hookEvents,
  loginOptions,
  openNimApp,
  seenCallbacks,
  waitForCallback,
} from './support/nim';
import { searchTimeline, showView } from './support/panel';

/** The page API's faults, called from the test as the page itself would. */
const faults = (page: Page) => ({
  drop: () => page.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.drop()),
  offline: (ms: number) => page.evaluate((d) => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.offline(d), ms),
  stall: (ms: number) => page.evaluate((d) => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.stall(d), ms),
});

const kindsWithData = (events: NimEvent[], kind: NimEvent['kind']) =>
  events.filter((e) => e.kind === kind).map((e) => e.data as Record<string, unknown>);

test.describe('fault injection on the real SDK', () => {
  test('drop really closes the socket: the server sees it go and the SDK reconnects on its own', async ({
    page,
    fakeNim,
  }) => {
    await openNimApp(page, fakeNim);
    await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
    await waitForCallback(page, 'onconnect', 1);

    expect(await faults(page).drop()).toBe(1);
    await waitForCallback(page, 'onwillreconnect', 1);
    await waitForCallback(page, 'onconnect', 2);

    // The server saw the first socket close and a second login: a real fault, not a faked event.
    const connections = fakeNim.connections().filter((c) => c.account === 'alice');
    expect(connections.map((c) => c.open)).toEqual([false, true]);
    expect(fakeNim.logins().filter((l) => l.account === 'alice')).toHaveLength(2);

    const events = await hookEvents(page);
    expect(kindsWithData(events, 'fault.start')).toEqual([expect.objectContaining({ fault: 'drop', by: 'page' })]);
    expect(kindsWithData(events, 'ws.close')[0]).toEqual({ code: 1006, reason: '', wasClean: false });
  });

  test('offline: new sockets fail like a dead network, the SDK backs off, then recovers', async ({ page, fakeNim }) => {
    test.setTimeout(90_000);
    await openNimApp(page, fakeNim);
    await getInstance(page, 'a', loginOptions(fakeNim, 'bob'));
    await waitForCallback(page, 'onconnect', 1);
    const connectionsBefore = fakeNim.connections().length;

    await faults(page).offline(6_000);
    faults(page).drop();
    // Attempts at ~1.6 s and ~4.8 s fail without reaching the server; the one after the fault ends succeeds.
    await waitForCallback(page, 'onwillreconnect', 3, 30_000);
    expect(fakeNim.connections().length).toBe(connectionsBefore);
    await waitForCallback(page, 'onconnect', 2, 30_000);

    const seen = await seenCallbacks(page);
    const delays = seen.filter((s) => s.callback === 'onwillreconnect').map((s) => Number(s.data?.duration));
    // The SDK's own backoff ran: each wait longer than the last (1.6 s, ~3.2 s, ~6.4 s).
    expect(delays.slice(0, 3)).toEqual([...delays.slice(0, 3)].sort((a, b) => a - b));
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    const events = await hookEvents(page);
    expect(kindsWithData(events, 'fault.end').map((d) => d.fault)).toContain('offline');
    expect(kindsWithData(events, 'ws.error').length).toBeGreaterThanOrEqual(2);
  });

  test('stall: held replies make the SDK’s command time out, then it closes and reconnects', async ({
    page,
    fakeNim,
  }) => {
    test.setTimeout(90_000);
    await openNimApp(page, fakeNim);
    await getInstance(page, 'a', loginOptions(fakeNim, 'carol'));
    await waitForCallback(page, 'onconnect', 1);

    await faults(page).stall(30_000);
    // A request whose answer the stall holds back: the SDK's 8 s command timeout fires.
    const answer = callSdk(page, 'a', 'getServerTime');
    await waitForCallback(page, 'onwillreconnect', 1, 40_000);
    expect(await answer).not.toBeNull();
    const events = await hookEvents(page);
    expect(kindsWithData(events, 'fault.start')).toEqual([
      expect.objectContaining({ fault: 'stall', durationMs: 30_000 }),
    ]);
  });
});

test.describe('fault injection from the real DevTools panel', () => {
  test.use({ devtools: true });

  test('Drop on an instance closes its socket for real; the page itself cannot command the hook', async ({
    page,
    fakeNim,
    openPanel,
  }) => {
    await openNimApp(page, fakeNim);
    await getInstance(page, 'a', loginOptions(fakeNim, 'dora'));
    await waitForCallback(page, 'onconnect', 1);

    // A page that forges the relay's handshake gets a port nobody listens to: no fault happens.
    await page.evaluate(() => {
      const channel = new MessageChannel();
      window.postMessage({ source: 'nim-devtools-relay', version: 1, type: 'connect' }, '*', [channel.port2]);
      channel.port1.postMessage({ type: 'fault', fault: 'drop' });
    });

    const panel = await openPanel(page);
    await showView(panel, 'instances');
    const row = `document.querySelector('[data-testid="instance"][data-account="dora"]')`;
    await expect.poll(() => panel.evaluate(`!!${row}`)).toBe(true);
    await panel.evaluate(`${row}.click()`);
    await expect.poll(() => panel.evaluate(`!!document.querySelector('[data-testid="fault-drop"]')`)).toBe(true);
    expect(kindsWithData(await hookEvents(page), 'fault.start')).toEqual([]);

    await panel.evaluate(`document.querySelector('[data-testid="fault-drop"]').click()`);
    await waitForCallback(page, 'onwillreconnect', 1);
    await waitForCallback(page, 'onconnect', 2);
    expect(
      fakeNim
        .connections()
        .filter((c) => c.account === 'dora')
        .map((c) => c.open),
    ).toEqual([false, true]);
    const started = kindsWithData(await hookEvents(page), 'fault.start');
    expect(started).toEqual([expect.objectContaining({ fault: 'drop', by: 'panel' })]);
    await expect.poll(async () => (await searchTimeline(panel, 'fault.start')).length).toBe(1);
  });
});
