/** Helpers for e2e tests that drive the real v10 SDK (`nim-web-sdk-ng`) in `e2e/pages/nim10-app.html`. */
import type { Page } from '@playwright/test';
import type { NimEvent } from '../../src/model/events';
import type { FakeNim } from '../../testkit/fake-nim';
import { APP_KEY } from './nim';

export { APP_KEY };

export interface SeenEvent {
  name: string;
  event: string;
  args: unknown[];
}

export type CallResult = { ok: unknown } | { error: { code: number | string | null; desc: string } };

export const tokenOf = (account: string) => `token-of-${account}-s3cr3t`;

/** The second argument of `getInstance` / `new`: everything on the fake, nothing to NetEase's hosts. */
export function otherOptions(fakeNim: FakeNim) {
  const lbs = fakeNim.privateConf().lbs_web;
  return {
    V2NIMLoginServiceConfig: { lbsUrls: [lbs], linkUrl: fakeNim.linkAddress, linkSSL: false },
    reporterConfig: { isDataReportEnable: false },
    abtestConfig: { isAbtestEnable: false },
    loggerConfig: { storageEnable: false },
  };
}

/** A V2 client (`apiVersion: 'v2'`): logs in with `login(account, token)`. */
export function v2Options(extra: Record<string, unknown> = {}) {
  return { appkey: APP_KEY, apiVersion: 'v2', debugLevel: 'debug', isAbtestEnable: false, ...extra };
}

/** A V1-compatible client (the default API): account and token in the options, then `connect()`. */
export function v1Options(fakeNim: FakeNim, account: string, extra: Record<string, unknown> = {}) {
  return {
    appkey: APP_KEY,
    account,
    token: tokenOf(account),
    debugLevel: 'debug',
    isAbtestEnable: false,
    lbsUrls: [fakeNim.privateConf().lbs_web],
    linkUrl: fakeNim.linkAddress,
    linkSSL: false,
    ...extra,
  };
}

type App = {
  loaded: Promise<void>;
  seen: SeenEvent[];
  logs: { level: string; text: string }[];
  create(name: string, init: object, other: object, how: string, logFunc: boolean): void;
  getInstanceAgain(init: object): string | null;
  latestIs(name: string): boolean;
  login(name: string, account: string, token: string, options?: object): Promise<CallResult>;
  call(name: string, method: string, ...args: unknown[]): Promise<CallResult>;
  status(name: string): string;
  offV2(name: string, event: string): number;
  loadBundled(): Promise<void>;
  register(what: 'module' | 'class' | 'client', name?: string): void;
  hasGlobal(): boolean;
};

export async function openNim10App(page: Page, fakeNim: FakeNim): Promise<void> {
  await page.goto(`${fakeNim.httpUrl}/pages/nim10-app.html`);
  await page.evaluate(() => (window as unknown as { app: App }).app.loaded);
}

export function createClient(
  page: Page,
  name: string,
  init: object,
  other: object,
  { how = 'getInstance', logFunc = true }: { how?: 'getInstance' | 'new'; logFunc?: boolean } = {},
) {
  return page.evaluate(([n, i, o, h, l]) => (window as unknown as { app: App }).app.create(n, i, o, h, l), [
    name,
    init,
    other,
    how,
    logFunc,
  ] as const);
}

export function login(page: Page, name: string, account: string): Promise<CallResult> {
  return page.evaluate(([n, a, t]) => (window as unknown as { app: App }).app.login(n, a, t), [
    name,
    account,
    tokenOf(account),
  ] as const);
}

export function call(page: Page, name: string, method: string, ...args: unknown[]): Promise<CallResult> {
  return page.evaluate(([n, m, a]) => (window as unknown as { app: App }).app.call(n, m, ...a), [
    name,
    method,
    args,
  ] as const);
}

export function seen(page: Page): Promise<SeenEvent[]> {
  return page.evaluate(() => (window as unknown as { app: App }).app.seen);
}

export function appLogs(page: Page): Promise<{ level: string; text: string }[]> {
  return page.evaluate(() => (window as unknown as { app: App }).app.logs);
}

/** Waits until the app's listeners have seen `event` `count` times (with `firstArg`, when given). */
export async function waitForSeen(page: Page, event: string, count = 1, firstArg?: unknown) {
  await page.waitForFunction(
    ([e, n, a]) =>
      (window as unknown as { app: App }).app.seen.filter((s) => s.event === e && (a === null || s.args[0] === a))
        .length >= n,
    [event, count, firstArg ?? null] as const,
    { timeout: 20_000 },
  );
}

/**
 * The hook's events that stand for one SDK listener call each, as the SDK event names, in order. Detail read off
 * the wire (`via: 'wire'`: a login reply's code, who kicked) stands for no listener call.
 */
export function listenerEventsInRecording(events: NimEvent[]): string[] {
  return events.flatMap((event) => {
    if ('via' in event.data && event.data.via === 'wire') return [];
    const name = 'event' in event.data ? event.data.event : undefined;
    return typeof name === 'string' && name !== 'getInstance' ? [name] : [];
  });
}

export function getInstanceAgain(page: Page, init: object): Promise<string | null> {
  return page.evaluate((i) => (window as unknown as { app: App }).app.getInstanceAgain(i), init);
}

export function latestIs(page: Page, name: string): Promise<boolean> {
  return page.evaluate((n) => (window as unknown as { app: App }).app.latestIs(n), name);
}

export function clientStatus(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => (window as unknown as { app: App }).app.status(n), name);
}

/** `removeAllListeners(event)` on the client's V2NIMLoginService; the listeners left, as the SDK counts them. */
export function removeV2Listeners(page: Page, name: string, event: string): Promise<number> {
  return page.evaluate(([n, e]) => (window as unknown as { app: App }).app.offV2(n, e), [name, event] as const);
}

/** Opens the app as one that bundles the SDK: no `<script>`, no `window.NIM`; the module stays in the app. */
export async function openBundledNim10App(page: Page, fakeNim: FakeNim): Promise<void> {
  await page.goto(`${fakeNim.httpUrl}/pages/nim10-app.html?sdk=none`);
  await page.evaluate(() => (window as unknown as { app: App }).app.loadBundled());
}

export function hasGlobal(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { app: App }).app.hasGlobal());
}

/** `__NIM_DEVTOOLS__.register()` with the bundled module, its class, or the client named `name`. */
export function registerBundled(page: Page, what: 'module' | 'class' | 'client', name?: string): Promise<void> {
  return page.evaluate(([w, n]) => (window as unknown as { app: App }).app.register(w, n), [what, name] as const);
}

/** Opens the app and logs `account` in with a V2 client named `a`; the login's result. */
export async function openAndLogIn(page: Page, fakeNim: FakeNim, account: string): Promise<CallResult> {
  await openNim10App(page, fakeNim);
  await createClient(page, 'a', v2Options(), otherOptions(fakeNim));
  return login(page, 'a', account);
}
