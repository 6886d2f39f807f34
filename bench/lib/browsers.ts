/**
 * The two browsers a comparison needs: the same headless Chromium, the same flags and the same kind of
 * profile (a persistent one in a temp dir), once with `dist/chrome` loaded and once without it, so that the
 * extension is the only difference.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';
import { chromiumExecutable, launchWithExtension, QUIET_FLAGS } from '../../testkit/browser';

export const BUILD_DIR = resolve(import.meta.dirname, '../../dist/chrome');

/**
 * A private copy of `dist/chrome`, taken once: a rebuild during the bench (`emptyOutDir`) would otherwise pull
 * the extension out from under a running browser.
 */
export function snapshotBuild(): { dir: string; remove(): void } {
  if (!existsSync(join(BUILD_DIR, 'manifest.json'))) throw new Error('no dist/chrome: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'nim-devtools-bench-ext-'));
  cpSync(BUILD_DIR, dir, { recursive: true, preserveTimestamps: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BenchBrowser {
  label: 'without' | 'with';
  context: BrowserContext;
  page: Page;
  /** The extension's service worker (with the extension only). */
  serviceWorker?: () => Promise<Worker>;
  extensionId?: string;
  close(): Promise<void>;
}

export async function launchWithout(): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'nim-devtools-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    headless: true,
    args: QUIET_FLAGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    label: 'without',
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function launchWith(extensionDir: string): Promise<BenchBrowser> {
  const browser = await launchWithExtension({ extensionDir });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return {
    label: 'with',
    context: browser.context,
    page,
    serviceWorker: browser.serviceWorker,
    extensionId: browser.extensionId,
    close: browser.close,
  };
}
