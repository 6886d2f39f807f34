/**
 * The scripted tour, for a machine without a screen: the demo page's situations played one after the other by
 * clicking its buttons, then the real NIM panel photographed on each view and the session saved as a recording.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createRecording, type Recording } from '../../src/recording';
import type { ExtensionBrowser } from '../../testkit/browser';
import { openNimPanel, type PanelHandle, waitInPanel } from '../../testkit/devtools-panel';
import { capturePanel, type PanelView, showPanelView, sizeDevtoolsWindow, undockDevtools } from './panel-screenshots';

/** The demo page's buttons (`data-scenario`), in the order the tour presses them. */
export const TOUR_SCENARIOS = [
  'login-ok',
  'wrong-token',
  'kicked',
  'flaky-network',
  'switch-wrong',
  'switch-right',
  'two-instances',
  'socket-budget',
] as const;

/** The event kinds a tour's recording must hold, or the tour failed to show what it is for. */
export const REQUIRED_KINDS = ['sdk.connect', 'sdk.willReconnect', 'sdk.disconnect'] as const;

/**
 * One screenshot per view, each staged by clicking in the panel as a user would (`stage` runs in the panel).
 * `MAIN_SHOT` is saved again as `panel.png`, the one that tells the most.
 */
const SHOTS: readonly { view: PanelView; file: string; stage?: string }[] = [
  {
    view: 'timeline',
    file: 'panel-timeline.png',
    // The SDK's lifecycle and the app's calls; the SDK's own log lines (most of the rows) stay one click away.
    stage: `(() => {
      const chip = (group) => document.querySelector('[data-testid="kind-filter"][data-group="' + group + '"]');
      chip('sdk').click();
      chip('calls').dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    })()`,
  },
  {
    view: 'connections',
    file: 'panel-connections.png',
    // Every instance of the tour as a lane: logins, the rejection, the kick, the flaky network's reconnects,
    // destroys. One zoom step (kept on the newest events) leaves out the seconds the page took to load the SDK.
    stage: `document.querySelector('[data-testid="lanes-zoom-in"]').click()`,
  },
  { view: 'instances', file: 'panel-instances.png' },
  { view: 'sockets', file: 'panel-sockets.png' },
  {
    view: 'diagnostics',
    file: 'panel-diagnostics.png',
    // The tour's last situation exceeds a WeChat mini program's socket budget: judge the session by that profile.
    stage: `(async () => {
      const select = document.querySelector('[data-testid="platform-profile"]');
      select.value = 'wechat-miniprogram';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    })()`,
  },
];
/** The whole tour's story in one picture: every login, rejection, kick, reconnect and destroy, in order. */
const MAIN_SHOT = 'panel-timeline.png';

const SCENARIO_TIMEOUT_MS = 30_000;

export interface TourOptions {
  browser: ExtensionBrowser;
  pageUrl: string;
  outDir: string;
  /** Progress lines for the terminal. */
  say(line: string): void;
}

export interface TourResult {
  /** Every file written, screenshots first, the recording last. */
  files: string[];
  eventCount: number;
}

interface PageRecording {
  events: Recording['events'];
  page: Recording['page'];
  tool: Recording['tool'];
}

export async function playTour({ browser, pageUrl, outDir, say }: TourOptions): Promise<TourResult> {
  mkdirSync(outDir, { recursive: true });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const where = { userDataDir: browser.userDataDir, extensionId: browser.extensionId };
  await page.goto(pageUrl);
  await waitForDemoReady(page);

  await undockDevtools({ ...where, pageUrl: page.url() });
  const panel = await openNimPanel({ ...where, pageUrl: page.url() });
  try {
    await sizeDevtoolsWindow(panel);
    for (const scenario of TOUR_SCENARIOS) await playScenario(page, scenario, say);
    await waitForPanelToCatchUp(page, panel);

    const files: string[] = [];
    const demoShot = join(outDir, 'demo-page.png');
    await page.screenshot({ path: demoShot });
    files.push(demoShot);
    for (const { view, file, stage } of SHOTS) {
      await showPanelView(panel, view);
      if (stage) await panel.evaluate(stage);
      await capturePanel(panel, join(outDir, file));
      files.push(join(outDir, file));
    }
    copyFileSync(join(outDir, MAIN_SHOT), join(outDir, 'panel.png'));
    files.push(join(outDir, 'panel.png'));

    const recording = await exportRecording(page);
    const recordingPath = join(outDir, 'recording.json');
    writeFileSync(recordingPath, `${JSON.stringify(recording, null, 2)}\n`);
    files.push(recordingPath);
    return { files, eventCount: recording.events.length };
  } finally {
    panel.close();
  }
}

async function waitForDemoReady(page: Page): Promise<void> {
  const status = page.getByTestId('demo-status');
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid="demo-status"]')?.dataset.state !== 'loading',
  );
  if ((await status.getAttribute('data-state')) !== 'ready') {
    throw new Error(`the demo page did not start: ${await status.textContent()}`);
  }
}

/** Clicks the situation's button and waits for it to play out; a failure carries the page's last log lines. */
async function playScenario(page: Page, scenario: string, say: (line: string) => void): Promise<void> {
  const button = page.locator(`button[data-scenario="${scenario}"]`);
  const label = (await button.textContent())?.trim() ?? scenario;
  const started = Date.now();
  await button.click();
  await page.waitForFunction(
    (name) => {
      const state = document.querySelector<HTMLElement>(`button[data-scenario="${name}"]`)?.dataset.state;
      return state === 'done' || state === 'failed';
    },
    scenario,
    { timeout: SCENARIO_TIMEOUT_MS },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if ((await button.getAttribute('data-state')) === 'done') {
    say(`  ✓ ${label} (${seconds} s)`);
    return;
  }
  const log = await page.locator('#log li').allTextContents();
  throw new Error(`the demo's "${label}" failed:\n    ${log.slice(-6).join('\n    ')}`);
}

/** The panel gets events through the relay and the background: wait until it holds all the page's events. */
async function waitForPanelToCatchUp(page: Page, panel: PanelHandle): Promise<void> {
  const inPage = await page.evaluate(() => (window as unknown as PageApiWindow).__NIM_DEVTOOLS__.events().length);
  await waitInPanel(
    panel,
    `the panel to show the page's ${inPage} events`,
    `(() => {
      const text = document.querySelector('[data-testid="event-count"]')?.textContent ?? '';
      return Number((text.match(/[\\d,]+/)?.[0] ?? '0').replace(/,/g, '')) >= ${inPage};
    })()`,
  );
}

interface PageApiWindow {
  __NIM_DEVTOOLS__: { events(): unknown[]; recording(): PageRecording };
}

/**
 * The session as a v1 recording: the page hook's events (the page API `recording()`, tokens already redacted)
 * through `createRecording`, which validates and re-applies the secret rule like the panel's export does.
 */
async function exportRecording(page: Page): Promise<Recording> {
  const fromPage = await page.evaluate(() => (window as unknown as PageApiWindow).__NIM_DEVTOOLS__.recording());
  const result = createRecording({
    events: fromPage.events,
    page: fromPage.page,
    tool: fromPage.tool,
    exportedAt: new Date(),
  });
  if (!result.ok) throw new Error(`the recording is not valid: ${result.error.message}`);
  const kinds = new Set(result.recording.events.map((event) => event.kind));
  const missing = REQUIRED_KINDS.filter((kind) => !kinds.has(kind));
  if (missing.length > 0) throw new Error(`the recording lacks ${missing.join(', ')}`);
  return result.recording;
}
