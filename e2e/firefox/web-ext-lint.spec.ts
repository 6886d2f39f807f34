/**
 * `web-ext lint` (Mozilla's addons-linter, offline) on the Firefox build: what addons.mozilla.org would refuse
 * fails here first. No browser needed.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { FIREFOX_EXTENSION_DIR } from './fixtures';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const WEB_EXT = resolve('node_modules/web-ext/bin/web-ext.js');

async function lint(sourceDir: string): Promise<LintReport> {
  const args = [WEB_EXT, 'lint', '-s', sourceDir, '--self-hosted=false', '-o', 'json', '--no-config-discovery'];
  // web-ext exits non-zero when it finds errors; the JSON report is on stdout either way.
  const stdout = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return JSON.parse(stdout) as LintReport;
}

test('web-ext lint finds no errors in dist/firefox', async () => {
  test.setTimeout(120_000);
  const testInfo = test.info();
  const report = await lint(FIREFOX_EXTENSION_DIR);
  // Warnings do not block a listing, but whoever reads the report should see them.
  for (const warning of report.warnings) {
    testInfo.annotations.push({
      type: 'web-ext warning',
      description: `${warning.code} ${warning.file ?? ''}: ${warning.message}`,
    });
  }
  expect(report.errors.map((error) => `${error.code} ${error.file ?? ''}: ${error.message}`)).toEqual([]);
});
