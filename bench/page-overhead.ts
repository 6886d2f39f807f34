/**
 * Page overhead: what the extension costs a page that uses WebSockets. Both browsers load the same page from
 * the bench server and time, in the page (`performance.now()`), a burst of server-pushed frames and a
 * ping-pong; runs alternate between the browsers (A B, B A, …) and the figure is the ratio of the medians.
 * The renderer main thread's CPU time over the same runs is reported beside it (see `lib/cpu.ts`).
 *
 * The breakdown then finds what bounds the overhead, in the browser without the extension: the plain page
 * against the same page with one more no-op `message` listener per socket, with `send` behind a forwarding
 * Proxy, and with the built hook alone (no relay, no background), in rotation.
 */
import { type BenchBrowser, gotoExpectingHook } from './lib/browsers';
import { PageCpu } from './lib/cpu';
import type { Row } from './lib/report';
import { alternate, ratio, rotate, summarize } from './lib/stats';

export interface PageOverheadOptions {
  origin: string;
  reps: number;
  breakdownReps: number;
  burstFrames: number;
  burstBytes: number;
  roundTrips: number;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

interface Workload {
  name: string;
  expression: string;
  /** The largest acceptable ratio with / without the extension, for the page's time and its main-thread CPU alike. */
  target: number;
}

/** A socket that is no NIM link costs the hook nothing per frame: what is left must be within the noise. */
const GENERIC_SOCKET_TARGET = 1.01;

function workloads({ burstFrames: n, burstBytes: bytes, roundTrips }: PageOverheadOptions): Workload[] {
  const count = (value: number) => value.toLocaleString('en-US');
  return [
    {
      name: `burst, ${count(n)} text frames of ${bytes} B`,
      expression: `bench.burst(${n}, ${bytes}, 'text')`,
      target: GENERIC_SOCKET_TARGET,
    },
    {
      name: `burst, ${count(n)} binary frames of ${bytes} B`,
      expression: `bench.burst(${n}, ${bytes}, 'binary')`,
      target: GENERIC_SOCKET_TARGET,
    },
    {
      name: `burst on a NIM link socket, ${count(n)} chat frames of ${bytes} B`,
      expression: `bench.nimBurst(${n}, ${bytes})`,
      target: 1.05,
    },
    {
      name: `ping-pong, ${count(roundTrips)} round trips`,
      expression: `bench.pingPong(${roundTrips}, 64)`,
      target: GENERIC_SOCKET_TARGET,
    },
  ];
}

/**
 * One timed run: a fresh load of the page, then the workload, timed in the page and as main-thread CPU.
 * `hooked`: whether the page must (or must not) have the page hook, checked before every run.
 */
function runner(browser: BenchBrowser, cpu: PageCpu, url: string, workload: Workload, hooked: boolean) {
  return async (): Promise<Sample> => {
    await gotoExpectingHook(browser.page, url, hooked);
    const { result, cpuMs } = await cpu.measure(() => browser.page.evaluate<{ ms: number }>(workload.expression));
    return { wallMs: result.ms, cpuMs };
  };
}

export async function benchPageOverhead(
  without: BenchBrowser,
  withExtension: BenchBrowser,
  options: PageOverheadOptions,
): Promise<Row[]> {
  const url = `${options.origin}/pages/ws.html`;
  const cpuWithout = new PageCpu(without.page);
  const cpuWith = new PageCpu(withExtension.page);
  const rows: Row[] = [];
  for (const workload of workloads(options)) {
    const samples = await alternate(
      options.reps,
      2,
      runner(without, cpuWithout, url, workload, false),
      runner(withExtension, cpuWith, url, workload, true),
    );
    for (const metric of ['wallMs', 'cpuMs'] as const) {
      const a = samples.a.map((sample) => sample[metric]);
      const b = samples.b.map((sample) => sample[metric]);
      const compared = ratio(a, b);
      const wall = metric === 'wallMs';
      rows.push({
        suite: 'page',
        name: wall ? workload.name : `  same runs, renderer main-thread CPU`,
        unit: 'ms',
        kind: 'ratio',
        without: summarize(a),
        with: summarize(b),
        value: compared.ratio,
        spread: compared.pairs,
        target: `≤ ×${workload.target.toFixed(2)}`,
        ok: compared.ratio <= workload.target,
      });
    }
  }
  return rows;
}

const VARIANTS = [
  { variant: 'listener', name: 'one more no-op message listener' },
  { variant: 'send-proxy', name: 'send behind a forwarding Proxy' },
  { variant: 'hook', name: 'the hook alone (no relay, no background)' },
] as const;

export async function benchHookBreakdown(without: BenchBrowser, options: PageOverheadOptions): Promise<Row[]> {
  const cpu = new PageCpu(without.page);
  const url = (variant: string) => `${options.origin}/pages/ws.html?variant=${variant}`;
  const rows: Row[] = [];
  for (const workload of workloads(options)) {
    const runs = [
      runner(without, cpu, url(''), workload, false),
      ...VARIANTS.map(({ variant }) => runner(without, cpu, url(variant), workload, variant === 'hook')),
    ];
    const [plain = [], ...others] = await rotate(options.breakdownReps, 1, runs);
    const plainCpu = plain.map((sample) => sample.cpuMs);
    VARIANTS.forEach(({ name }, i) => {
      const first = rows.length === 0;
      const variantCpu = (others[i] ?? []).map((sample) => sample.cpuMs);
      const compared = ratio(plainCpu, variantCpu);
      rows.push({
        suite: 'breakdown',
        name: `${workload.name}: + ${name}, main-thread CPU`,
        unit: 'ms',
        kind: 'ratio',
        without: summarize(plainCpu),
        with: summarize(variantCpu),
        value: compared.ratio,
        spread: compared.pairs,
        target: '',
        ...(first && {
          note: 'breakdown rows: "without ext." is the plain page, "with ext." the page with the one addition; both run in the browser without the extension',
        }),
      });
    });
  }
  return rows;
}
