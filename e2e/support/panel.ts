/** Reading and driving the real NIM panel (a `PanelHandle`) from e2e tests, through its stable test ids. */

import type { ExtensionBrowser } from '../../testkit/browser';
import { CdpConnection, poll } from '../../testkit/cdp';
import type { PanelHandle } from '../../testkit/devtools-panel';

/** What the readers below need: the real panel, or any page showing the same views (the recording viewer). */
export type PanelLike = Pick<PanelHandle, 'evaluate'>;

/** The first number in an element's text, by test id (e.g. the status line's "1,234 events"); -1 if none. */
export async function countIn(panel: PanelLike, testId: string): Promise<number> {
  const text = await panel.evaluate<string>(`document.querySelector('[data-testid="${testId}"]')?.textContent ?? ''`);
  return Number((text.match(/[\d,]+/)?.[0] ?? '-1').replace(/,/g, ''));
}

/** The total in the status line. */
export function eventCount(panel: PanelLike): Promise<number> {
  return countIn(panel, 'event-count');
}

/**
 * Clicks a view's tab, once there is one: the real panel's iframe exists (what `openPanel` waits for) a moment
 * before its script has rendered the tabs, and a click on nothing would leave the panel on the timeline.
 */
export function showView(panel: PanelLike, view: 'timeline' | 'connections' | 'instances' | 'sockets' | 'diagnostics') {
  const tab = `document.querySelector('[data-testid="tab-${view}"]')`;
  return poll(`the ${view} tab`, () => panel.evaluate<true | undefined>(`${tab} ? (${tab}.click(), true) : undefined`));
}

export async function instanceRows(panel: PanelLike): Promise<{ account: string; state: string }[]> {
  await showView(panel, 'instances');
  return panel.evaluate(
    `[...document.querySelectorAll('[data-testid="instance"]')].map((row) => ({ account: row.dataset.account, state: row.dataset.state }))`,
  );
}

export async function diagnosticRules(panel: PanelLike): Promise<string[]> {
  await showView(panel, 'diagnostics');
  return panel.evaluate(`[...document.querySelectorAll('[data-testid="diagnostic"]')].map((row) => row.dataset.rule)`);
}

/** Types into the timeline's search box (as a user would) and returns the kinds of the rows shown. */
export async function searchTimeline(panel: PanelLike, text: string): Promise<string[]> {
  await showView(panel, 'timeline');
  await panel.evaluate(`(() => {
    const input = document.querySelector('[data-testid="search"]');
    input.value = ${JSON.stringify(text)};
    input.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return panel.evaluate(`[...document.querySelectorAll('[data-testid="event"]')].map((row) => row.dataset.kind)`);
}

/**
 * Stops the extension's service worker the way Chrome does when it goes idle, over CDP (Playwright cannot).
 * Chrome starts a new one at the next message to the extension.
 */
export async function stopServiceWorker(extension: ExtensionBrowser): Promise<void> {
  const cdp = await CdpConnection.forProfile(extension.userDataDir);
  try {
    const worker = (await cdp.targets()).find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extension.extensionId}/`),
    );
    if (!worker) throw new Error('no running service worker to stop');
    await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  } finally {
    cdp.close();
  }
}
