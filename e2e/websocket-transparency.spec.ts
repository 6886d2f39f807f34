/**
 * The page hook must be invisible: everything a page can observe about `WebSocket` (see `probeWebSocketSurface`)
 * is the same in a browser with the extension as in one without. The baseline comes from a plain Chromium
 * launched first (one browser at a time); both pages load the same URL from the same echo server, so URLs and
 * origins in the two snapshots match. It runs on two socket paths: `/websocket`, the shape of a NIM link, whose
 * frames the hook counts, and `/echo`, any other socket, whose frames it does not read at all.
 */
import { chromium } from '@playwright/test';
import { chromiumExecutable, QUIET_FLAGS } from '../testkit/browser';
import { type EchoServer, startEchoServer } from './support/echo-server';
import { expect, test } from './support/extension';
import { probeWebSocketSurface, type WebSocketSurface } from './support/websocket-probe';

interface RecordedEvent {
  kind: string;
  data: Record<string, unknown>;
}

let server: EchoServer;
const baselines = new Map<string, WebSocketSurface>();
const PATHS = ['/websocket', '/echo'] as const;
const socketUrl = (path: string) => server.wsUrl.replace(/\/echo$/, path);

test.beforeAll(async () => {
  server = await startEchoServer();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: QUIET_FLAGS });
  try {
    const page = await browser.newPage();
    for (const path of PATHS) {
      await page.goto(`${server.httpUrl}/`);
      baselines.set(path, await probeWebSocketSurface(page, socketUrl(path)));
    }
  } finally {
    await browser.close();
  }
});

test.afterAll(async () => {
  await server?.close();
});

for (const path of PATHS) {
  const counted = path === '/websocket';
  test(`a page sees the same WebSocket with the extension as without it (${path})`, async ({ page }) => {
    await page.goto(`${server.httpUrl}/`);
    const instrumented = await probeWebSocketSurface(page, socketUrl(path));
    const baseline = baselines.get(path);

    expect(baseline?.timeouts).toEqual([]);
    expect(instrumented).toEqual(baseline);

    // Equal snapshots prove nothing unless the hook was there, watching every one of those sockets.
    const recorded = await page.evaluate(() => {
      const api = (window as unknown as { __NIM_DEVTOOLS__: { recording(): { events: RecordedEvent[] } } })
        .__NIM_DEVTOOLS__;
      return api
        .recording()
        .events.filter((event) => event.kind.startsWith('ws.') || event.kind === 'devtools.hookError');
    });
    expect(recorded.filter((event) => event.kind === 'devtools.hookError')).toEqual([]);
    const creates = recorded.filter((event) => event.kind === 'ws.create');
    expect(creates).toHaveLength(instrumented.socketsCreated);
    expect(recorded.filter((event) => event.kind === 'ws.close')).toHaveLength(instrumented.socketsCreated);
    const traffic = recorded.filter((event) => event.kind === 'ws.traffic');
    if (counted) {
      // Every frame counted, none per event: the page's own stopImmediatePropagation (the 'stop' frame) hides none.
      const total = (field: string) => traffic.reduce((sum, event) => sum + Number(event.data[field]), 0);
      expect(total('framesIn')).toBe(8);
      expect(total('framesOut')).toBe(10);
    } else {
      // Not a NIM link: no per-frame work at all, and each socket says that its frames were not counted.
      expect(traffic).toEqual([]);
      for (const create of creates) expect(create.data.counted).toBe(false);
    }
  });
}

test('a stall holds NIM link messages only: other sockets, whose frames the hook never reads, are left alone', async ({
  page,
}) => {
  await page.goto(`${server.httpUrl}/`);
  const seen = await page.evaluate(
    async ([plainUrl, linkUrl]) => {
      const api = (window as unknown as { __NIM_DEVTOOLS__: { stall(ms: number): void } }).__NIM_DEVTOOLS__;
      const log: string[] = [];
      const open = async (url: string, tag: string) => {
        const socket = new WebSocket(url);
        socket.addEventListener('message', (event) => log.push(`${tag} ${event.data}`));
        await new Promise((resolve) => socket.addEventListener('open', resolve));
        return socket;
      };
      const plain = await open(plainUrl, 'plain');
      const link = await open(linkUrl, 'link');
      api.stall(600);
      for (const socket of [plain, link]) socket.send('a');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const duringStall = [...log];
      await new Promise((resolve) => setTimeout(resolve, 700));
      for (const socket of [plain, link]) socket.close();
      return { duringStall, after: log };
    },
    [socketUrl('/echo'), socketUrl('/websocket')] as const,
  );
  expect(seen.duringStall).toEqual(['plain a']);
  expect(seen.after).toEqual(['plain a', 'link a']);
});
