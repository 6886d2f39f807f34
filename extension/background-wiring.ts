/**
 * The background's wiring: runtime ports and tab lifecycle to the session hub, over a given store. The
 * extension's background passes `storage.session`; the relay benchmark passes one that persists nothing.
 */
import browser from 'webextension-polyfill';
import { Hub } from '../src/background/hub';
import { SessionRegistry } from '../src/background/session-registry';
import type { KeyValueStore } from '../src/background/storage';
import { PANEL_PORT, RELAY_PORT } from '../src/model/protocol';
import { fromRuntimePort } from './runtime-port';

export function sessionStorageStore(): KeyValueStore {
  return {
    get: (keys) => browser.storage.session.get(keys),
    set: (items) => browser.storage.session.set(items),
    remove: (keys) => browser.storage.session.remove(keys),
  };
}

export function wireBackground(store: KeyValueStore): void {
  const hub = new Hub(new SessionRegistry(store));

  // Listeners are registered synchronously at startup: a worker woken by a connect must find them in place.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === RELAY_PORT) {
      const tabId = port.sender?.tab?.id;
      const frameId = port.sender?.frameId;
      // Only content scripts have a sender tab; anything else claiming to be a relay is ignored.
      if (tabId === undefined || frameId === undefined) return port.disconnect();
      hub.connectRelay(fromRuntimePort(port), { tabId, frameId });
    } else if (port.name === PANEL_PORT) {
      // Panels are extension pages: a port from a content script must never subscribe to any tab.
      if (port.sender?.tab !== undefined && port.sender.url?.startsWith(browser.runtime.getURL('')) !== true) {
        return port.disconnect();
      }
      hub.connectPanel(fromRuntimePort(port));
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void hub.forgetTab(tabId);
  });
}
