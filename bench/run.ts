/**
 * `npm run bench`: every performance figure of the project, measured side by side in one run on this machine,
 * printed as a table and written to `bench/results.json`. Needs a built `dist/chrome` (`npm run build`).
 * Targets live here only: tests never assert on time.
 *
 *   npm run bench                     everything (about 10 minutes on 2 cores); then the figures in README.md
 *                                     and bench/README.md are rewritten from the new results.json
 *   npm run bench -- --quick          fewer repetitions, for a look (not for results.json)
 *   npm run bench -- --only=panel     any of: page, breakdown, long-strings, socket-churn, frames, install, relay,
 *                                     panel, size
 *   npm run bench -- --docs-only      no measuring: both READMEs' figures regenerated from results.json
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromiumExecutable } from '../testkit/browser';
import { benchChurn } from './churn';
import { benchFrames } from './frames';
import { measureHookSize } from './hook-size';
import { benchInstallCost } from './install-cost';
import {
  assertOnlyTheExtensionDiffers,
  type BenchBrowser,
  launchWith,
  launchWithout,
  snapshotBuild,
} from './lib/browsers';
import { writeDocs } from './lib/docs';
import { describeMachine, round2 } from './lib/machine';
import { formatRows, type Row } from './lib/report';
import { type BenchResults, readResults, writeResults } from './lib/results';
import { startBenchServer } from './lib/server';
import { benchLongStrings } from './long-strings';
import { benchHookBreakdown, benchPageOverhead } from './page-overhead';
import { benchPanel } from './panel';
import { benchRelay, type RelayVariant } from './relay';
import { buildInMemoryBackground } from './variants/build';

const SUITES = [
  'page',
  'breakdown',
  'long-strings',
  'socket-churn',
  'frames',
  'install',
  'relay',
  'panel',
  'size',
] as const;
type Suite = (typeof SUITES)[number];

const args = process.argv.slice(2);
if (args.includes('--docs-only')) {
  writeDocs(readResults());
  console.log('README.md and bench/README.md regenerated from bench/results.json');
  process.exit(0);
}
const quick = args.includes('--quick');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const selected = new Set<Suite>(SUITES.filter((suite) => !only || only.includes(suite)));

const REPS = quick
  ? { page: 3, breakdown: 2, socketChurn: 3, frames: 4, trace: 5, loads: 6, relay: 1, panel: 2 }
  : { page: 15, breakdown: 9, socketChurn: 7, frames: 15, trace: 20, loads: 60, relay: 3, panel: 5 };
const WORKLOAD = {
  burstFrames: 30_000,
  burstBytes: 120,
  roundTrips: 3_000,
  churnSockets: 1_000,
  churnParallel: 10,
  frames: 30,
  floods: [10_000, 30_000],
  panelEvents: 100_000,
};

const started = Date.now();
const build = snapshotBuild();
const machine = describeMachine(chromiumExecutable(), build.dir);
console.log(`machine: ${machine.cpu}, ${machine.nproc} cores, load ${machine.loadAverage.start.join(' ')}`);
if (machine.uncommitted?.length) {
  console.log(`uncommitted changes (results.json will say so): ${machine.uncommitted.join(', ')}`);
}
const server = await startBenchServer();
server.mount('ext', resolve(build.dir, 'extension'));
const rows: Row[] = [];
let hookModules: BenchResults['hookModules'];
let browserFlags: string[] | undefined;
const log = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);

try {
  if (
    ['page', 'breakdown', 'long-strings', 'socket-churn', 'frames', 'install'].some((suite) =>
      selected.has(suite as Suite),
    )
  ) {
    // The two browsers are open together only here, where runs must alternate; only one works at a time.
    const without = await launchWithout();
    const withExtension = await launchWith(build.dir);
    try {
      assertOnlyTheExtensionDiffers(without, withExtension);
      browserFlags = without.flags;
      const pageOptions = { origin: server.origin, reps: REPS.page, breakdownReps: REPS.breakdown, ...WORKLOAD };
      if (selected.has('page')) {
        log('page overhead');
        rows.push(...(await benchPageOverhead(without, withExtension, pageOptions)));
      }
      if (selected.has('breakdown')) {
        log('page overhead breakdown');
        rows.push(...(await benchHookBreakdown(without, pageOptions)));
      }
      if (selected.has('long-strings')) {
        log('long strings on the real SDK');
        rows.push(...(await benchLongStrings(without, withExtension, { reps: REPS.page })));
      }
      if (selected.has('socket-churn')) {
        log('socket churn in the page');
        rows.push(
          ...(await benchChurn(without, withExtension, {
            origin: server.origin,
            reps: REPS.socketChurn,
            sockets: WORKLOAD.churnSockets,
            parallel: WORKLOAD.churnParallel,
          })),
        );
      }
      if (selected.has('frames')) {
        log('frames, first visit');
        rows.push(
          ...(await benchFrames(without, withExtension, {
            origin: server.origin,
            reps: REPS.frames,
            frames: WORKLOAD.frames,
          })),
        );
      }
      if (selected.has('install')) {
        log('install cost');
        rows.push(
          ...(await benchInstallCost(without, withExtension, {
            origin: server.origin,
            extensionDir: build.dir,
            traceReps: REPS.trace,
            loadReps: REPS.loads,
          })),
        );
      }
    } finally {
      await withExtension.close();
      await without.close();
    }
  }

  if (selected.has('size')) {
    log('hook size by module');
    hookModules = await measureHookSize();
  }

  if (selected.has('panel')) {
    log('panel');
    const browser = await launchWithout();
    try {
      rows.push(...(await benchPanel(browser, { server, events: WORKLOAD.panelEvents, reps: REPS.panel })));
    } finally {
      await browser.close();
    }
  }

  if (selected.has('relay')) {
    const variants: { variant: RelayVariant; inMemory?: boolean }[] = [
      { variant: 'as built' },
      { variant: 'in-memory store', inMemory: true },
    ];
    for (const { variant, inMemory } of variants) {
      log(`relay, ${variant}`);
      const copy = inMemory ? await buildInMemoryBackground(build.dir) : undefined;
      let browser: BenchBrowser | undefined;
      try {
        browser = await launchWith(copy?.dir ?? build.dir);
        rows.push(
          ...(await benchRelay(browser, { origin: server.origin, counts: WORKLOAD.floods, reps: REPS.relay, variant })),
        );
      } finally {
        await browser?.close();
        copy?.remove();
      }
    }
  }
} finally {
  await server.close();
  build.remove();
}

machine.loadAverage.end = loadavg().map(round2);
const durationS = Math.round((Date.now() - started) / 1000);
console.log(`\n${formatRows(rows)}\n`);
for (const row of rows.filter((r) => r.note)) console.log(`${row.suite}: ${row.name.trim()}: ${row.note}`);
if (hookModules) {
  console.log(
    `\nhook bundled again for attribution: ${hookModules.minifiedBytes} B minified, ${hookModules.gzippedBytes} B gzipped`,
  );
  for (const { module, bytes } of hookModules.modules) console.log(`${String(bytes).padStart(7)} B  ${module}`);
}
console.log(
  `\n${machine.cpu}, ${machine.nproc} cores; load average ${machine.loadAverage.start.join(' ')} at start, ${machine.loadAverage.end.join(' ')} at end; ${durationS} s`,
);

if (quick || only) {
  console.log('(--quick / --only: bench/results.json left as it was)');
} else {
  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    durationS,
    machine,
    browserFlags,
    reps: REPS,
    workload: WORKLOAD,
    rows,
    hookModules,
  };
  writeResults(results);
  writeDocs(results);
  console.log('written: bench/results.json, and the figures in README.md and bench/README.md');
}
