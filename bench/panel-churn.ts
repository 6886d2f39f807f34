/**
 * The panel while a page churns sockets: open on its Sockets view, 200 sockets a second opened and closed amid
 * 1,000 events a second, until a session of 1,000 and then 2,000 sockets; a user clicks a tab every 250 ms. The
 * figures: the worst click's time to next paint, and the longest main-thread task. Each run is a fresh page.
 */
import type { BenchBrowser } from './lib/browsers';
import { buildHarnessPage } from './lib/harness-page';
import type { Row } from './lib/report';
import type { BenchServer } from './lib/server';
import { summarize } from './lib/stats';

export interface PanelChurnOptions {
  server: BenchServer;
  /** Session sizes, in sockets made. */
  sessions: readonly number[];
  reps: number;
}

/** The target: the panel answers within 250 ms. */
const ANSWER_MS = 250;

export async function benchPanelChurn(browser: BenchBrowser, options: PanelChurnOptions): Promise<Row[]> {
  const harness = await buildHarnessPage('panel-churn');
  options.server.mount('panel-churn', harness.dir);
  const rows: Row[] = [];
  try {
    for (const sockets of options.sessions) {
      const worst: number[] = [];
      const p95: number[] = [];
      const longest: number[] = [];
      for (let rep = 0; rep < options.reps; rep++) {
        await browser.page.goto(`${options.server.origin}/panel-churn/index.html`);
        const run = await browser.page.evaluate<{
          latencies: number[];
          longTasks: number[];
          shownSockets: number;
          rows: number;
        }>(`harness.churn(${sockets})`);
        if (run.shownSockets < sockets || run.rows === 0 || run.latencies.length === 0) {
          throw new Error(`the panel shows ${run.shownSockets} sockets in ${run.rows} rows`);
        }
        const sorted = [...run.latencies].sort((a, b) => a - b);
        worst.push(sorted[sorted.length - 1] as number);
        p95.push(sorted[Math.floor(sorted.length * 0.95)] as number);
        longest.push(Math.max(0, ...run.longTasks));
      }
      const count = sockets.toLocaleString('en-US');
      const row = (name: string, values: number[], target = '', limit?: number): Row => {
        const summary = summarize(values);
        return {
          suite: 'panel',
          name,
          unit: 'ms',
          kind: 'value',
          value: summary.median,
          spread: summary,
          target,
          ok: limit === undefined ? undefined : summary.median < limit,
        };
      };
      rows.push(
        row(
          `churn (200 sockets/s, 1,000 events/s) to ${count} sockets: slowest tab click, to next paint`,
          worst,
          `< ${ANSWER_MS} ms`,
          ANSWER_MS,
        ),
        row('  same runs: 95th percentile click, to next paint', p95),
        row('  same runs: longest main-thread task (≥ 50 ms, else 0)', longest),
      );
    }
  } finally {
    harness.remove();
  }
  return rows;
}
