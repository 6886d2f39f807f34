/**
 * The Connections view in the real DevTools panel, on the real SDK logged into the fake deployment: one lane per
 * instance whose segments follow what the SDK did (kicked, dropped and back, destroyed), marks on the lanes, a
 * click that shows the event in the timeline, a brush that narrows the timeline, and the image exports.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/extension';
import { callSdk, getInstance, type HookedWindow, loginOptions, openNimApp, type SeenCallback } from './support/nim';
import { countIn, type PanelLike, showView } from './support/panel';
import { pageAsPanel } from './support/recordings';

test.use({ devtools: true });

/** Waits until the app's instance `name` has seen `count` calls of `callback`. */
function waitFor(page: Page, name: string, callback: SeenCallback['callback'], count = 1) {
  return page.waitForFunction(
    ([n, cb, c]) =>
      (window as unknown as { app: { seen: SeenCallback[] } }).app.seen.filter((s) => s.name === n && s.callback === cb)
        .length >= c,
    [name, callback, count] as const,
    { timeout: 20_000 },
  );
}

const lane = (account: string) => `document.querySelector('[data-testid="lane"][data-account="${account}"]')`;

/** The states of the lane's segments, left to right, with their times (ms since the session's first event). */
function segments(panel: PanelLike, account: string) {
  return panel.evaluate<{ state: string; from: number; to: number }[]>(
    `[...(${lane(account)}?.querySelectorAll('[data-testid="lane-segment"]') ?? [])].map((s) => ({
      state: s.dataset.state, from: Number(s.dataset.from), to: Number(s.dataset.to) }))`,
  );
}

function markKinds(panel: PanelLike, account: string) {
  return panel.evaluate<string[]>(
    `[...(${lane(account)}?.querySelectorAll('[data-testid="lane-mark"]') ?? [])].map((m) => m.dataset.kind)`,
  );
}

const states = async (panel: PanelLike, account: string) => (await segments(panel, account)).map((s) => s.state);

test('a lane per instance: kicked ends disconnected, dropped reconnects between two connected, destroyed ends destroyed', async ({
  page,
  fakeNim,
  openPanel,
}) => {
  await openNimApp(page, fakeNim);
  const panel = await openPanel(page);
  await showView(panel, 'connections');
  await expect.poll(() => panel.evaluate(`!!document.querySelector('[data-testid="lanes-empty"]')`)).toBe(true);

  for (const [name, account] of [
    ['a', 'alice'],
    ['b', 'bob'],
    ['c', 'carol'],
  ] as const) {
    await getInstance(page, name, loginOptions(fakeNim, account));
    await waitFor(page, name, 'onconnect');
  }
  fakeNim.kick('alice');
  await waitFor(page, 'a', 'ondisconnect');
  fakeNim.drop('bob');
  await waitFor(page, 'b', 'onwillreconnect');
  await waitFor(page, 'b', 'onconnect', 2);
  expect(await callSdk(page, 'c', 'destroy')).toBeNull();

  // The view follows live events: no reload, no click.
  await expect.poll(() => states(panel, 'carol')).toEqual(['connecting', 'connected', 'destroyed']);
  expect(await states(panel, 'alice')).toEqual(['connecting', 'connected', 'disconnected']);
  const bob = await states(panel, 'bob');
  const reconnecting = bob.indexOf('reconnecting');
  expect(bob.slice(0, 2)).toEqual(['connecting', 'connected']);
  expect(bob[reconnecting - 1]).toBe('connected');
  expect(bob.slice(reconnecting + 1)).toContain('connected');
  expect(bob.at(-1)).toBe('connected');

  const lanes = await panel.evaluate<{ account: string; instance: string }[]>(
    `[...document.querySelectorAll('[data-testid="lane"]')].map((l) => ({ account: l.dataset.account, instance: l.dataset.instance }))`,
  );
  expect(lanes.map((l) => l.account)).toEqual(['alice', 'bob', 'carol']);
  expect(new Set(lanes.map((l) => l.instance)).size).toBe(3);

  // Segments are contiguous and in time order, from the session's first event on.
  const aliceSegments = await segments(panel, 'alice');
  for (let i = 1; i < aliceSegments.length; i++) {
    expect(aliceSegments[i]?.from).toBeGreaterThanOrEqual(aliceSegments[i - 1]?.from ?? 0);
  }
  expect(aliceSegments[0]?.from).toBeGreaterThanOrEqual(0);
  expect(await markKinds(panel, 'alice')).toEqual(['sdk.getInstance', 'sdk.disconnect']);
  // A dropped link is no disconnect for the SDK: it only says it will reconnect.
  expect(await markKinds(panel, 'bob')).toEqual(['sdk.getInstance']);
  // Every lane has its sockets beneath it: bob's second socket came with the reconnect.
  const sockets = await panel.evaluate<number>(`${lane('bob')}.querySelectorAll('[data-testid="lane-socket"]').length`);
  expect(sockets).toBe(2);

  // Click the kick: the timeline opens on that event.
  const kickSeq = await panel.evaluate<string>(
    `${lane('alice')}.querySelector('[data-testid="lane-mark"][data-kind="sdk.disconnect"]').dataset.seq`,
  );
  await panel.evaluate(`(() => {
    const mark = ${lane('alice')}.querySelector('[data-testid="lane-mark"][data-kind="sdk.disconnect"]');
    const box = mark.getBoundingClientRect();
    const at = { bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + 2, button: 0, pointerId: 1 };
    mark.dispatchEvent(new PointerEvent('pointerdown', at));
    mark.dispatchEvent(new PointerEvent('pointerup', at));
  })()`);
  await expect
    .poll(() => panel.evaluate(`document.querySelector('[data-testid="panel-root"]').dataset.view`))
    .toBe('timeline');
  await expect
    .poll(() => panel.evaluate(`document.querySelector('[data-testid="event"][aria-selected="true"]')?.dataset.seq`))
    .toBe(kickSeq);
});

