/**
 * Opens the REAL NIM panel inside the real DevTools window of a tab (headless Chromium started with
 * `--auto-open-devtools-for-tabs --remote-debugging-port=0`) and gives tests a handle to its DOM.
 * Recipe: ../shared/browser-testing.md. The panel id is the extension origin followed by the title.
 */
import { CdpConnection, poll } from './cdp';

export const PANEL_TITLE = 'NIM';

export interface PanelHandle {
  /** Evaluates an expression in the panel page (a returned promise is awaited). */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** The panel's frontend DevTools target, e.g. to take a screenshot of the whole DevTools window. */
  frontendSessionId: string;
  cdp: CdpConnection;
  close(): void;
}

export async function openNimPanel(options: {
  userDataDir: string;
  extensionId: string;
  /** The inspected page's URL: picks the right DevTools window when several tabs are open. */
  pageUrl: string;
}): Promise<PanelHandle> {
  const cdp = await CdpConnection.forProfile(options.userDataDir);
  const origin = `chrome-extension://${options.extensionId}`;

  // 1. Find the DevTools window inspecting this page, through its extension devtools page.
  const frontendId = await poll('the DevTools window of the page', async () => {
    for (const target of await cdp.targets()) {
      if (target.type !== 'iframe' || target.url !== `${origin}/extension/devtools.html`) continue;
      const session = await cdp.attach(target.targetId);
      const inspected = await cdp.evaluate<string>(
        session,
        `new Promise((resolve) => chrome.devtools.inspectedWindow.eval('location.href', (href) => resolve(href)))`,
      );
      if (inspected === options.pageUrl) return target.parentFrameId;
    }
    return undefined;
  });
  const frontendSessionId = await cdp.attach(frontendId);

  // 2. Show the panel. The devtools page may create it a moment after DevTools opens: retry until its iframe is there.
  const panelTarget = await poll('the NIM panel iframe', async () => {
    await cdp.evaluate(frontendSessionId, `DevToolsAPI.showPanel(${JSON.stringify(origin + PANEL_TITLE)})`);
    const targets = await cdp.targets();
    return targets.find(
      (t) =>
        t.type === 'iframe' && t.parentFrameId === frontendId && t.url.startsWith(`${origin}/extension/panel.html`),
    );
  });
  const panelSessionId = await cdp.attach(panelTarget.targetId);
  return {
    evaluate: (expression) => cdp.evaluate(panelSessionId, expression),
    frontendSessionId,
    cdp,
    close: () => cdp.close(),
  };
}

/** Waits until `expression`, evaluated in the panel, returns something other than null/undefined/false. */
export function waitInPanel<T>(panel: PanelHandle, what: string, expression: string, timeoutMs = 15_000): Promise<T> {
  return poll(
    what,
    async () => {
      const value = await panel.evaluate<T | null | false>(expression);
      return value === null || value === false ? undefined : value;
    },
    timeoutMs,
  );
}
