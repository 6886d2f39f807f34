/**
 * `nim-devtools/playwright` as a NIM team gets it: this repository packed with `npm pack`, installed with
 * `@playwright/test` into a fresh project, and that project's own tests run by its own `playwright test`.
 * A test that holds passes; a test that expects the wrong thing fails with the tab's recording attached.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { parseRecording } from '../src/recording/parse';
import { chromiumExecutable } from '../testkit/browser';
import { type FakeNim, startFakeNim } from '../testkit/fake-nim';
import { STATIC_ROOTS } from './support/extension';
import { APP_KEY } from './support/nim';

const run = promisify(execFile);
const PLAYWRIGHT_VERSION = (
  JSON.parse(readFileSync(resolve('node_modules/@playwright/test/package.json'), 'utf8')) as { version: string }
).version;

/** The user's project: a config, a helper that logs into NIM through their app, and their tests. */
const USER_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'nim-app-e2e', private: true, type: 'module' }),
  'playwright.config.ts': `
import { defineConfig } from '@playwright/test';
export default defineConfig({ testMatch: '*.spec.ts', workers: 1, timeout: 60_000 });
`,
  'login.ts': `
import type { Page } from '@playwright/test';

interface App {
  loaded: Promise<void>;
  getInstance(name: string, options: Record<string, unknown>): void;
  call(name: string, method: string): Promise<string | null>;
}
declare const window: { app: App };

/** Opens the app and logs \`account\` in with the NIM Web SDK. */
export async function logIn(page: Page, account: string): Promise<void> {
  await page.goto(process.env.NIM_APP_URL ?? '');
  await page.evaluate(() => window.app.loaded);
  const options = { ...JSON.parse(process.env.NIM_SDK_OPTIONS ?? '{}'), account, token: \`token-of-\${account}\` };
  await page.evaluate((o) => window.app.getInstance('main', o), options);
}

export async function logOut(page: Page): Promise<void> {
  await page.evaluate(() => window.app.call('main', 'disconnect'));
}
`,
  'reconnect.spec.ts': `
import { expect, test } from 'nim-devtools/playwright';
import { logIn, logOut } from './login.js';

test('gets its connection back after a network drop, and closes it on logout', async ({ page, nimDevtools }) => {
  await logIn(page, 'alice');
  await nimDevtools.expectState('alice', 'connected');

  expect(await nimDevtools.drop({ account: 'alice' })).toBe(1);
  const retry = await nimDevtools.waitFor('sdk.willReconnect');
  expect(retry.data.retryCount).toBe(1);
  await nimDevtools.expectState('alice', 'connected');

  await logOut(page);
  await nimDevtools.expectState('alice', 'disconnected');
  await nimDevtools.expectNoLingeringSockets();
  await nimDevtools.expectNoFindings({ severity: 'error' });
  expect(JSON.stringify(await nimDevtools.recording())).not.toContain('token-of-alice');
});
`,
  'stays-offline.spec.ts': `
import { test } from 'nim-devtools/playwright';
import { logIn } from './login.js';

// Wrong on purpose: the SDK reconnects by itself after a drop.
test('stays offline after a network drop', async ({ page, nimDevtools }) => {
  await logIn(page, 'bob');
  await nimDevtools.expectState('bob', 'connected');
  await nimDevtools.drop();
  await nimDevtools.expectState('bob', 'disconnected', { timeout: 3000 });
});
`,
  // Type-checked, not run: the published declarations are precise, not \`any\`.
  'types.check.ts': `
import { test } from 'nim-devtools/playwright';

test('types', async ({ nimDevtools }) => {
  const connect = await nimDevtools.waitFor('sdk.connect', (e) => e.data.ip !== undefined);
  const ip: string | undefined = connect.data.ip;
  const findings = await nimDevtools.diagnostics({ profile: 'wechat-miniprogram' });
  const rules: string[] = findings.map((f) => f.rule);
  // @ts-expect-error: not a connection state
  await nimDevtools.expectState('alice', 'flying');
  // @ts-expect-error: not an event kind
  await nimDevtools.events('sdk.flying');
  return { ip, rules };
});
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
    },
    include: ['*.ts'],
  }),
};

/** This runner's environment without what Playwright set for its own workers (loaders, worker ids). */
function ownEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(PW_|PLAYWRIGHT_|TEST_|NODE_OPTIONS$)/.test(key)),
  );
}

interface JsonReport {
  stats: { expected: number; unexpected: number };
  suites: { specs: { title: string; tests: { results: JsonResult[] }[] }[] }[];
}
interface JsonResult {
  status: string;
  attachments: { name: string; contentType: string; path?: string; body?: string }[];
}

test.describe.configure({ mode: 'serial' });

test.describe('the package nim-devtools/playwright in a user’s project', () => {
  test.setTimeout(240_000);
  let project: string;
  let fakeNim: FakeNim;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const built = resolve('dist/playwright/index.js');
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first.`);
    project = mkdtempSync(join(tmpdir(), 'nim-devtools-user-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project]);
    const tarball = join(project, (JSON.parse(stdout) as { filename: string }[])[0]?.filename ?? '');
    for (const [name, text] of Object.entries(USER_FILES)) writeFileSync(join(project, name), text);
    // Installed once for every case here; @types/node only for the type check.
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        tarball,
        `@playwright/test@${PLAYWRIGHT_VERSION}`,
        '@types/node@20',
      ],
      { cwd: project },
    );
    fakeNim = await startFakeNim({ staticRoots: STATIC_ROOTS });
  });

  test.afterAll(async () => {
    await fakeNim?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  /** Runs the user's `playwright test <file>` in their project; returns its exit code and JSON report. */
  async function playwrightTest(file: string): Promise<{ code: number; report: JsonReport }> {
    const env = {
      ...ownEnvironment(),
      CHROMIUM_PATH: chromiumExecutable() ?? '',
      NIM_APP_URL: `${fakeNim.httpUrl}/pages/nim-app.html`,
      NIM_SDK_OPTIONS: JSON.stringify({
        appKey: APP_KEY,
        db: false,
        dbLog: false,
        privateConf: fakeNim.privateConf(),
      }),
    };
    const cli = join(project, 'node_modules', '.bin', 'playwright');
    const args = ['test', file, '--reporter=json'];
    try {
      const { stdout } = await run(cli, args, { cwd: project, env, maxBuffer: 256 * 1024 * 1024 });
      return { code: 0, report: JSON.parse(stdout) as JsonReport };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number' || !failed.stdout) throw error;
      return { code: failed.code, report: JSON.parse(failed.stdout) as JsonReport };
    }
  }

  const resultsOf = (report: JsonReport) =>
    report.suites.flatMap((suite) => suite.specs.flatMap((spec) => spec.tests.flatMap((t) => t.results)));

  test('installs with types that a nodenext project type-checks', async () => {
    const tsc = resolve('node_modules/typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', project, '--pretty', 'false']).then(
      () => 'clean',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(checked).toBe('clean');
  });

  test('a user’s test that holds passes, with no recording attached', async () => {
    const { code, report } = await playwrightTest('reconnect.spec.ts');
    const [result] = resultsOf(report);
    expect(result?.status, JSON.stringify(report, null, 1).slice(0, 4000)).toBe('passed');
    expect(code).toBe(0);
    expect(report.stats).toMatchObject({ expected: 1, unexpected: 0 });
    expect(result?.attachments.map((a) => a.name)).not.toContain('nim-devtools-recording.json');
  });

  test('a user’s test that expects the wrong thing fails, with the tab’s recording attached', async () => {
    const { code, report } = await playwrightTest('stays-offline.spec.ts');
    expect(code).toBe(1);
    expect(report.stats).toMatchObject({ expected: 0, unexpected: 1 });
    const [result] = resultsOf(report);
    expect(result?.status).toBe('failed');
    const attachment = result?.attachments.find((a) => a.name === 'nim-devtools-recording.json');
    expect(attachment?.contentType).toBe('application/json');
    const text = attachment?.path
      ? readFileSync(attachment.path, 'utf8')
      : Buffer.from(attachment?.body ?? '', 'base64').toString();

    // A recording our own import accepts, holding the evidence: the injected drop and the SDK's reconnect.
    const parsed = parseRecording(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const kinds = parsed.recording.events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['page.navigate', 'sdk.connect', 'fault.start', 'sdk.willReconnect']));
    expect(parsed.recording.page.url).toContain('/pages/nim-app.html');
    expect(text).not.toContain('token-of-bob');
  });
});
