/**
 * The proof that the fake is good enough: the REAL @yxim/nim-web-sdk, in headless Chromium, logs into it, is
 * refused, kicked, dropped and logged out, and reacts as it does against NetEase's servers
 * (see /work/shared/nim-sdk.md). Timings measured here are printed, so a run documents them.
 */
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutable, QUIET_FLAGS } from '../browser';
import { type FakeNim, startFakeNim, type Transport } from './index';

const APP_KEY = 'fakeappkey0123456789abcdef012345';
const TOKEN = 'real-sdk-test-token';
const SDK_9 = '/sdk/NIM_Web_NIM.js';
const SDK_8 = '/sdk8/NIM_Web_NIM.js';
/** The SDK's first reconnection delay is 1.6 s, the login timeout 8 s: waits must leave room for both. */
const EVENT_TIMEOUT_MS = 15_000;

const fromRepo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

interface SdkEvent {
  type: 'connect' | 'willreconnect' | 'disconnect' | 'error' | 'syncdone' | 'disconnectDone';
  at: number;
  data: Record<string, unknown> | null;
}

interface HarnessWindow {
  harness: {
    events: SdkEvent[];
    loaded: Promise<void>;
    connect(options: Record<string, unknown>): void;
    disconnect(): void;
  };
}

let browser: Browser;
let fake: FakeNim;
let context: BrowserContext | undefined;

beforeAll(async () => {
  fake = await startFakeNim({
    staticRoots: {
      '/sdk/': fromRepo('node_modules/@yxim/nim-web-sdk/dist/SDK/'),
      '/sdk8/': fromRepo('node_modules/nim-sdk-8/dist/SDK/'),
      '/': fromRepo('testkit/fake-nim/pages/'),
    },
  });
  browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: QUIET_FLAGS,
  });
}, 60_000);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

