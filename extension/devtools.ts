/** The DevTools page: its only job is to add the "NIM" panel. */
import browser from 'webextension-polyfill';

/** The panel's title. Tests open it by this exact name (the panel id is the extension origin + title). */
export const PANEL_TITLE = 'NIM';

browser.devtools.panels.create(PANEL_TITLE, '/icons/icon-32.png', '/extension/panel.html');
