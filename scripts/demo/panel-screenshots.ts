/**
 * Screenshots of the REAL NIM panel, as users see it: the whole DevTools window (its tab strip included) taken
 * over CDP in the DevTools front-end's own session. Playwright cannot see that window; `openNimPanel` reaches it.
 */
import { writeFileSync } from 'node:fs';
import type { PanelView } from '../../src/panel/ui-state';
import { poll, sleep } from '../../testkit/cdp';
import { openNimPanel, type PanelHandle, waitInPanel } from '../../testkit/devtools-panel';

export type { PanelView };

/** Roomy enough for the timeline's columns and the whole tour's lifecycle rows, small enough for a README. */
export const DEVTOOLS_VIEWPORT = { width: 1200, height: 940 };

/**
 * Undocks the DevTools window of the tab at `options.pageUrl`. Headless DevTools docks to the right, leaving most
 * of its window to a blank placeholder where the page would be; the dock side is read at start-up, so the
 * front-end is reloaded once (the background keeps the tab's session meanwhile: the panel misses nothing).
 */
export async function undockDevtools(options: Parameters<typeof openNimPanel>[0]): Promise<void> {
  const docked = await openNimPanel(options);
  try {
    const frontend = docked.frontendSessionId;
    await docked.cdp.evaluate(
      frontend,
      `InspectorFrontendHost.setPreference('currentDockState', '"undocked"'); window.__beforeReload = true`,
    );
    await docked.cdp.send('Page.reload', {}, frontend);
    // The old front-end's panel iframe must be gone before anyone looks for the new one.
    await poll('the DevTools front-end to reload', async () => {
      const reloaded = await docked.cdp
        .evaluate<boolean>(frontend, `!window.__beforeReload && document.readyState === 'complete'`)
        .catch(() => false);
      return reloaded ? true : undefined;
    });
  } finally {
    docked.close();
  }
}

/** Gives the DevTools window a fixed size, so every screenshot has the same frame. */
export async function sizeDevtoolsWindow(panel: PanelHandle): Promise<void> {
  await panel.cdp.send(
    'Emulation.setDeviceMetricsOverride',
    { ...DEVTOOLS_VIEWPORT, deviceScaleFactor: 1, mobile: false },
    panel.frontendSessionId,
  );
}

/** Clicks the view's tab in the panel's toolbar and waits until the panel shows it. */
export async function showPanelView(panel: PanelHandle, view: PanelView): Promise<void> {
  await panel.evaluate(`document.querySelector('[data-testid="tab-${view}"]')?.click()`);
  await waitInPanel(
    panel,
    `the ${view} view`,
    `document.querySelector('[data-testid="panel-root"]')?.dataset.view === ${JSON.stringify(view)}`,
  );
}

/** Writes a PNG of the DevTools window as it is now. */
export async function capturePanel(panel: PanelHandle, path: string): Promise<void> {
  // Two frames: the view renders on click, virtualized lists measure and fill in on the next frame.
  await panel.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  await sleep(150);
  const { data } = await panel.cdp.send<{ data: string }>(
    'Page.captureScreenshot',
    { format: 'png' },
    panel.frontendSessionId,
  );
  writeFileSync(path, Buffer.from(data, 'base64'));
}