/** A fresh context per test: no SDK instance, localStorage or socket carries over. */
async function openSdkPage(sdk = SDK_9, query = ''): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${fake.httpUrl}/sdk.html?sdk=${encodeURIComponent(sdk)}${query}`);
  await page.evaluate(() => (window as unknown as HarnessWindow).harness.loaded);
  return page;
}

async function connect(page: Page, account: string, extra: Record<string, unknown> = {}): Promise<number> {
  const startedAt = Date.now();
  const options = { appKey: APP_KEY, account, token: TOKEN, db: false, dbLog: false, privateConf: fake.privateConf() };
  await page.evaluate((all) => (window as unknown as HarnessWindow).harness.connect(all), { ...options, ...extra });
  return startedAt;
}

function events(page: Page, type?: SdkEvent['type']): Promise<SdkEvent[]> {
  return page.evaluate(
    (wanted) => (window as unknown as HarnessWindow).harness.events.filter((event) => !wanted || event.type === wanted),
    type,
  );
}

/** Resolves with the `count`-th event of that type. */
async function waitForEvent(page: Page, type: SdkEvent['type'], count = 1): Promise<SdkEvent> {
  await page.waitForFunction(
    ([wanted, n]) => (window as unknown as HarnessWindow).harness.events.filter((e) => e.type === wanted).length >= n,
    [type, count] as const,
    { timeout: EVENT_TIMEOUT_MS },
  );
  const matching = await events(page, type);
  return matching[count - 1] as SdkEvent;
}

const connectionsOf = (account: string) => fake.connections().filter((connection) => connection.account === account);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const report = (what: string, ms: number) => console.info(`[real SDK] ${what}: ${ms} ms`);

interface SdkSetup {
  name: string;
  sdk: string;
  /** Extra getInstance options. */
  options: Record<string, unknown>;
  transport: Transport;
  sdkVersion: string;
}

const SETUPS: SdkSetup[] = [
  { name: '9.21, binary WebSocket (its default)', sdk: SDK_9, options: {}, transport: 'binary', sdkVersion: '92112' },
  { name: '8.9, socket.io (its default)', sdk: SDK_8, options: {}, transport: 'socket.io', sdkVersion: '2332' },
];

describe.each(SETUPS)('the real NIM Web SDK $name', ({ sdk, options, transport, sdkVersion }) => {
  /** Accounts differ per setup so that records of one setup never satisfy another's assertions. */
  const user = (name: string) => `${name}-${sdkVersion}`;

  it('logs in: onconnect with connectionId, ip and port, then onsyncdone', async () => {
    const page = await openSdkPage(sdk);
    const startedAt = await connect(page, user('alice'), options);
    const connected = await waitForEvent(page, 'connect');
    await waitForEvent(page, 'syncdone');

    const login = fake.logins().at(-1);
    expect(login).toMatchObject({ account: user('alice'), appKey: APP_KEY, code: 200, sdkVersion });
    expect(login?.deviceId).toMatch(/^[0-9a-f]{32}$/);
    expect(connected.data).toEqual({
      connectionId: String(login?.connectionId),
      ip: '127.0.0.1',
      port: expect.stringMatching(/^\d+$/),
    });
    expect(connectionsOf(user('alice'))).toEqual([expect.objectContaining({ transport, loggedIn: true })]);
    expect(fake.lbsRequests().at(-1)).toMatchObject({ account: user('alice'), appKey: APP_KEY, sdkVersion });
    const sent = fake.requests().filter((request) => request.connectionId === login?.connectionId);
    expect(sent.map(({ sid, cid }) => `${sid}_${cid}`)).toEqual(['2_3', '6_26', '5_1']);
    expect(JSON.stringify([fake.logins(), fake.requests(), fake.connections()])).not.toContain(TOKEN);
    report('getInstance → login request', (login?.at ?? 0) - startedAt);
    report('login reply → onconnect', connected.at - (login?.at ?? 0));
  });

  it('stops at a 302 login reply: ondisconnect with code 302 and no retry', async () => {
    fake.setLoginResponse(user('wrong-password'), 302);
    const page = await openSdkPage(sdk);
    await connect(page, user('wrong-password'), options);
    const disconnected = await waitForEvent(page, 'disconnect');
    expect(disconnected.data).toMatchObject({ code: 302, willReconnect: false });
    // 9.21 says '2_3 login error: 用户名或密码错误, …', 8.9 'login error: 用户名或密码错误, …'.
    expect(String(disconnected.data?.message)).toMatch(/^(2_3 )?login error: /);
    report('302 reply → ondisconnect', disconnected.at - (fake.logins().at(-1)?.at ?? 0));

    await sleep(2000); // longer than the first reconnection delay (1.6 s)
    expect(connectionsOf(user('wrong-password'))).toHaveLength(1);
    expect(await events(page, 'willreconnect')).toEqual([]);
    expect(await events(page, 'connect')).toEqual([]);
  });

  it('is kicked: ondisconnect code "kicked", reason samePlatformKick, from Web, and stays down', async () => {
    const page = await openSdkPage(sdk);
    await connect(page, user('kicked'), options);
    await waitForEvent(page, 'syncdone');
    const kickedAt = Date.now();
    fake.kick(user('kicked'));
    const disconnected = await waitForEvent(page, 'disconnect');
    expect(disconnected.data).toMatchObject({
      code: 'kicked',
      reason: 'samePlatformKick',
      from: 'Web',
      willReconnect: false,
    });
    report('kick → ondisconnect', disconnected.at - kickedAt);

    await sleep(2000);
    expect(connectionsOf(user('kicked'))).toHaveLength(1);
    expect(await events(page, 'connect')).toHaveLength(1);
  });

  it('reconnects after drop(): onwillreconnect, then onconnect on a new socket', async () => {
    const page = await openSdkPage(sdk);
    await connect(page, user('dropped'), options);
    await waitForEvent(page, 'syncdone');
    const droppedAt = Date.now();
    fake.drop(user('dropped'));
    const willReconnect = await waitForEvent(page, 'willreconnect');
    await fake.waitForLogin(user('dropped'), EVENT_TIMEOUT_MS);
    const reconnected = await waitForEvent(page, 'connect', 2);

    expect(willReconnect.data).toMatchObject({ retryCount: expect.any(Number), duration: expect.any(Number) });
    expect(connectionsOf(user('dropped')).map((connection) => connection.open)).toEqual([false, true]);
    expect(reconnected.data?.connectionId).toBe(String(connectionsOf(user('dropped'))[1]?.id));
    const reconnects = await events(page, 'willreconnect');
    console.info('[real SDK] onwillreconnect after drop:', JSON.stringify(reconnects.map((event) => event.data)));
    report('drop → onwillreconnect', willReconnect.at - droppedAt);
    report('drop → onconnect again', reconnected.at - droppedAt);
  });

  it('disconnect(): sends logout 2_6, then ondisconnect code "logout"', async () => {
    const page = await openSdkPage(sdk);
    await connect(page, user('leaving'), options);
    await waitForEvent(page, 'syncdone');
    const calledAt = Date.now();
    await page.evaluate(() => (window as unknown as HarnessWindow).harness.disconnect());
    const disconnected = await waitForEvent(page, 'disconnect');
    expect(disconnected.data).toMatchObject({ code: 'logout', willReconnect: false });
    await waitForEvent(page, 'disconnectDone');
    report('disconnect() → ondisconnect', disconnected.at - calledAt);

    const [connection] = connectionsOf(user('leaving'));
    const sent = fake.requests().filter((request) => request.connectionId === connection?.id);
    expect(sent.at(-1)).toMatchObject({ sid: 2, cid: 6 });
    await expect.poll(() => connectionsOf(user('leaving'))[0]?.open).toBe(false);
  });
});

describe('the real NIM Web SDK 9.21 against a misbehaving fake', () => {
  it('keeps retrying while the link port refuses, and logs in once it listens again', async () => {
    const page = await openSdkPage();
    await connect(page, 'refused-user');
    await waitForEvent(page, 'syncdone');
    await fake.refuse(true);
    const socketsBefore = fake.connections().length;
    const downAt = Date.now();
    fake.drop('refused-user');
    // The 1st onwillreconnect comes with the drop, the 2nd after the first attempt (1.6 s later) was refused.
    await waitForEvent(page, 'willreconnect', 2);
    expect(fake.connections()).toHaveLength(socketsBefore);
    await fake.refuse(false);
    const reconnected = await waitForEvent(page, 'connect', 2);
    expect(connectionsOf('refused-user')).toHaveLength(2);
    const reconnects = await events(page, 'willreconnect');
    console.info(
      '[real SDK] onwillreconnect while refused (ms after the drop):',
      JSON.stringify(reconnects.map((event) => ({ ...event.data, after: event.at - downAt }))),
    );
    report('drop with port refused → onconnect after re-listen', reconnected.at - downAt);
  }, 30_000);

  it('times the login out when the server is silent, closes and reconnects', async () => {
    fake.silent(true);
    const page = await openSdkPage();
    const firstSocket = fake.connections().length;
    const startedAt = await connect(page, 'silent-user');
    try {
      const willReconnect = await waitForEvent(page, 'willreconnect');
      report('silent server: getInstance → onwillreconnect (login timeout)', willReconnect.at - startedAt);
      expect(await events(page, 'connect')).toEqual([]);
      // A silent server reads nothing, so the socket has no account: it is the first one opened by this test.
      expect(fake.connections()[firstSocket]).toMatchObject({ open: false, loggedIn: false });
      expect(fake.requests().some((request) => request.sid === 2 && request.cid === 3 && !request.answered)).toBe(true);
    } finally {
      fake.silent(false);
    }
    const connected = await waitForEvent(page, 'connect');
    expect(connectionsOf('silent-user')).toHaveLength(1);
    report('silent server: getInstance → onconnect once answering', connected.at - startedAt);
  }, 40_000);

  it('logs in from a page served with a strict Content-Security-Policy', async () => {
    const page = await openSdkPage(SDK_9, '&csp=strict');
    // An inline script must be blocked (Playwright's evaluate itself is exempt from CSP, so test through the DOM).
    const inlineRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(inlineRan).toBe(false);
    await connect(page, 'csp-user');
    await waitForEvent(page, 'connect');
  });
});

describe('the real NIM Web SDK on its non-default transport', () => {
  it('8.9 logs in over the binary WebSocket with binaryWebsocket: true', async () => {
    const page = await openSdkPage(SDK_8);
    await connect(page, 'old-sdk-binary', { binaryWebsocket: true });
    await waitForEvent(page, 'connect');
    expect(fake.logins().at(-1)).toMatchObject({ account: 'old-sdk-binary', code: 200, sdkVersion: '2332' });
    expect(connectionsOf('old-sdk-binary')).toEqual([expect.objectContaining({ transport: 'binary' })]);
  });

  it('9.21 logs in over socket.io with binaryWebsocket: false', async () => {
    const page = await openSdkPage(SDK_9);
    await connect(page, 'new-sdk-socketio', { binaryWebsocket: false });
    await waitForEvent(page, 'connect');
    expect(fake.logins().at(-1)).toMatchObject({ account: 'new-sdk-socketio', code: 200, sdkVersion: '92112' });
    expect(connectionsOf('new-sdk-socketio')).toEqual([expect.objectContaining({ transport: 'socket.io' })]);
  });
});
