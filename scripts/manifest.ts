/**
 * One manifest source (`manifest.json`, written for Chrome) and the code that derives the Firefox one,
 * so the two can never drift apart by hand.
 */
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from '../manifest.json' with { type: 'json' };
import pkg from '../package.json' with { type: 'json' };

export type Browser = 'chrome' | 'firefox';

/** Firefox 128 is the first release with `world: "MAIN"` content scripts. */
const FIREFOX_MIN_VERSION = '128.0';
export const FIREFOX_ADDON_ID = 'nim-devtools@nim-devtools.dev';

export function manifestFor(browser: Browser): ManifestV3Export {
  const manifest = { ...structuredClone(baseManifest), version: pkg.version };
  if (browser === 'chrome') return manifest as ManifestV3Export;

  const { service_worker: script, ...rest } = manifest.background;
  const { minimum_chrome_version: _chromeOnly, ...firefox } = manifest;
  return {
    ...firefox,
    // Firefox MV3 runs the background as an event page; it has no service workers for extensions.
    background: { ...rest, scripts: [script] },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // New add-ons must declare what they collect; this one sends nothing anywhere.
        data_collection_permissions: { required: ['none'] },
      },
    },
  } as ManifestV3Export;
}
