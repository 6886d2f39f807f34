/**
 * Under load, on the real SDK against the fake deployment: a long debug session overflows the page hook's buffer
 * and still exports how it began (retention by importance), and a reconnect storm shows one diagnostic row per
 * problem with a count, not one row per drop.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { NimEvent } from '../src/model/events';
import { parseRecording } from '../src/recording';
import { expect, test } from './support/extension';
import { type HookedWindow, loginOptions, openNimApp, waitForCallback } from './support/nim';
import { countIn, showView } from './support/panel';
import { allowDownloads, clickLikeAUser, nextDownload, readDownload } from './support/recordings';

/** The hook's buffer (RING_CAPACITY in src/hook/install.ts). */
const HOOK_BUFFER = 10_000;

test.use({ devtools: true });

/**
 * Logs in from inside the page (functions cannot cross `page.evaluate`), keeping the instance as
 * `window.nims[account]` and its callbacks in the app's `seen` list. `debug`: with `debug: true` and a logFunc,
 * as a developer chasing a bug runs it. `reloginOnKick`: the app connects again as soon as it is kicked (what
 * two tabs of one account do to each other).
 */
function loginInPage(page: Page, options: Record<string, unknown>, mode: 'debug' | 'reloginOnKick') {
  return page.evaluate(
    ([given, how]) => {
      type Nim = { connect(): void; sendText(options: unknown): void };
      const win = window as unknown as {
        NIM: { getInstance(options: unknown): Nim };
        app: { seen: unknown[] };
        nims?: Record<string, Nim>;
      };
      const account = String(given.account);
      const record = (callback: string) => (data: unknown) => {
        win.app.seen.push({ name: account, callback, data: null });
        if (how === 'reloginOnKick' && (data as { code?: unknown } | undefined)?.code === 'kicked') {
          setTimeout(() => win.nims?.[account]?.connect(), 50);
        }
      };
      const ignore = () => {};
      win.nims ??= {};
      win.nims[account] = win.NIM.getInstance({
        ...given,
        ...(how === 'debug'
          ? { debug: true, logFunc: { debug: ignore, log: ignore, info: ignore, warn: ignore, error: ignore } }
          : {}),
        onconnect: record('onconnect'),
        onwillreconnect: record('onwillreconnect'),
        ondisconnect: record('ondisconnect'),
      });
    },
    [options, mode] as const,
  );
}

/** Short messages the fake deployment never answers: each one the SDK logs (with `debug`) as it sends it. */
function sendMessages(page: Page, count: number) {
  return page.evaluate((n) => {
    const nim = (window as unknown as { nims: Record<string, { sendText(options: unknown): void }> }).nims.dave;
    for (let i = 0; i < n; i++) nim?.sendText({ scene: 'p2p', to: 'erin', text: `hi ${i}`, done: () => {} });
  }, count);
}

function lifecycleOf(events: readonly NimEvent[], account: string) {
  const instance = events.find((e) => e.kind === 'sdk.getInstance' && e.data.account === account);
  return {
    getInstance: instance,
    connect: events.find((e) => e.kind === 'sdk.connect' && e.instanceId === instance?.instanceId),
    create: events.find((e) => e.kind === 'ws.create' && e.data.url.includes('/websocket')),
  };
}

