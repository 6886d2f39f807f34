/**
 * The page hook must be invisible: everything a page can observe about `WebSocket` (see `probeWebSocketSurface`)
 * is the same in a browser with the extension as in one without. The baseline comes from a plain Chromium
 * launched first (one browser at a time); both pages load the same URL from the same echo server, so URLs and
 * origins in the two snapshots match.
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
let baseline: WebSocketSurface;

test.beforeAll(async () => {
  server = await startEchoServer();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: QUIET_FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/`);
    baseline = await probeWebSocketSurface(page, server.wsUrl);
  } finally {
    await browser.close();
  }
});

test.afterAll(async () => {
  await server?.close();
});

test('a page sees the same WebSocket with the extension as without it', async ({ page }) => {
  await page.goto(`${server.httpUrl}/`);
  const instrumented = await probeWebSocketSurface(page, server.wsUrl);

  expect(baseline.timeouts).toEqual([]);
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
  expect(recorded.filter((event) => event.kind === 'ws.create')).toHaveLength(instrumented.socketsCreated);
  expect(recorded.filter((event) => event.kind === 'ws.close')).toHaveLength(instrumented.socketsCreated);
  // Every frame counted, none per event: the page's own stopImmediatePropagation (the 'stop' frame) hides none.
  const traffic = recorded.filter((event) => event.kind === 'ws.traffic');
  const total = (field: string) => traffic.reduce((sum, event) => sum + Number(event.data[field]), 0);
  expect(total('framesIn')).toBe(8);
  expect(total('framesOut')).toBe(10);
});
