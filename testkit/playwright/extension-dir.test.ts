import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findExtensionDir } from './extension-dir';

describe('findExtensionDir', () => {
  const root = '/pkg/node_modules/nim-devtools';

  it('finds dist/chrome next to the bundled fixture in an installed package', () => {
    const exists = (path: string) => path === join(root, 'dist/chrome/manifest.json');
    expect(findExtensionDir(pathToFileURL(join(root, 'dist/playwright/index.js')).href, exists)).toBe(
      join(root, 'dist/chrome'),
    );
  });

  it('finds the repository’s build from the fixture’s sources', () => {
    const exists = (path: string) => path === '/repo/dist/chrome/manifest.json';
    expect(findExtensionDir(pathToFileURL('/repo/testkit/playwright/fixture.ts').href, exists)).toBe(
      '/repo/dist/chrome',
    );
  });

  it('names the places it looked and the fix when there is no build', () => {
    expect(() => findExtensionDir(pathToFileURL('/repo/testkit/playwright/fixture.ts').href, () => false)).toThrow(
      /\/repo\/dist\/chrome.*npm run build/,
    );
  });
});
