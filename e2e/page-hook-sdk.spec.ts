import { type ConsoleMessage, chromium, type Page } from '@playwright/test';
import type { NimEvent } from '../src/model/events';
import { chromiumExecutable, QUIET_FLAGS } from '../testkit/browser';
import { expect, test } from './support/extension';
import {
  callbacksInRecording,
  callbacksSeen,
  callSdk,
  getInstance,
  hookEvents,
  loginOptions,
  openNimApp,
  seenCallbacks,
  waitForCallback,
} from './support/nim';

test.describe('the page hook on the real NIM SDK', () => {
  for (const sdk of ['/sdk/NIM_Web_NIM.js', '/sdk8/NIM_Web_NIM.js']) {
    test(`records one event per real callback through login, drop, reuse, kick and destroy (${sdk})`, async ({
      page,
      fakeNim,
      extension,
    }) => {
      await openNimApp(page, fakeNim, `?sdk=${sdk}`);
      await getInstance(page, 'a', loginOptions(fakeNim, 'alice', { debug: true }));
      await waitForCallback(page, 'onconnect', 1);

      fakeNim.drop('alice');
      await waitForCallback(page, 'onconnect', 2);

      // The same account again: the SDK hands back the singleton with a new token merged in.
      await getInstance(page, 'a2', loginOptions(fakeNim, 'alice', { token: 'second-token-s3cr3t', debug: true }));
      expect(
        await page.evaluate(() =>
          (window as unknown as { app: { same(a: string, b: string): boolean } }).app.same('a', 'a2'),
        ),
      ).toBe(true);

      fakeNim.kick('alice');
      await waitForCallback(page, 'ondisconnect', 1);
      expect(await callSdk(page, 'a2', 'destroy')).toBeNull();

      const seen = await seenCallbacks(page);
      const events = await hookEvents(page);
      // Exactly one event per callback call, in the same order, with the same codes.
      expect(callbacksInRecording(events)).toEqual(callbacksSeen(seen));
      expect(callbacksSeen(seen)).toContain('ondisconnect:kicked');

      const getInstances = events.filter(
        (e): e is Extract<NimEvent, { kind: 'sdk.getInstance' }> => e.kind === 'sdk.getInstance',
      );
      expect(getInstances.map((e) => [e.data.account, e.data.reused])).toEqual([
        ['alice', false],
        ['alice', true],
      ]);
      expect(getInstances[1]?.data.changed).toContain('token');
      expect(getInstances[0]?.data.appKey).not.toContain('0123456789');

      // Every socket the SDK opened is tied to the instance, and so is every SDK event.
      const instanceId = getInstances[0]?.instanceId;
      const socketOpens = events.filter((e) => e.kind === 'ws.open');
      expect(socketOpens.length).toBeGreaterThanOrEqual(2);
      for (const event of socketOpens) expect(event.instanceId).toBe(instanceId);
      for (const event of events.filter((e) => e.kind.startsWith('sdk.') && e.kind !== 'sdk.detected')) {
        expect(event.instanceId).toBe(instanceId);
      }
      const destroy = events.find((e) => e.kind === 'sdk.call' && e.data.method === 'destroy');
      expect(destroy).toBeDefined();
      expect(events.some((e) => e.kind === 'sdk.done' && e.data.method === 'destroy')).toBe(true);

      // No token anywhere: not in the page's recording, not in what the background stored.
      const everything = JSON.stringify(events);
      expect(everything).not.toContain('s3cr3t');
      const worker = await extension.serviceWorker();
      await expect
        .poll(() => worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null))))
        .toContain('sdk.connect');
      const stored = await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
      expect(stored).not.toContain('s3cr3t');
      // The relay refused none of the hook's real events.
      expect(stored).not.toContain('devtools.rejected');
    });
  }

  test('sees an SDK loaded late, and on a page with a strict Content-Security-Policy', async ({ page, fakeNim }) => {
    await openNimApp(page, fakeNim, '?csp=strict');
    await getInstance(page, 'a', loginOptions(fakeNim, 'bob'));
    await waitForCallback(page, 'onconnect', 1);
    const events = await hookEvents(page);
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['sdk.detected', 'sdk.getInstance', 'sdk.connect']),
    );
  });

  test('leaves the page’s own callbacks and console exactly as they were without the extension', async ({
    page,
    fakeNim,
  }) => {
    // The same app run twice, in a browser without the extension and in ours. The SDK writes to the console
    // itself when the app gives no logFunc; the hook must not change a line. Compared from the start to the end of
    // the sync after login (the most talkative part): what follows races the network (a logout's reply is logged
    // or not depending on when the socket closes), with or without the extension. Times and ids differ per run.
    const scenario = async (target: Page) => {
      const lines: string[] = [];
      const record = (message: ConsoleMessage) => {
        // The favicon's 404 lands wherever the network puts it; random device ids and times differ per run.
        if (message.text().startsWith('Failed to load resource')) return;
        lines.push(
          `${message.type()} ${message
            .text()
            .replace(/[0-9a-f]{16,}/g, 'id')
            .replace(/\d+/g, '#')}`,
        );
      };
      target.on('console', record);
      await openNimApp(target, fakeNim);
      const synced = target.waitForEvent('console', (message) => message.text().includes('sync complete'));
      await getInstance(target, 'a', loginOptions(fakeNim, 'carol', { debug: true }));
      await waitForCallback(target, 'onconnect', 1);
      await synced;
      target.off('console', record);
      const end = lines.findIndex((line) => line.includes('sync complete'));
      return { lines: lines.slice(0, end + 1), seen: callbacksSeen(await seenCallbacks(target)) };
    };
    const plain = await chromium.launch({ executablePath: chromiumExecutable(), args: QUIET_FLAGS });
    const without = await scenario(await plain.newPage());
    await plain.close();
    const withHook = await scenario(page);

    expect(withHook.seen).toEqual(without.seen);
    expect(withHook.lines.length).toBeGreaterThan(5);
    expect(withHook.lines).toEqual(without.lines);
    // With the SDK logging to the console, the hook adds no logFunc, so it records no log lines.
    expect((await hookEvents(page)).filter((e) => e.kind === 'sdk.log')).toEqual([]);
  });
});
