/**
 * The page hook's host permission through `browser.permissions`: the origins the manifest's content scripts
 * match. Firefox (MV3) lets the user withhold it; Chrome grants it at install unless the user restricts sites.
 */
import browser from 'webextension-polyfill';
import type { HostAccess } from '../src/panel/views/HostAccessBanner';

/**
 * Undefined where the page may not use `browser.permissions`: Firefox gives a DevTools panel inside the toolbox
 * only a few APIs, and an attempt to use the missing one would break the panel.
 */
export function contentScriptAccess(): HostAccess | undefined {
  if (!browser.permissions?.onAdded) return undefined;
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  const origins = [...new Set(scripts.flatMap((script) => script.matches ?? []))];
  return {
    granted: () => browser.permissions.contains({ origins }),
    request: () => browser.permissions.request({ origins }),
    onChange(listener) {
      browser.permissions.onAdded.addListener(listener);
      browser.permissions.onRemoved.addListener(listener);
      return () => {
        browser.permissions.onAdded.removeListener(listener);
        browser.permissions.onRemoved.removeListener(listener);
      };
    },
  };
}
