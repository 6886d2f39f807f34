/**
 * `npm run build:fixture`: the package entry `nim-devtools/playwright` in `dist/playwright/` — the bundled
 * module (`index.js`, vite) and its declarations (`types/`, tsc), next to the extension `dist/chrome/` that
 * `npm run build` writes and the fixture loads.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { addDeclarationExtensions } from './declaration-extensions';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

await build({ configFile: here('vite.config.ts'), logLevel: 'warn' });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', here('tsconfig.build.json')], { stdio: 'inherit' });
addDeclarationExtensions(here('../../dist/playwright/types'));