test('an injected fault and the navigation are marked; a brush narrows the timeline; the view saves and copies itself', async ({
  page,
  fakeNim,
  openPanel,
}) => {
  await openNimApp(page, fakeNim);
  await getInstance(page, 'a', loginOptions(fakeNim, 'dave'));
  await waitFor(page, 'a', 'onconnect');
  // The SDK syncs right after its login, and a drop during the sync ends in a real `ondisconnect` (Sync_Error, see
  // nim-sdk.md) that this test is not about: wait for the sync's request, and a moment for its reply.
  await expect.poll(() => fakeNim.requests().some((request) => request.sid === 5 && request.cid === 1)).toBe(true);
  await page.waitForTimeout(1000);
  // The page API's drop with no target: a real close of every socket, and a fault.start for the whole page.
  await page.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.drop());
  await waitFor(page, 'a', 'onconnect', 2);

  const panel = await openPanel(page);
  await expect.poll(() => countIn(panel, 'event-count')).toBeGreaterThan(5);
  const all = await countIn(panel, 'event-count');
  await showView(panel, 'connections');
  await expect.poll(() => states(panel, 'dave')).toContain('reconnecting');
  expect(await markKinds(panel, 'dave')).toEqual(['sdk.getInstance']);
  // The fault and the page's load are marked across every lane, outside any one of them.
  const pageMarks = await panel.evaluate<string[]>(
    `[...document.querySelectorAll('svg [data-testid="lane-mark"]')].filter((m) => !m.closest('[data-testid="lane"]')).map((m) => m.dataset.kind)`,
  );
  expect(pageMarks).toEqual(['page.navigate', 'fault.start']);

  // Drag over the first half of the axis: the timeline shows only the events of that span.
  await panel.evaluate(`(() => {
    const axis = document.querySelector('[data-testid="lanes-axis"]');
    const box = axis.getBoundingClientRect();
    const at = (x) => ({ bubbles: true, clientX: x, clientY: box.y + box.height / 2, button: 0, pointerId: 1 });
    axis.dispatchEvent(new PointerEvent('pointerdown', at(box.x + 1)));
    axis.dispatchEvent(new PointerEvent('pointermove', at(box.x + box.width / 2)));
    axis.dispatchEvent(new PointerEvent('pointerup', at(box.x + box.width / 2)));
  })()`);
  await expect.poll(() => panel.evaluate(`!!document.querySelector('[data-testid="lanes-brush"]')`)).toBe(true);
  await showView(panel, 'timeline');
  await expect.poll(() => panel.evaluate(`!!document.querySelector('[data-testid="span-filter"]')`)).toBe(true);
  // The status line reads "N events · M shown".
  const [total = 0, shown = 0] = await panel.evaluate<number[]>(
    `(document.querySelector('[data-testid="event-count"]').textContent.match(/[\\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')))`,
  );
  expect(total).toBeGreaterThanOrEqual(all);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(total);
  await panel.evaluate(`document.querySelector('[data-testid="span-clear"]').click()`);
  await expect.poll(() => panel.evaluate(`!!document.querySelector('[data-testid="span-filter"]')`)).toBe(false);

  // The exports run in the panel: the SVG is made, the PNG drawn from it, the copy lands somewhere.
  await showView(panel, 'connections');
  for (const [button, said] of [
    ['lanes-save-svg', /\.svg$/],
    ['lanes-save-png', /\.png$/],
    ['lanes-copy', /^(Image copied|Copied as SVG text)$/],
  ] as const) {
    await panel.evaluate(`document.querySelector('[data-testid="${button}"]').click()`);
    await expect
      .poll(() => panel.evaluate<string>(`document.querySelector('[data-testid="lanes-status"]')?.textContent ?? ''`))
      .toMatch(said);
  }
});

