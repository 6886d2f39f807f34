/**
 * The two browsers a comparison needs: the same headless Chromium, launched by one function with the same
 * flags, the same Playwright defaults left out and the same kind of profile (a persistent one in a temp dir),
 * once with `--load-extension=dist/chrome` and once without it, so that the extension is the only difference.
 * Each launch reads back the browser's real command line, and the bench refuses two that differ otherwise.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';
import { chromiumExecutable, QUIET_FLAGS } from '../../testkit/browser';

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
  /** The browser process's command line, profile path and extension path replaced by placeholders. */
  flags: string[];
  /** The extension's service worker (with the extension only). */
  serviceWorker?: () => Promise<Worker>;
  extensionId?: string;
  close(): Promise<void>;
}

/**
 * Playwright's defaults that a real browser does not have: extensions disabled (the `with` browser needs them)
 * and the back/forward cache off (users have it on). Left out of both browsers alike.
 */
const REAL_BROWSER_DEFAULTS = ['--disable-extensions', '--disable-back-forward-cache'];

/** `extensionDir`: the build to load; none for the browser without the extension. */
async function launch(extensionDir?: string): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'nim-devtools-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    headless: true,
    // Only `--load-extension`: `--disable-extensions-except` would load the extension too, even without it.
    args: [...QUIET_FLAGS, ...(extensionDir ? [`--load-extension=${extensionDir}`] : [])],
    ignoreDefaultArgs: REAL_BROWSER_DEFAULTS,
  });
  const placeholders = (arg: string) =>
    extensionDir
      ? arg.replace(userDataDir, '<profile>').replace(extensionDir, '<extension>')
      : arg.replace(userDataDir, '<profile>');
  const flags = browserCommandLine(userDataDir).map(placeholders);
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  if (!extensionDir) return { label: 'without', context, page, flags, close };
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return { label: 'with', context, page, flags, serviceWorker, extensionId, close };
}

export const launchWithout = () => launch();
export const launchWith = (extensionDir: string) => launch(extensionDir);

/**
 * Throws unless the two browsers' command lines are the same but for `--load-extension`: the guard against a
 * comparison that drifts (e.g. the back/forward cache on in one browser and off in the other).
 */
export function assertOnlyTheExtensionDiffers(without: BenchBrowser, withExtension: BenchBrowser): void {
  const extra = withExtension.flags.filter((flag) => !without.flags.includes(flag));
  const missing = without.flags.filter((flag) => !withExtension.flags.includes(flag));
  if (missing.length > 0 || extra.length !== 1 || !extra[0]?.startsWith('--load-extension=')) {
    throw new Error(`the browsers differ by more than --load-extension: +${extra.join(' ')} -${missing.join(' ')}`);
  }
}

/** The browser process's arguments, read from /proc: the one process started with this profile and no `--type`. */
function browserCommandLine(userDataDir: string): string[] {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue; // the process ended while we looked
    }
    if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((arg) => arg.startsWith('--type='))) {
      return args.slice(1);
    }
  }
  throw new Error(`no browser process runs with the profile ${userDataDir}`);
}

/**
 * Runs `use` in a new tab, closed afterwards. A new tab gets a new renderer process, so nothing is compiled yet:
 * the page, the hook and the relay run as on a first visit (no code cache of any kind).
 */
export async function inNewTab<T>(browser: BenchBrowser, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.context.newPage();
  try {
    return await use(page);
  } finally {
    await page.close();
  }
}

/** Navigates `page` to `url` and checks that the page hook is there, or not: a comparison must compare what it says. */
export async function gotoExpectingHook(page: Page, url: string, hooked: boolean): Promise<void> {
  await page.goto(url);
  if ((await page.evaluate<boolean>('Object.hasOwn(window, "__NIM_DEVTOOLS__")')) !== hooked) {
    throw new Error(`${url} should ${hooked ? '' : 'not '}have the page hook`);
  }
}
