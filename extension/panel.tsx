/**
 * The DevTools panel page: wires the browser (inspected tab, UI language, DevTools theme, runtime port) to
 * the browser-agnostic store and views. Opened as an ordinary tab (tests, or a detached view) there is no
 * `browser.devtools`: the tab id then comes from `?tabId=N` and the theme from `prefers-color-scheme`.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { BackgroundToPanel, PanelToBackground } from '../src/model/protocol';
import { PANEL_PORT } from '../src/model/protocol';
import { localeFrom } from '../src/panel/i18n';
import { connectLive } from '../src/panel/live-connection';
import { PanelStore } from '../src/panel/store';
import { followColorScheme, type Theme, themeFromDevtools } from '../src/panel/theme';
import { App } from '../src/panel/views/App';
import { fromRuntimePort } from './runtime-port';

function inspectedTabId(): number | undefined {
  const fromDevtools = browser.devtools?.inspectedWindow.tabId;
  if (typeof fromDevtools === 'number') return fromDevtools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : undefined;
}

/** Chrome: `panels.setThemeChangeHandler`; Firefox: `panels.onThemeChanged`; outside DevTools: the OS scheme. */
function followTheme(apply: (theme: Theme) => void): void {
  const panels = browser.devtools?.panels;
  if (!panels) {
    followColorScheme(window, apply);
    return;
  }
  apply(themeFromDevtools(panels.themeName));
  const chromePanels = (globalThis as { chrome?: typeof chrome }).chrome?.devtools?.panels;
  if (typeof chromePanels?.setThemeChangeHandler === 'function') {
    chromePanels.setThemeChangeHandler((name) => apply(themeFromDevtools(name)));
  } else if (panels.onThemeChanged) {
    panels.onThemeChanged.addListener((name) => apply(themeFromDevtools(name)));
  }
}

function start(root: HTMLElement): void {
  const locale = localeFrom(browser.i18n.getUILanguage());
  const tabId = inspectedTabId();
  if (tabId === undefined) {
    root.textContent = 'nim-devtools: no inspected tab (open this page from DevTools, or with ?tabId=N).';
    return;
  }
  const store = new PanelStore({ source: { type: 'live', tabId } });
  followTheme((theme) => store.setTheme(theme));

  const connection = connectLive({
    tabId,
    connect: () => fromRuntimePort<BackgroundToPanel, PanelToBackground>(browser.runtime.connect({ name: PANEL_PORT })),
    lastSeq: () => store.lastEventSeq(),
    onMessage: (message) => store.receive(message),
    onStatus: (connected) => store.setLinkStatus(connected),
  });
  window.addEventListener('pagehide', () => connection.close());

  render(
    <App
      store={store}
      locale={locale}
      onClear={() => connection.send({ type: 'clear', tabId })}
      onPreserveLogChange={(preserve) => connection.send({ type: 'setPreserveLog', tabId, preserve })}
    />,
    root,
  );
}

const root = document.getElementById('app');
if (root) start(root);