test('a recording in the standalone viewer shows the same lanes; the real mouse hovers, drags and zooms; the mask hides the account', async ({
  page,
  context,
  fakeNim,
}) => {
  await openNimApp(page, fakeNim);
  await getInstance(page, 'a', loginOptions(fakeNim, 'erin'));
  await waitFor(page, 'a', 'onconnect');
  fakeNim.kick('erin');
  await waitFor(page, 'a', 'ondisconnect');
  const recording = await page.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.recording());

  // The static viewer, from disk: no extension, no server.
  const viewer = await context.newPage();
  await viewer.goto(pathToFileURL(resolve('dist/viewer/index.html')).href);
  await viewer.getByTestId('import-file').setInputFiles({
    name: 'erin.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(recording)),
  });
  await viewer.getByTestId('tab-connections').click();
  const shown = pageAsPanel(viewer);
  expect(await states(shown, 'erin')).toEqual(['connecting', 'connected', 'disconnected']);

  const connected = viewer.locator('[data-testid="lane-segment"][data-state="connected"]');
  await connected.hover();
  await expect(viewer.getByTestId('lanes-tooltip')).toContainText('sdk.connect');

  // Wheel over the chart zooms in, a drag pans back to the session's start.
  const axisLabels = () => viewer.locator('.lanes-tick').allTextContents();
  const before = await axisLabels();
  await viewer.mouse.wheel(0, -300);
  await expect.poll(axisLabels).not.toEqual(before);
  const box = await viewer.getByTestId('lanes-axis').boundingBox();
  if (!box) throw new Error('no time axis');
  await viewer.mouse.move(box.x + 20, box.y + 60);
  await viewer.mouse.down();
  await viewer.mouse.move(box.x + box.width - 20, box.y + 60, { steps: 5 });
  await viewer.mouse.up();
  await expect.poll(async () => (await axisLabels())[0]).toMatch(/^0(\.0+)? s$/);
  // Zoomed in at the session's start: the lane's first state, and only what the window shows.
  expect((await states(shown, 'erin'))[0]).toBe('connecting');

  // A real drag on the axis narrows the timeline.
  await viewer.mouse.move(box.x + 10, box.y + box.height / 2);
  await viewer.mouse.down();
  await viewer.mouse.move(box.x + box.width / 3, box.y + box.height / 2, { steps: 5 });
  await viewer.mouse.up();
  await expect(viewer.getByTestId('lanes-brush')).toBeVisible();
  await expect(viewer.getByTestId('span-filter')).toBeVisible();

  await viewer.getByTestId('mask-identities').check();
  await expect(viewer.locator('[data-testid="lane"]')).toHaveAttribute('data-account', 'account-1');
  await viewer.getByTestId('lanes-fit').click();
  await viewer.locator('[data-testid="lane-mark"][data-kind="sdk.getInstance"]').hover();
  await expect(viewer.getByTestId('lanes-tooltip')).toContainText('account-1');
  await expect(viewer.getByTestId('lanes-tooltip')).not.toContainText('erin');
  expect(await countIn(shown, 'event-count')).toBe(recording.events.length);
});
