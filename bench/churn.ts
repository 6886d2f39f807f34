/**
 * Socket churn (issue 21): what the extension adds per socket to a page that opens and closes many generic
 * sockets (`pages/churn.js`), side by side. Two figures per socket, each the difference of the medians divided by
 * the socket count: the time inside `new WebSocket` (the hook's constructor trap), and the main-thread CPU of the
 * whole run, which holds everything else the extension does per socket in the page's thread (its open and close
 * listeners, the events, the relay in the isolated world). Then, in the browser without the extension, the plain
 * page against the page with the built hook alone (`?variant=hook`, no relay): what of that CPU is the hook's own.
 */
import { type BenchBrowser, gotoExpectingHook } from './lib/browsers';
import { PageCpu } from './lib/cpu';
import type { Row } from './lib/report';
import { alternate, summarize } from './lib/stats';

export interface ChurnOptions {
  origin: string;
  reps: number;
  sockets: number;
  /** Sockets open at once. */
  parallel: number;
}

interface Sample {
  createMs: number;
  cpuMs: number;
}

export async function benchChurn(
  without: BenchBrowser,
  withExtension: BenchBrowser,
  options: ChurnOptions,
): Promise<Row[]> {
  const url = `${options.origin}/pages/churn.html`;
  const run = (browser: BenchBrowser, hooked: boolean, variant = '') => {
    const cpu = new PageCpu(browser.page);
    return async (): Promise<Sample> => {
      await gotoExpectingHook(browser.page, `${url}?variant=${variant}`, hooked);
      const { result, cpuMs } = await cpu.measure(() =>
        browser.page.evaluate<{ createMs: number }>(`bench.churn(${options.sockets}, ${options.parallel})`),
      );
      return { createMs: result.createMs, cpuMs };
    };
  };
  const perSocket = (samples: { a: Sample[]; b: Sample[] }, metric: keyof Sample, name: string, limitMs?: number) => {
    const a = samples.a.map((sample) => sample[metric] / options.sockets);
    const b = samples.b.map((sample) => sample[metric] / options.sockets);
    const without = summarize(a);
    const withSummary = summarize(b);
    const added = withSummary.median - without.median;
    const row: Row = {
      suite: 'socket churn',
      name,
      unit: 'ms',
      kind: 'value',
      without,
      with: withSummary,
      value: added,
      spread: summarize(b.map((value, i) => value - (a[i] as number))),
      target: limitMs === undefined ? '' : `≤ ${limitMs} ms`,
      ok: limitMs === undefined ? undefined : added <= limitMs,
    };
    return row;
  };
  const sideBySide = await alternate(options.reps, 1, run(without, false), run(withExtension, true));
  const hookAlone = await alternate(options.reps, 1, run(without, false), run(without, true, 'hook'));
  const name = `${options.sockets.toLocaleString('en-US')} sockets opened and closed`;
  const create = perSocket(sideBySide, 'createMs', `${name}: inside new WebSocket, added per socket`, 0.1);
  create.note = `${options.parallel} sockets at a time; "without" and "with" are per socket; spread is of adjacent pairs`;
  return [
    create,
    perSocket(sideBySide, 'cpuMs', '  same runs, main-thread CPU added per socket (create, open, close, relay)', 0.3),
    perSocket(hookAlone, 'cpuMs', `${name}, the hook alone (no relay): main-thread CPU added per socket`),
  ];
}
