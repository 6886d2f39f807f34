/**
 * Where the built Chrome extension is, seen from the fixture's own file: next to it in the installed package
 * (`dist/playwright/index.js` → `dist/chrome/`), or in this repository's build when the fixture runs from its
 * sources (`testkit/playwright/` → `dist/chrome/`). No working-directory guess: a user's tests run from their
 * own project, where nothing of ours is at a relative path.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION_DIR_CANDIDATES = [
  // The package: dist/playwright/index.js
  ['..', 'chrome'],
  // The sources: testkit/playwright/*.ts
  ['..', '..', 'dist', 'chrome'],
] as const;

/** The first candidate that holds a `manifest.json`; throws with the fix when there is none. */
export function findExtensionDir(moduleUrl: string, exists: (path: string) => boolean = existsSync): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = EXTENSION_DIR_CANDIDATES.map((parts) => resolve(here, ...parts));
  const found = candidates.find((dir) => exists(join(dir, 'manifest.json')));
  if (found) return found;
  throw new Error(
    `nim-devtools: the built extension is not where the fixture looks (${candidates.join(', ')}). ` +
      'In the nim-devtools repository run `npm run build`; elsewhere pass `nimDevtoolsOptions.extensionDir`.',
  );
}
