/**
 * The extension's background for the relay bench only: `extension/background.ts`'s wiring, unchanged, over
 * another store, to show what the store costs the relay.
 * - `json`: `storage.session` still, but every value stored as one JSON string;
 * - `memory`: nothing persisted (the upper bound for everything else on the way).
 * Built by `variants/build.ts` into a copy of `dist/chrome`, in place of the service worker.
 */
import browser from 'webextension-polyfill';
import { fromRuntimePort } from '../../extension/runtime-port';
import { Hub } from '../../src/background/hub';
import { SessionRegistry } from '../../src/background/session-registry';
import { type KeyValueStore, MemoryStore } from '../../src/background/storage';
import { PANEL_PORT, RELAY_PORT } from '../../src/model/protocol';

declare const __BENCH_STORE__: 'json' | 'memory';

function jsonStore(): KeyValueStore {
  const area = browser.storage.session;
  return {
    async get(keys) {
      const stored = await area.get(keys);
      const parsed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(stored)) parsed[key] = JSON.parse(value as string);
      return parsed;
    },
    set: (items) =>
      area.set(Object.fromEntries(Object.entries(items).map(([key, value]) => [key, JSON.stringify(value)]))),
    remove: (keys) => area.remove(keys),
  };
}

const hub = new Hub(new SessionRegistry(__BENCH_STORE__ === 'json' ? jsonStore() : new MemoryStore()));

browser.runtime.onConnect.addListener((port) => {
  if (port.name === RELAY_PORT) {
    const tabId = port.sender?.tab?.id;
    const frameId = port.sender?.frameId;
    if (tabId === undefined || frameId === undefined) return port.disconnect();
    hub.connectRelay(fromRuntimePort(port), { tabId, frameId });
  } else if (port.name === PANEL_PORT) {
    if (port.sender?.tab !== undefined && port.sender.url?.startsWith(browser.runtime.getURL('')) !== true) {
      return port.disconnect();
    }
    hub.connectPanel(fromRuntimePort(port));
  }
});

browser.tabs.onRemoved.addListener((tabId) => {
  void hub.forgetTab(tabId);
});
