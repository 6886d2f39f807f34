import type { Page } from '@playwright/test';
import type { NimEvent } from '../src/model/events';
import type { ExtensionBrowser } from '../testkit/browser';
import { expect, test } from './support/extension';

/** Every event the background holds for the tabs of this browser (one tab in these tests). */
async function storedEvents(extension: ExtensionBrowser): Promise<NimEvent[]> {
  const worker = await extension.serviceWorker();
  return worker.evaluate(async () => {
    const all = (await chrome.storage.session.get(null)) as Record<string, unknown>;
    return Object.entries(all)
      .filter(([key]) => /^tab:\d+:\d+$/.test(key))
      .flatMap(([, chunk]) => JSON.parse(chunk as string) as NimEvent[])
      .sort((a, b) => a.seq - b.seq);
  });
}

async function waitForClose(page: Page) {
  await page.waitForFunction(() => (window as unknown as { socketClosed?: boolean }).socketClosed === true);
}

test('an iframe’s sockets join its tab’s session, labelled by frame, without a navigation marker', async ({
  page,
  fakeNim,
  extension,
}) => {
  await page.goto(`${fakeNim.httpUrl}/pages/with-frame.html?ws=${fakeNim.linkAddress}`);
  await expect.poll(async () => (await storedEvents(extension)).filter((e) => e.kind === 'ws.open').length).toBe(2);
  const events = await storedEvents(extension);
  const frames = events.filter((e) => e.kind === 'ws.open').map((e) => e.frameId);
  expect(frames).toContain(0);
  expect(frames.find((frameId) => frameId !== 0)).toBeGreaterThan(0);
  // Only the top document is a navigation; the frame's document joins the same session.
  expect(events.filter((e) => e.kind === 'page.navigate').map((e) => e.frameId)).toEqual([0]);
});

test('back/forward cache: a restored page gets a marker saying so, and its events are kept', async ({
  page,
  fakeNim,
  extension,
}) => {
  const first = `${fakeNim.httpUrl}/pages/closed-socket.html?ws=${fakeNim.linkAddress}`;
  await page.goto(first);
  await waitForClose(page);
  await page.click('#away');
  await page.waitForURL(/inline-socket/);
  // A restore from the cache fires no load event: wait for the commit only.
  await page.goBack({ waitUntil: 'commit' });
  await expect
    .poll(async () => (await storedEvents(extension)).filter((e) => e.kind === 'page.navigate').map((e) => e.data))
    .toEqual([
      { url: first, title: 'a socket opened and closed' },
      expect.objectContaining({ url: expect.stringContaining('inline-socket.html') }),
      { url: first, title: 'a socket opened and closed', restoredFromCache: true },
    ]);
  // The first visit's own close (1000, "done") is still in the session.
  const closes = (await storedEvents(extension)).filter((e) => e.kind === 'ws.close').map((e) => e.data);
  expect(closes).toContainEqual({ code: 1000, reason: 'done', wasClean: true });
});
