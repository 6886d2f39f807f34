import { HOOK_SOURCE } from '../src/model/protocol';
import { expect, test } from './support/extension';
import { getInstance, hookEvents, loginOptions, openNimApp, waitForCallback } from './support/nim';
import { countIn, eventCount, instanceRows, searchTimeline, stopServiceWorker } from './support/panel';

test.use({ devtools: true });

test('a panel opened late shows the whole session, through a worker restart and a reload', async ({
  page,
  fakeNim,
  extension,
  openPanel,
}) => {
  await openNimApp(page, fakeNim);
  await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
  await waitForCallback(page, 'onconnect', 1);

  // Opened after the fact: everything since the document started is there (+1: the navigation marker).
  const panel = await openPanel(page);
  await expect.poll(async () => (await eventCount(panel)) - (await hookEvents(page)).length).toBe(1);
  expect(await instanceRows(panel)).toEqual([{ account: 'alice', state: 'connected' }]);

  // Chrome stops the worker; meanwhile the connection drops and the SDK reconnects.
  await stopServiceWorker(extension);
  fakeNim.drop('alice');
  await waitForCallback(page, 'onconnect', 2);
  await expect.poll(async () => (await eventCount(panel)) - (await hookEvents(page)).length).toBe(1);
  expect(await searchTimeline(panel, 'sdk.willReconnect')).not.toEqual([]);
  const beforeReload = await eventCount(panel);

  // A reload keeps the earlier document's events behind a navigation marker ("preserve log").
  await page.reload();
  await page.evaluate(() => (window as unknown as { app: { loaded: Promise<void> } }).app.loaded);
  await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
  await waitForCallback(page, 'onconnect', 1);
  await expect
    .poll(async () => (await eventCount(panel)) - (await hookEvents(page)).length)
    .toBeGreaterThanOrEqual(beforeReload + 1);
  expect(await searchTimeline(panel, 'page.navigate')).toEqual(['page.navigate', 'page.navigate']);
  const instances = await instanceRows(panel);
  expect(instances.map((i) => i.account)).toEqual(['alice', 'alice']);
  expect(instances.at(-1)?.state).toBe('connected');
});

test('two tabs stay apart, and a page forging messages only earns a rejected count', async ({
  context,
  page,
  fakeNim,
  openPanel,
}) => {
  await openNimApp(page, fakeNim, '?tab=a');
  await getInstance(page, 'a', loginOptions(fakeNim, 'alice'));
  const other = await context.newPage();
  await openNimApp(other, fakeNim, '?tab=b');
  await getInstance(other, 'b', loginOptions(fakeNim, 'bob'));
  await waitForCallback(page, 'onconnect', 1);
  await waitForCallback(other, 'onconnect', 1);

  // Tab B turns hostile: forged envelopes on window, a spoofed tab id, deep nesting, huge strings, a flood.
  await other.evaluate((source) => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 100; i++) cursor = cursor.next = {} as Record<string, unknown>;
    const forged = [
      { source, version: 1, type: 'events', doc: 'zzzz', events: [{ kind: 'sdk.connect', tabId: 1 }] },
      { source, version: 99, type: 'hello' },
      { source, type: 'events', events: [{ kind: 'sdk.disconnect', data: deep }] },
      JSON.parse('{"__proto__": {"polluted": true}, "source": "nim-devtools-hook"}'),
    ];
    window.postMessage({ source, type: 'events', events: [{ kind: 'sdk.log', data: { text: 'x'.repeat(5e6) } }] }, '*');
    for (let i = 1; i < 20_000; i++) window.postMessage(forged[i % forged.length], '*');
  }, HOOK_SOURCE);

  const panelA = await openPanel(page);
  const panelB = await openPanel(other);
  await expect.poll(() => countIn(panelB, 'rejected-count')).toBe(20_000);
  expect(await instanceRows(panelB)).toEqual([{ account: 'bob', state: 'connected' }]);
  expect(await instanceRows(panelA)).toEqual([{ account: 'alice', state: 'connected' }]);
  expect(await countIn(panelA, 'rejected-count')).toBe(0);
  await expect.poll(async () => (await eventCount(panelB)) - (await hookEvents(other)).length).toBe(2); // marker + reject report
  await expect.poll(async () => (await eventCount(panelA)) - (await hookEvents(page)).length).toBe(1);
});
