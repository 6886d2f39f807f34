/** Exporting and importing recordings in e2e tests: downloads from the real panel, files into the viewers. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { poll } from '../../testkit/cdp';
import type { PanelHandle } from '../../testkit/devtools-panel';
import { diagnosticRules, eventCount, instanceRows, type PanelLike } from './panel';

/** A Playwright page showing the panel's views (the recording viewer), read with the panel's helpers. */
export function pageAsPanel(page: Page): PanelLike {
  return { evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T> };
}

/** What a reader compares between the live panel and a viewer of its recording. */
export async function shownState(panel: PanelLike) {
  return {
    events: await eventCount(panel),
    instances: await instanceRows(panel),
    rules: (await diagnosticRules(panel)).sort(),
  };
}

export function click(panel: PanelLike, testId: string): Promise<unknown> {
  return panel.evaluate(`document.querySelector('[data-testid="${testId}"]').click()`);
}

/**
 * A real mouse click in the real panel (over CDP input events to the DevTools window), where a scripted
 * `element.click()` is not enough: Chrome lets a page download one file without user input, and blocks the next.
 */
export async function clickLikeAUser(panel: PanelHandle, testId: string): Promise<void> {
  const frontend = panel.frontendSessionId;
  const { targetInfo } = await panel.cdp.send<{ targetInfo: { targetId: string } }>(
    'Target.getTargetInfo',
    {},
    frontend,
  );
  const panelFrame = (await panel.cdp.targets()).find(
    (target) =>
      target.type === 'iframe' && target.parentFrameId === targetInfo.targetId && target.url.includes('/panel.html'),
  );
  if (!panelFrame) throw new Error('no NIM panel frame in this DevTools window');
  const { backendNodeId } = await panel.cdp.send<{ backendNodeId: number }>(
    'DOM.getFrameOwner',
    { frameId: panelFrame.targetId },
    frontend,
  );
  const { model } = await panel.cdp.send<{ model: { content: number[] } }>(
    'DOM.getBoxModel',
    { backendNodeId },
    frontend,
  );
  const [frameX = 0, frameY = 0] = model.content;
  const inPanel = await panel.evaluate<{ x: number; y: number }>(`(() => {
    const box = document.querySelector('[data-testid="${testId}"]').getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  })()`);
  const at = { x: frameX + inPanel.x, y: frameY + inPanel.y };
  await panel.cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at }, frontend);
  for (const type of ['mousePressed', 'mouseReleased']) {
    await panel.cdp.send('Input.dispatchMouseEvent', { type, ...at, button: 'left', clickCount: 1 }, frontend);
  }
}

/** Sends downloads, the panel's included, to `dir` under their own names (Chrome's default asks nobody headless). */
export async function allowDownloads(panel: PanelHandle, dir: string): Promise<void> {
  await panel.cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
}

/** Waits for a finished JSON download at the top of `dir` (Chrome renames `.crdownload` when done). */
export function nextDownload(dir: string): Promise<string> {
  return poll(`a download in ${dir}`, async () => readdirSync(dir).find((name) => name.endsWith('.json')), 15_000);
}

export function readDownload(dir: string, name: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) throw new Error(`no download ${path}`);
  return readFileSync(path, 'utf8');
}

/**
 * Gives the file to the page's `import-file` input the way a file dialog does, from inside the page: the real
 * DevTools panel is reached over raw CDP, where Playwright's `setInputFiles` is not available.
 */
export function importInPanel(panel: PanelLike, name: string, text: string): Promise<unknown> {
  return panel.evaluate(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'application/json' }));
    const input = document.querySelector('[data-testid="import-file"]');
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
}

/**
 * Whether `Object.prototype` in the page (the panel or a viewer, where an import parses the file) gained a
 * `polluted` member. Asked inside the page: an object built in Node would say no whatever the page holds.
 */
export function isPolluted(panel: PanelLike): Promise<boolean> {
  return panel.evaluate(`'polluted' in {}`);
}

/** Drops a file on the page as a user dragging it from the desktop would. */
export function dropFile(page: Page, name: string, text: string): Promise<void> {
  return page.evaluate(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'application/json' }));
      const target =
        document.querySelector('[data-testid="panel-root"], [data-testid="viewer-start"]') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    [name, text] as const,
  );
}

/** Replaces the page's clipboard with a recorder: headless DevTools panels may not write the real one. */
export function recordClipboard(panel: PanelLike): Promise<unknown> {
  return panel.evaluate(`(() => {
    window.__copied = [];
    navigator.clipboard.writeText = async (text) => { window.__copied.push(text); };
  })()`);
}

export function copiedTexts(panel: PanelLike): Promise<string[]> {
  return panel.evaluate('window.__copied');
}
