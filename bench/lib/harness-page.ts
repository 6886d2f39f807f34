/** The bench's harness pages (`bench/panel/`, `bench/panel-churn/`): the real panel, built like the extension's. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';

/** Builds `bench/<page>/` into a temp dir (minified, as the extension's pages are); returns it and a remover. */
export async function buildHarnessPage(page: string): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), `nim-devtools-bench-${page}-`));
  await build({
    configFile: false,
    root: resolve(import.meta.dirname, '..', page),
    base: './',
    logLevel: 'warn',
    plugins: [preact()],
    build: { outDir: dir, emptyOutDir: true, target: 'chrome111' },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
