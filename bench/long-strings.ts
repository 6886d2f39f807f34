/**
 * Long strings (issue 20): what the extension adds to the page's own time for one SDK call that carries a long
 * string, on the real SDK with debug logs and a `logFunc` (how NIM developers run it while debugging), against
 * the fake NIM deployment on 127.0.0.1. `sendText` makes the SDK log the whole message at debug level;
 * `getInstance` redacts and fingerprints its options. Both browsers alternate; the figure is the added time,
 * median(with) − median(without), and how it grows when the size doubles (linear: at most twice).
 */
import { resolve } from 'node:path';
import { startFakeNim } from '../testkit/fake-nim';
import { type BenchBrowser, gotoExpectingHook } from './lib/browsers';
import type { Row } from './lib/report';
import { alternate, summarize } from './lib/stats';

export interface LongStringOptions {
  reps: number;
}

const KB = 1024;
/** The sizes the issue names (64 KB, 1 MB) and one doubling of the larger, to see the growth. */
const SIZES = [64 * KB, 1024 * KB, 2048 * KB];
const TARGET_MS: Record<number, number> = { [64 * KB]: 1, [1024 * KB]: 5 };

type Call = 'sendText' | 'getInstance';

export async function benchLongStrings(
  without: BenchBrowser,
  withExtension: BenchBrowser,
  options: LongStringOptions,
): Promise<Row[]> {
  const fake = await startFakeNim({
    staticRoots: {
      '/sdk/': resolve(import.meta.dirname, '../node_modules/@yxim/nim-web-sdk/dist/SDK'),
      '/pages/': resolve(import.meta.dirname, 'pages'),
    },
  });
  const url = `${fake.httpUrl}/pages/long-strings.html?conf=${encodeURIComponent(JSON.stringify(fake.privateConf()))}`;
  const run = (browser: BenchBrowser, hooked: boolean, call: Call, size: number) => async (): Promise<number> => {
    await gotoExpectingHook(browser.page, url, hooked);
    if (call === 'sendText') await browser.page.evaluate('bench.login()');
    return (await browser.page.evaluate<{ ms: number }>(`bench.${call}(${size})`)).ms;
  };
  const rows: Row[] = [];
  try {
    for (const call of ['sendText', 'getInstance'] as const) {
      const added = new Map<number, number>();
      for (const size of SIZES) {
        const samples = await alternate(
          options.reps,
          1,
          run(without, false, call, size),
          run(withExtension, true, call, size),
        );
        const a = summarize(samples.a);
        const b = summarize(samples.b);
        const extra = b.median - a.median;
        added.set(size, extra);
        const target = TARGET_MS[size];
        rows.push({
          suite: 'long strings',
          name: `${call} with a ${size / KB} KB string, debug logs: added time`,
          unit: 'ms',
          kind: 'value',
          without: a,
          with: b,
          value: extra,
          spread: summarize(samples.b.map((ms, i) => ms - (samples.a[i] as number))),
          target: target === undefined ? '' : `≤ ${target} ms`,
          ok: target === undefined ? undefined : extra <= target,
        });
      }
      const [, large = 0, double = 0] = SIZES.map((size) => added.get(size) ?? 0);
      rows.push({
        suite: 'long strings',
        name: `${call}: added time at 2 MB / at 1 MB`,
        unit: '×',
        kind: 'value',
        value: large > 0 ? double / large : 0,
        target: '≤ ×2',
        ok: double <= 2 * Math.max(large, 0.05),
        note: 'linear growth: doubling the string at most doubles the added time (an added time under 0.05 ms counts as 0.05)',
      });
    }
  } finally {
    await fake.close();
  }
  return rows;
}
