/**
 * Panel speed and memory at 100,000 events: the real panel (`src/panel`) in a bench page (`panel/`), built
 * with Vite like the extension's panel page and served from the bench server. Each run is a fresh page load:
 * first render of a late-opened panel, then the heap the session takes, then a user's filter changes, then the
 * Connections view opened and zoomed.
 */
import type { BenchBrowser } from './lib/browsers';
import { buildHarnessPage } from './lib/harness-page';
import type { Row } from './lib/report';
import type { BenchServer } from './lib/server';
import { summarize } from './lib/stats';
import { benchPanelChurn } from './panel-churn';

/**
 * Zoom steps timed per run in the Connections view, each 1.5× closer from the whole session: the first ones draw
 * each lane as one shape (every pixel holds a reconnect), the last ones hundreds (connected spans wider than a pixel).
 */
const CONNECTIONS_ZOOMS = 8;
/** Sessions of this many sockets made while churning (`panel-churn.ts`). */
const CHURN_SESSIONS = [1_000, 2_000];

export interface PanelOptions {
  server: BenchServer;
  events: number;
  reps: number;
}

export async function benchPanel(browser: BenchBrowser, options: PanelOptions): Promise<Row[]> {
  const harness = await buildHarnessPage('panel');
  options.server.mount('panel', harness.dir);
  const { page } = browser;
  const cdp = await page.context().newCDPSession(page);
  const heapAfterGc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  };
  const samples = { ingest: [] as number[], render: [] as number[], heap: [] as number[], steps: [] as number[][] };
  const connections = { first: [] as number[], zoom: [] as number[], drawn: '' };
  const parts = { timeline: [] as number[], diagnostics: [] as number[], render: [] as number[] };
  let names: string[] = [];
  let shown = '';
  try {
    for (let rep = 0; rep < options.reps; rep++) {
      await page.goto(`${options.server.origin}/panel/index.html`);
      const empty = await heapAfterGc();
      const generated = await page.evaluate<number>(`harness.generate(${options.events})`);
      if (generated !== options.events) throw new Error(`the harness made ${generated} events`);
      const load = await page.evaluate<{ ingestMs: number; renderMs: number; shown: string; rows: number }>(
        'harness.load()',
      );
      if (!load.shown.includes(options.events.toLocaleString('en-US')) || load.rows === 0) {
        throw new Error(`the panel shows "${load.shown}" and ${load.rows} rows`);
      }
      samples.ingest.push(load.ingestMs);
      samples.render.push(load.renderMs);
      samples.heap.push((await heapAfterGc()) - empty);
      names = await page.evaluate<string[]>('harness.steps()');
      const times: number[] = [];
      for (let i = 0; i < names.length; i++) {
        const step = await page.evaluate<{ ms: number; shown: string }>(`harness.step(${i})`);
        times.push(step.ms);
        if (i === 0) shown = step.shown;
      }
      samples.steps.push(times);
      const lanes = await page.evaluate<{ firstMs: number; zoomMs: number[]; lanes: number; segments: number }>(
        `harness.connections(${CONNECTIONS_ZOOMS})`,
      );
      if (lanes.lanes === 0 || lanes.segments === 0) throw new Error('the Connections view drew no lane');
      connections.first.push(lanes.firstMs);
      connections.zoom.push(...lanes.zoomMs);
      connections.drawn = `${lanes.lanes} lanes, ${lanes.segments} segment shapes after ${CONNECTIONS_ZOOMS} zoom steps`;
    }
    // What the first render is made of: the same load with the store's derivations run and timed on their own.
    for (let rep = 0; rep < options.reps; rep++) {
      await page.goto(`${options.server.origin}/panel/index.html`);
      await page.evaluate(`harness.generate(${options.events})`);
      const load = await page.evaluate<{ timelineMs: number; diagnosticsMs: number; renderMs: number }>(
        'harness.load(true)',
      );
      parts.timeline.push(load.timelineMs);
      parts.diagnostics.push(load.diagnosticsMs);
      parts.render.push(load.renderMs);
    }
  } finally {
    await cdp.detach();
    harness.remove();
  }

  const count = options.events.toLocaleString('en-US');
  const row = (name: string, values: number[], target: string, limit?: number, unit = 'ms'): Row => {
    const summary = summarize(values);
    return {
      suite: 'panel',
      name,
      unit,
      kind: 'value',
      value: summary.median,
      spread: summary,
      target,
      ok: limit === undefined ? undefined : summary.median < limit,
    };
  };
  const stepRows = names.map((name, i) =>
    row(
      `filter: ${name}, to next paint`,
      samples.steps.map((times) => times[i] as number),
      '< 100 ms',
      100,
    ),
  );
  const first = stepRows[0];
  if (first) first.note = `the status line then read "${shown}"`;
  const zoomRow = row(
    'Connections view: one zoom step (toolbar), to next paint',
    connections.zoom,
    '< 33 ms (the next frame or the one after)',
    33,
  );
  zoomRow.note = connections.drawn;
  // The panel live under socket churn: a few runs suffice (each is many clicks), 15 s each.
  const churn = await benchPanelChurn(browser, {
    server: options.server,
    sessions: CHURN_SESSIONS,
    reps: Math.min(options.reps, 3),
  });
  return [
    row(`${count} events: ingest (store.receive, 5,000 per message)`, samples.ingest, ''),
    row(`${count} events: first render, to next paint`, samples.render, '< 100 ms', 100),
    row('  of which: timeline rows (filter + reconnect grouping)', parts.timeline, ''),
    row('  of which: diagnostics, first run', parts.diagnostics, ''),
    row('  of which: render, layout and paint with both ready', parts.render, ''),
    ...stepRows,
    row(
      `${count} events: Connections view, first render (tab opened), to next paint`,
      connections.first,
      '< 100 ms',
      100,
    ),
    zoomRow,
    row(
      `${count} events: JS heap after GC, minus the empty page`,
      samples.heap.map((bytes) => bytes / 1024 / 1024),
      '< 50 MB',
      50,
      'MB',
    ),
    ...churn,
  ];
}
