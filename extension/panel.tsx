/**
 * The DevTools panel page: wires the browser (inspected tab, UI language, DevTools theme, runtime port, the
 * inspected page's URL) to the browser-agnostic store and views. Opened as an ordinary tab (tests, or a detached
 * view) there is no `browser.devtools`: the tab id then comes from `?tabId=N`, the theme from
 * `prefers-color-scheme`, and an export's page URL from the session's last navigation.
 */

import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { BackgroundToPanel, PanelToBackground } from '../src/model/protocol';
import { PANEL_PORT } from '../src/model/protocol';
import { redactUrl } from '../src/model/redact-url';
import { localeFrom } from '../src/panel/i18n';
import { connectLive } from '../src/panel/live-connection';
import { lastTopLevelUrl } from '../src/panel/sharing';
import { PanelStore } from '../src/panel/store';
import { followColorScheme, type Theme, themeFromDevtools } from '../src/panel/theme';
import { Shell } from '../src/panel/views/Shell';
import type { RecordingPage } from '../src/recording';
import { contentScriptAccess } from './host-access';
import { fromRuntimePort } from './runtime-port';

function inspectedTabId(): number | undefined {
  const fromDevtools = browser.devtools?.inspectedWindow.tabId;
  if (typeof fromDevtools === 'number') return fromDevtools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : undefined;
}

/**
 * Chrome: `panels.setThemeChangeHandler`; Firefox: `panels.onThemeChanged`; outside DevTools: the OS scheme.
 * Followed for the page's lifetime: only the OS scheme's listener comes with a way to stop.
 */
function followTheme(apply: (theme: Theme) => void): (() => void) | undefined {
  const panels = browser.devtools?.panels;
  if (!panels) return followColorScheme(window, apply);
  apply(themeFromDevtools(panels.themeName));
  const chromePanels = (globalThis as { chrome?: typeof chrome }).chrome?.devtools?.panels;
  if (typeof chromePanels?.setThemeChangeHandler === 'function') {
    chromePanels.setThemeChangeHandler((name) => apply(themeFromDevtools(name)));
  } else if (panels.onThemeChanged) {
    panels.onThemeChanged.addListener((name) => apply(themeFromDevtools(name)));
  }
  return undefined;
}

/** The page as it is now (DevTools can ask it); else where the session last saw the top frame navigate. */
async function inspectedPage(store: PanelStore): Promise<RecordingPage> {
  const userAgent = navigator.userAgent;
  const inspected = browser.devtools?.inspectedWindow;
  if (inspected) {
    try {
      const evaluated: unknown = await inspected.eval('({ url: location.href, title: document.title })');
      // Firefox (and the polyfill) resolve with `[result, exceptionInfo]`; Chrome's own promise with the result.
      const found = (Array.isArray(evaluated) ? evaluated[0] : evaluated) as { url?: unknown; title?: unknown } | null;
      if (typeof found?.url === 'string') {
        const title = typeof found.title === 'string' && found.title !== '' ? found.title : undefined;
        // The hook's URL of the document has the SDK's tokens scrubbed by value too; the panel knows no tokens.
        return { url: lastTopLevelUrl(store.getSnapshot().session.events) ?? redactUrl(found.url), userAgent, title };
      }
    } catch {
      // Between two documents, or a page DevTools may not evaluate in: the session knows the last URL.
    }
  }
  return { url: lastTopLevelUrl(store.getSnapshot().session.events) ?? '', userAgent };
}

function start(root: HTMLElement): void {
  const locale = localeFrom(browser.i18n.getUILanguage());
  const tabId = inspectedTabId();
  if (tabId === undefined) {
    root.textContent = 'nim-devtools: no inspected tab (open this page from DevTools, or with ?tabId=N).';
    return;
  }
  const store = new PanelStore({ source: { type: 'live', tabId } });

  const connection = connectLive({
    tabId,
    connect: () => fromRuntimePort<BackgroundToPanel, PanelToBackground>(browser.runtime.connect({ name: PANEL_PORT })),
    lastSeq: () => store.lastEventSeq(),
    onMessage: (message) => store.receive(message),
    onStatus: (connected) => store.setLinkStatus(connected),
  });
  window.addEventListener('pagehide', () => connection.close());

  render(
    <Shell
      locale={locale}
      tool={{ name: 'nim-devtools', version: browser.runtime.getManifest().version }}
      followTheme={followTheme}
      live={{
        store,
        onClear: () => connection.send({ type: 'clear', tabId }),
        onPreserveLogChange: (preserve) => connection.send({ type: 'setPreserveLog', tabId, preserve }),
        page: () => inspectedPage(store),
        onFault: (request) => connection.send({ type: 'fault', tabId, ...request }),
        hostAccess: contentScriptAccess(),
      }}
    />,
    root,
  );
}

const root = document.getElementById('app');
if (root) start(root);
