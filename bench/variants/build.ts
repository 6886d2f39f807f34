/** Builds a copy of the extension whose service worker is `variants/background.ts`: nothing persisted. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rolldown } from 'rolldown';

export async function buildInMemoryBackground(extensionDir: string): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'nim-devtools-bench-memory-'));
  cpSync(extensionDir, dir, { recursive: true });
  const bundle = await rolldown({
    input: resolve(import.meta.dirname, 'background.ts'),
    logLevel: 'silent',
  });
  // The manifest names this file as the module service worker.
  await bundle.write({ file: join(dir, 'service-worker-loader.js'), format: 'esm', minify: true });
  await bundle.close();
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
