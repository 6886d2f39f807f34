/**
 * Launching Chromium with the built extension: shared by the e2e suite, the demo and the users' fixture.
 * The browser comes from CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own build.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Worker } from '@playwright/test';

/** Flags that keep Chromium quiet on a closed network (without them it floods refused connections). */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumExecutable(explicit?: string): string | undefined {
  const candidate = explicit ?? process.env.CHROMIUM_PATH;
  if (candidate) return candidate;
  // Undefined lets Playwright use its own downloaded browser on a developer's machine.
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export interface LaunchOptions {
  extensionDir: string;
  headless?: boolean;
  /** Opens a DevTools window for every tab and exposes CDP, so tests can drive the real panel. */
  devtools?: boolean;
  executablePath?: string;
  args?: string[];
  /** Passed on to the persistent context: `baseURL`, `viewport`, `locale`… from a user's Playwright config. */
  contextOptions?: BrowserContextOptions;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'nim-devtools-profile-'));
  const args = [
    ...QUIET_FLAGS,
    `--disable-extensions-except=${options.extensionDir}`,
    `--load-extension=${options.extensionDir}`,
    ...(options.devtools ? ['--auto-open-devtools-for-tabs', '--remote-debugging-port=0'] : []),
    ...(options.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...options.contextOptions,
    executablePath: chromiumExecutable(options.executablePath),
    headless: options.headless ?? true,
    args,
    // Playwright's defaults disable extensions (ours are enabled above) and the back/forward cache, which a
    // real browser has and the extension must handle.
    ignoreDefaultArgs: ['--disable-extensions', '--disable-back-forward-cache'],
  });
  const serviceWorker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const worker = await serviceWorker();
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