test('a long debug session still exports its getInstance, connect and socket, and says what it dropped', async ({
  page,
  fakeNim,
  openPanel,
}) => {
  test.setTimeout(240_000);
  await openNimApp(page, fakeNim);
  await loginInPage(page, loginOptions(fakeNim, 'dave'), 'debug');
  await waitForCallback(page, 'onconnect', 1);

  // Until the hook's buffer has overflowed more than once over: thousands of sends, each logged.
  await expect
    .poll(
      async () => {
        await sendMessages(page, 500);
        return page.evaluate(
          () =>
            (window as unknown as HookedWindow).__NIM_DEVTOOLS__.events().filter((e) => e.kind === 'devtools.dropped')
              .length,
        );
      },
      { timeout: 180_000, intervals: [0] },
    )
    .toBeGreaterThanOrEqual(2);

  const recording = await page.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.recording());
  const parsed = parseRecording(JSON.stringify(recording));
  if (!parsed.ok) throw new Error(`the page's recording does not read back: ${parsed.error.message}`);
  const events = parsed.recording.events;
  expect(events.length).toBeLessThanOrEqual(HOOK_BUFFER);
  const { getInstance, connect, create } = lifecycleOf(events, 'dave');
  expect(getInstance, 'sdk.getInstance').toBeDefined();
  expect(connect, 'sdk.connect').toBeDefined();
  expect(create, 'ws.create').toBeDefined();
  const dropped = events.filter((e) => e.kind === 'devtools.dropped');
  const last = dropped[dropped.length - 1];
  if (last?.kind !== 'devtools.dropped') throw new Error('no dropped marker');
  expect(last.data.where).toBe('page');
  expect(Object.keys(last.data.byKind ?? {}).every((kind) => kind === 'sdk.log' || kind === 'ws.traffic')).toBe(true);
  const byKind = last.data.byKind ?? {};
  expect(Object.values(byKind).reduce((sum, n) => sum + n, 0)).toBe(last.data.count);
  expect(byKind['sdk.log']).toBeGreaterThan(HOOK_BUFFER / 2);
  // The newest logs are there too: the buffer gives up the oldest.
  expect(events.filter((e) => e.kind === 'sdk.log').length).toBeGreaterThan(HOOK_BUFFER / 2);

  // The panel holds what the background stored, says what the page dropped, by kind, and exports the lifecycle.
  const panel = await openPanel(page);
  await expect.poll(() => countIn(panel, 'dropped-count')).toBeGreaterThan(HOOK_BUFFER);
  expect(
    await panel.evaluate<string>(`document.querySelector('[data-testid="dropped-count"]').parentElement.title`),
  ).toMatch(/^sdk\.log [\d,]+/);
  const downloads = mkdtempSync(join(tmpdir(), 'nim-devtools-downloads-'));
  try {
    await allowDownloads(panel, downloads);
    await clickLikeAUser(panel, 'export');
    const exported = parseRecording(readDownload(downloads, await nextDownload(downloads)));
    if (!exported.ok) throw new Error(`the export does not read back: ${exported.error.message}`);
    const fromPanel = lifecycleOf(exported.recording.events, 'dave');
    expect(fromPanel.getInstance?.data).toEqual(getInstance?.data);
    expect(fromPanel.connect, 'sdk.connect in the export').toBeDefined();
    expect(fromPanel.create, 'ws.create in the export').toBeDefined();
  } finally {
    rmSync(downloads, { recursive: true, force: true });
  }
});

test('a kick-and-relogin storm is one diagnostic row per account with a count, not one row per kick', async ({
  page,
  fakeNim,
  openPanel,
}) => {
  test.setTimeout(120_000);
  const accounts = ['ann', 'ben', 'cat'];
  const kicks = 5;
  await openNimApp(page, fakeNim);
  for (const account of accounts) await loginInPage(page, loginOptions(fakeNim, account), 'reloginOnKick');
  // Kicked after every login, and back at once: the storm two tabs of one account make.
  for (let round = 1; round <= kicks; round++) {
    for (const account of accounts) {
      await expect.poll(() => fakeNim.logins().filter((login) => login.account === account).length).toBe(round);
      await waitForCallback(page, 'onconnect', accounts.length * (round - 1) + accounts.indexOf(account) + 1);
      fakeNim.kick(account);
    }
  }
  await waitForCallback(page, 'onconnect', accounts.length * (kicks + 1));

  const panel = await openPanel(page);
  await showView(panel, 'diagnostics');
  const read = () =>
    panel.evaluate<{ rule: string; count: number }[]>(
      `[...document.querySelectorAll('[data-testid="diagnostic"]')].map((row) => ({ rule: row.dataset.rule, count: Number(row.dataset.count) }))`,
    );
  await expect.poll(async () => (await read()).filter((row) => row.rule === 'reconnect-after-kick').length).toBe(3);
  const rows = await read();
  // One row per account, each counting every kick it came back from.
  expect(rows.filter((row) => row.rule === 'reconnect-after-kick').map((row) => row.count)).toEqual([
    kicks,
    kicks,
    kicks,
  ]);
  expect(rows.length).toBeLessThan(accounts.length * kicks);
  // The row's detail says how often and lists every kick's evidence.
  await panel.evaluate(
    `document.querySelector('[data-testid="diagnostic"][data-rule="reconnect-after-kick"]').focus()`,
  );
  expect(
    await panel.evaluate<string>(`document.querySelector('[data-testid="diagnostic-occurrences"]').textContent`),
  ).toContain(`${kicks} times`);
  expect(
    await panel.evaluate<number>(
      `document.querySelectorAll('[data-testid="diagnostic-detail"] [data-testid="evidence"]').length`,
    ),
  ).toBeGreaterThanOrEqual(kicks);
});
