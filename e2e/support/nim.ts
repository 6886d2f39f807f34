/** Helpers for e2e tests that drive the real NIM SDK in `e2e/pages/nim-app.html` against the fake deployment. */
import type { Page } from '@playwright/test';
import type { NimDevtoolsPageApi } from '../../src/hook/page-api';
import type { NimEvent } from '../../src/model/events';
import type { Recording } from '../../src/recording';
import type { FakeNim } from '../../testkit/fake-nim';

export const APP_KEY = 'fakeappkey0123456789abcdef012345';

export interface SeenCallback {
  name: string;
  callback: 'onconnect' | 'onwillreconnect' | 'ondisconnect' | 'onerror';
  data: Record<string, unknown> | null;
}

export async function openNimApp(page: Page, fakeNim: FakeNim, query = ''): Promise<void> {
  await page.goto(`${fakeNim.httpUrl}/pages/nim-app.html${query}`);
  await page.evaluate(() => (window as unknown as { app: { loaded: Promise<void> } }).app.loaded);
}

/** SDK options that log `account` into the fake deployment; `extra` overrides. */
export function loginOptions(fakeNim: FakeNim, account: string, extra: Record<string, unknown> = {}) {
  return {
    appKey: APP_KEY,
    account,
    token: `token-of-${account}-s3cr3t`,
    db: false,
    dbLog: false,
    privateConf: fakeNim.privateConf(),
    ...extra,
  };
}

export function getInstance(page: Page, name: string, options: Record<string, unknown>, flavour = 'NIM') {
  return page.evaluate(
    ([n, o, f]) => (window as unknown as { app: { getInstance(...a: unknown[]): void } }).app.getInstance(n, o, f),
    [name, options, flavour] as const,
  );
}

export function callSdk(page: Page, name: string, method: string, withDone = true) {
  return page.evaluate(
    ([n, m, d]) => (window as unknown as { app: { call(...a: unknown[]): Promise<string | null> } }).app.call(n, m, d),
    [name, method, withDone] as const,
  );
}

export function seenCallbacks(page: Page): Promise<SeenCallback[]> {
  return page.evaluate(() => (window as unknown as { app: { seen: SeenCallback[] } }).app.seen);
}

/** The page's `window`, as the extension's hook leaves it (for `page.evaluate` callbacks). */
export type HookedWindow = Window & { __NIM_DEVTOOLS__: NimDevtoolsPageApi<Recording> };

export function hookEvents(page: Page): Promise<NimEvent[]> {
  return page.evaluate(() => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.recording().events);
}

/** Waits until the app has seen `count` calls of `callback`. */
export async function waitForCallback(page: Page, callback: SeenCallback['callback'], count = 1, timeout = 20_000) {
  await page.waitForFunction(
    ([cb, n]) =>
      (window as unknown as { app: { seen: SeenCallback[] } }).app.seen.filter((s) => s.callback === cb).length >= n,
    [callback, count] as const,
    { timeout },
  );
}

const CALLBACK_OF_KIND: Partial<Record<NimEvent['kind'], SeenCallback['callback']>> = {
  'sdk.connect': 'onconnect',
  'sdk.willReconnect': 'onwillreconnect',
  'sdk.disconnect': 'ondisconnect',
  'sdk.error': 'onerror',
};

/** The callback-carrying events of a recording, as the app would have listed them. */
export function callbacksInRecording(events: NimEvent[]): string[] {
  return events.flatMap((event) => {
    const callback = CALLBACK_OF_KIND[event.kind];
    if (!callback) return [];
    const code = event.kind === 'sdk.disconnect' ? String(event.data.code) : '';
    return [`${callback}${code ? `:${code}` : ''}`];
  });
}

export function callbacksSeen(seen: SeenCallback[]): string[] {
  return seen.map((s) => `${s.callback}${s.callback === 'ondisconnect' ? `:${String(s.data?.code)}` : ''}`);
}
