/**
 * `npm start`: the product at work on something real, in one command.
 *
 * 1. Builds the extension (`npm run build`; `--no-build` skips it).
 * 2. Starts the local fake NIM deployment (testkit/fake-nim), which serves the demo page (`demo/`) and the real
 *    NIM Web SDK from node_modules, and the demo's control server, through which the page makes the fake server
 *    reject a token, kick an account or drop a connection.
 * 3. Opens Chromium with the extension and DevTools on the NIM panel.
 *    - With a screen: stays open until the browser is closed or Ctrl+C, then cleans up.
 *    - Without one (or `--headless`): plays the scripted tour (scripts/demo/tour.ts), writes screenshots of the
 *      panel and `recording.json` to `out/demo/` (`--out`), prints where they are, and exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExtensionBrowser, launchWithExtension } from '../testkit/browser';
import { openNimPanel } from '../testkit/devtools-panel';
import { type FakeNim, startFakeNim } from '../testkit/fake-nim';
import { type ControlServer, startControlServer } from './demo/control-server';
import { type DemoOptions, parseDemoOptions, USAGE } from './demo/options';
import { playTour } from './demo/tour';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION_DIR = resolve(ROOT, 'dist/chrome');
/** Any 32 hex-ish characters: the fake deployment accepts every appKey. */
const DEMO_APP_KEY = 'demoappkey0123456789abcdef012345';

/** What the fake deployment serves: the demo page and the real SDK's browser builds, on one origin. */
const STATIC_ROOTS = {
  '/demo/': resolve(ROOT, 'demo'),
  '/sdk/': resolve(ROOT, 'node_modules/@yxim/nim-web-sdk/dist/SDK'),
  '/sdk10/': resolve(ROOT, 'node_modules/nim-web-sdk-ng/dist/v2'),
};

const say = (line: string) => console.log(line);

async function main(): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseDemoOptions(process.argv.slice(2), process.env, ROOT);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    say(USAGE);
    return 0;
  }
  const started = Date.now();
  if (options.build) await run('npm', ['run', 'build']);
  if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${relative(process.cwd(), EXTENSION_DIR)} has no build: run \`npm run build\` or drop --no-build`);
  }

  const running: { fake?: FakeNim; control?: ControlServer; browser?: ExtensionBrowser } = {};
  const cleanUp = async () => {
    // Already gone when the user closed it or Playwright's own Ctrl+C handler did: nothing left to close then.
    await running.browser?.close().catch(() => undefined);
    await running.control?.close();
    await running.fake?.close();
  };
  // Playwright's own Ctrl+C handler closes the browser and exits at once; the profile still goes, synchronously.
  process.once('exit', () => {
    if (running.browser) rmSync(running.browser.userDataDir, { recursive: true, force: true });
  });

  try {
    running.fake = await startFakeNim({ staticRoots: STATIC_ROOTS });
    running.control = await startControlServer({
      fake: running.fake,
      appKey: DEMO_APP_KEY,
      pageOrigin: running.fake.httpUrl,
    });
    const pageUrl = `${running.fake.httpUrl}/demo/index.html?control=${encodeURIComponent(running.control.url)}`;
    say(`Fake NIM deployment: ${running.fake.httpUrl} (link ${running.fake.linkAddress})`);
    say(`Demo page:           ${pageUrl}`);

    running.browser = await launchWithExtension({
      extensionDir: EXTENSION_DIR,
      devtools: true,
      headless: options.headless,
      // A window that fits the demo page and a docked DevTools side by side.
      args: options.headless ? [] : ['--window-size=1500,950'],
    });

    if (options.headless) {
      say('No display (or --headless): playing the scripted tour in headless Chromium…');
      const result = await playTour({ browser: running.browser, pageUrl, outDir: options.outDir, say });
      say(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s; ${result.eventCount} events recorded.`);
      for (const file of result.files) say(`  ${relative(process.cwd(), file) || file}`);
      return 0;
    }

    await showDemo(running.browser, pageUrl);
    return 0;
  } finally {
    await cleanUp();
  }
}

/** Opens the demo page with the NIM panel shown, then waits for the user to close the browser or press Ctrl+C. */
async function showDemo(browser: ExtensionBrowser, pageUrl: string): Promise<void> {
  const closed = new Promise<void>((resolveClosed) => {
    browser.context.once('close', () => resolveClosed());
    process.once('SIGINT', () => resolveClosed());
    process.once('SIGTERM', () => resolveClosed());
  });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(pageUrl);
  const panel = await openNimPanel({
    userDataDir: browser.userDataDir,
    extensionId: browser.extensionId,
    pageUrl: page.url(),
  }).catch((error: unknown) => {
    say(`Could not switch DevTools to the NIM panel (${String(error)}); pick the "NIM" tab by hand.`);
    return undefined;
  });
  panel?.close();
  say('\nChromium is open with DevTools on the NIM panel. Press the demo page’s buttons and watch the panel.');
  say('Close the browser or press Ctrl+C to stop.');
  await closed;
  say('Closing…');
}

/** Runs a command with the terminal attached; rejects if it fails. */
function run(command: string, args: string[]): Promise<void> {
  say(`> ${command} ${args.join(' ')}`);
  return new Promise((resolveRun, reject) => {
    // npm is a .cmd script on Windows: only a shell finds it there.
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolveRun();
      else reject(new Error(`\`${command} ${args.join(' ')}\` failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
