/**
 * Install cost: what the extension adds to every page the user opens, measured three ways.
 *
 * 1. The hook's own main-thread time, where it really runs: Chrome's trace of a blank page's load in the
 *    browser with the extension, each in a new tab (a new renderer, so a first visit: nothing compiled yet),
 *    `EvaluateScript` of `hook.iife.js` at document_start plus its later calls (the relay handshake). The relay
 *    content script is timed the same way. Tracing adds a little overhead of its own, so these figures lean high.
 * 2. The whole extension's effect on a blank page, side by side: the time from the response's end to the
 *    page's first inline script (`performance.mark` in `<head>`) and to `domContentLoadedEventEnd`, without vs
 *    with the extension. This includes Chrome's own work to inject two content scripts and create the relay's
 *    isolated world.
 * 3. The hook's size: `dist/chrome/extension/hook.iife.js` as built (minified), and gzipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BenchBrowser, inNewTab } from './lib/browsers';
import type { Row } from './lib/report';
import { alternate, summarize } from './lib/stats';
import { scriptTime, traceNavigation } from './lib/trace';

/** The hook runs in every frame of every site: its install on a first visit, where nothing is compiled yet. */
const HOOK_INSTALL_MS = 0.3;

/**
 * The hook's size budget, in minified KB: what V8 must scan on every first visit to every frame of every site
 * (the install row above is its price). Gzip does not matter here (the file is read from disk). The budget is
 * the size of what the hook does today with little room: a new feature must pay for itself or move the budget
 * in a reviewed change; `results.json` has each module's share.
 */
const HOOK_BUDGET_KB = 56;

export interface InstallCostOptions {
  origin: string;
  /** The extension directory the `with` browser loaded. */
  extensionDir: string;
  traceReps: number;
  loadReps: number;
}

export async function benchInstallCost(
  without: BenchBrowser,
  withExtension: BenchBrowser,
  options: InstallCostOptions,
): Promise<Row[]> {
  const blank = `${options.origin}/pages/blank.html`;
  const rows: Row[] = [];

  // 1. Traced loads in the browser with the extension.
  const base = `chrome-extension://${withExtension.extensionId}/extension`;
  const traced = {
    hook: [] as number[],
    hookCompile: [] as number[],
    handshake: [] as number[],
    relay: [] as number[],
    relayCompile: [] as number[],
    total: [] as number[],
  };
  await withExtension.page.goto(blank); // warm-up: starts the worker
  for (let i = 0; i < options.traceReps; i++) {
    const events = await inNewTab(withExtension, (page) => traceNavigation(page, blank));
    const hook = scriptTime(events, `${base}/hook.iife.js`);
    const relay = scriptTime(events, `${base}/relay.iife.js`);
    if (hook.evaluateMs === 0 || relay.evaluateMs === 0) throw new Error('the trace shows no content script run');
    traced.hook.push(hook.evaluateMs);
    traced.hookCompile.push(hook.compileMs);
    traced.handshake.push(hook.callsMs);
    traced.relay.push(relay.evaluateMs + relay.callsMs);
    traced.relayCompile.push(relay.compileMs);
    traced.total.push(hook.evaluateMs + hook.callsMs + relay.evaluateMs + relay.callsMs);
  }
  const hookInstall = summarize(traced.hook);
  rows.push(
    {
      suite: 'install',
      name: 'hook install at document_start, first visit (traced EvaluateScript)',
      unit: 'ms',
      kind: 'value',
      value: hookInstall.median,
      spread: hookInstall,
      target: `≤ ${HOOK_INSTALL_MS} ms`,
      ok: hookInstall.median <= HOOK_INSTALL_MS,
    },
    info('  of which V8 compile (the rest runs the top-level code and compiles what it calls)', traced.hookCompile),
    info('hook: later calls during load (relay handshake)', traced.handshake),
    info('relay content script (evaluate + calls)', traced.relay),
    info('  of which V8 compile', traced.relayCompile),
    info('both content scripts, total main-thread time', traced.total),
  );

  // 2. A blank page's first script and DOMContentLoaded, without vs with the extension, alternating.
  const timings = (browser: BenchBrowser) => async () => {
    await browser.page.goto(blank, { waitUntil: 'load' });
    return browser.page.evaluate<{ firstScript: number; dcl: number }>(`(() => {
      const [mark] = performance.getEntriesByName('bench:first-script');
      const [navigation] = performance.getEntriesByType('navigation');
      // From the response's end: what the network and the navigation itself took varies far more between loads
      // than the content scripts do, and happens before they run.
      return {
        firstScript: mark.startTime - navigation.responseEnd,
        dcl: navigation.domContentLoadedEventEnd - navigation.responseEnd,
      };
    })()`);
  };
  const loads = await alternate(options.loadReps, 2, timings(without), timings(withExtension));
  for (const [metric, name] of [
    ['firstScript', 'blank page: response end → first inline script'],
    ['dcl', 'blank page: response end → domContentLoadedEventEnd'],
  ] as const) {
    const a = loads.a.map((sample) => sample[metric]);
    const b = loads.b.map((sample) => sample[metric]);
    const added = b.map((value, i) => value - (a[i] as number));
    const withoutSummary = summarize(a);
    const withSummary = summarize(b);
    rows.push({
      suite: 'install',
      name: `${name}, added (with − without)`,
      unit: 'ms',
      kind: 'value',
      without: withoutSummary,
      with: withSummary,
      value: withSummary.median - withoutSummary.median,
      spread: summarize(added),
      target: '',
      note: 'difference of medians; spread is of adjacent pairs',
    });
  }

  // 3. Size as built; the relay content script runs on every page too.
  const size = (file: string) => readFileSync(join(options.extensionDir, 'extension', file));
  const kib = (bytes: number) => bytes / 1024;
  const hook = size('hook.iife.js');
  const relay = size('relay.iife.js');
  rows.push(
    {
      suite: 'install',
      name: 'hook.iife.js, minified (the size budget)',
      unit: 'KB',
      kind: 'value',
      value: kib(hook.length),
      target: `≤ ${HOOK_BUDGET_KB} KB`,
      ok: kib(hook.length) <= HOOK_BUDGET_KB,
      note: `${hook.length} bytes (KB = 1,024 bytes)`,
    },
    {
      suite: 'install',
      name: 'hook.iife.js, gzipped',
      unit: 'KB',
      kind: 'value',
      value: kib(gzipSync(hook).length),
      target: '',
    },
    {
      suite: 'install',
      name: 'relay.iife.js, minified',
      unit: 'KB',
      kind: 'value',
      value: kib(relay.length),
      target: '',
    },
  );
  return rows;
}

function info(name: string, samples: number[]): Row {
  const summary = summarize(samples);
  return { suite: 'install', name, unit: 'ms', kind: 'value', value: summary.median, spread: summary, target: '' };
}
