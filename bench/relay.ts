/**
 * Relay throughput: how fast events go from the page, through the hook, the content-script relay and the
 * background, into the tab's stored session and onto an open panel, and whether any is lost.
 *
 * The page (`pages/flood.html`) registers a fake bundled SDK through the page API and logs through the
 * `logFunc` the hook gave it, in a tight loop: each line is real hook work and one real `sdk.log` event.
 * Timing starts right before the loop (`Date.now()` in the page) and ends when
 * - stored: the background's session meta in `storage.session` says it holds the document's last hook seq
 *   (a watcher inside the service worker polls the meta and notes when each new seq appeared);
 * - on the panel: the extension's panel page, open in another tab on this tab id, counts every line in its
 *   "logs" filter chip (a MutationObserver inside the panel notes when each count appeared).
 * Loss is counted at both ends: the flood's lines in the stored session, and on the panel.
 *
 * `variant` swaps the background's store (see `variants/background.ts`) to show what the store costs.
 * Browser-side code is passed as strings: tsx's transform adds helpers a serialized function would lack.
 */
import type { Page, Worker } from '@playwright/test';
import type { BenchBrowser } from './lib/browsers';
import type { Row } from './lib/report';
import { summarize } from './lib/stats';

export type RelayVariant = 'as built' | 'in-memory store';

export interface RelayOptions {
  origin: string;
  counts: number[];
  reps: number;
  variant: RelayVariant;
}

interface FloodResult {
  count: number;
  emitMs: number;
  /** Undefined when the variant persists nothing. */
  storedMs?: number;
  panelMs: number;
  /** The flood's lines found in the stored session. */
  stored?: number;
  /** The stored session's `meta.dropped`: whole chunks its cap or a full storage quota discarded. */
  droppedByBackground?: number;
  /** The flood's lines the panel counts (its "logs" chip) at the end. */
  shown: number;
  /** What the panel's status line counts as rejected by the relay. */
  rejected: number;
  /** The relay's reasons, from the stored session. */
  rejectReasons: string[];
  storage?: StorageCost;
}

/** What `storage.session.set` costs for one of the session's own chunks, stored two ways. */
interface StorageCost {
  events: number;
  objectsMsPerEvent: number;
  stringMsPerEvent: number;
  objectsBytesPerEvent: number;
  stringBytesPerEvent: number;
  quotaBytes: number;
}

/** Values as the background stores them: chunks as JSON text, the session meta as an object. */
const DECODE = `const decode = (value) => (typeof value === 'string' ? JSON.parse(value) : value);`;

export async function benchRelay(browser: BenchBrowser, options: RelayOptions): Promise<Row[]> {
  const worker = await browser.serviceWorker?.();
  if (!worker || !browser.extensionId) throw new Error('the relay bench needs the browser with the extension');
  const persisted = options.variant !== 'in-memory store';
  const rows: Row[] = [];
  for (const count of options.counts) {
    const results: FloodResult[] = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const probeStorage = options.variant === 'as built' && rep === 0 && count === options.counts[0];
      results.push(await flood(browser, worker, { origin: options.origin, count, persisted, probeStorage }));
    }
    const label = `${count.toLocaleString('en-US')} events, ${options.variant}`;
    const note = lossNote(results);
    const rate = (ms: (r: FloodResult) => number | undefined) =>
      summarize(results.map((r) => r.count / ((ms(r) ?? Number.NaN) / 1000)));
    if (persisted) {
      const stored = rate((r) => r.storedMs);
      const lossless = results.every((r) => r.stored === r.count && r.shown === r.count);
      rows.push({
        suite: 'relay',
        name: `${label}: page → stored in storage.session`,
        unit: 'events/s',
        kind: 'value',
        value: stored.median,
        spread: stored,
        target: options.variant === 'as built' ? '≥ 50,000/s, no loss' : '',
        ok: options.variant === 'as built' ? stored.median >= 50_000 && lossless : undefined,
        note,
      });
    }
    const panel = rate((r) => r.panelMs);
    rows.push({
      suite: 'relay',
      name: `${label}: page → counted on the panel`,
      unit: 'events/s',
      kind: 'value',
      value: panel.median,
      spread: panel,
      target: '',
      ...(persisted ? {} : { note }),
    });
    if (options.variant === 'as built') {
      const emit = rate((r) => r.emitMs);
      rows.push({
        suite: 'relay',
        name: `${label}: the page's own loop (hook work per log line)`,
        unit: 'events/s',
        kind: 'value',
        value: emit.median,
        spread: emit,
        target: '',
      });
    }
    const storage = results[0]?.storage;
    if (storage) rows.push(...storageRows(storage));
  }
  return rows;
}

function lossNote(results: readonly FloodResult[]): string {
  const sum = (pick: (r: FloodResult) => number | undefined) => results.reduce((total, r) => total + (pick(r) ?? 0), 0);
  const notStored = sum((r) => (r.stored === undefined ? 0 : r.count - r.stored));
  const notShown = sum((r) => r.count - r.shown);
  const dropped = sum((r) => r.droppedByBackground);
  const rejected = sum((r) => r.rejected);
  const reasons = [...new Set(results.flatMap((r) => r.rejectReasons))];
  const problems = [
    notStored > 0 && `${notStored.toLocaleString('en-US')} lines not in the stored session`,
    dropped > 0 && `the background dropped ${dropped.toLocaleString('en-US')} events (storage quota or cap)`,
    notShown > 0 && `${notShown.toLocaleString('en-US')} lines not on the panel`,
    rejected > 0 &&
      `the relay reported ${rejected.toLocaleString('en-US')} rejected${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
  ].filter(Boolean);
  const runs = `${results.length} run${results.length === 1 ? '' : 's'}`;
  return problems.length > 0 ? `${runs}: ${problems.join('; ')}` : `${runs}: zero loss, nothing rejected`;
}

function storageRows(cost: StorageCost): Row[] {
  const row = (name: string, unit: string, value: number, note?: string): Row => ({
    suite: 'relay',
    name: `storage.session.set of a stored ${cost.events}-event chunk: ${name}`,
    unit,
    kind: 'value',
    value,
    target: '',
    ...(note ? { note } : {}),
  });
  const fits = (bytes: number) => `${Math.floor(cost.quotaBytes / bytes).toLocaleString('en-US')} events fit the quota`;
  return [
    row('as objects', 'µs/event', cost.objectsMsPerEvent * 1000),
    row('as one JSON string (as built)', 'µs/event', cost.stringMsPerEvent * 1000),
    row('quota used as objects', 'B/event', cost.objectsBytesPerEvent, fits(cost.objectsBytesPerEvent)),
    row('quota used as one JSON string', 'B/event', cost.stringBytesPerEvent, fits(cost.stringBytesPerEvent)),
  ];
}

interface FloodOptions {
  origin: string;
  count: number;
  persisted: boolean;
  probeStorage: boolean;
}

async function flood(browser: BenchBrowser, worker: Worker, options: FloodOptions): Promise<FloodResult> {
  const { count } = options;
  // A new tab per run: a fresh session (closing the tab makes the background forget it). Its id is the one
  // `tabs.query` did not list before (no "tabs" permission is needed for ids).
  const tabIds = () => worker.evaluate<number[]>('chrome.tabs.query({}).then((tabs) => tabs.map((tab) => tab.id))');
  const before = new Set(await tabIds());
  const page = await browser.context.newPage();
  let panel: Page | undefined;
  try {
    await page.goto(`${options.origin}/pages/flood.html`);
    const doc = await page.evaluate<string | undefined>('bench.doc()');
    if (!doc) throw new Error('the hook gave the flood page no document token (is the extension loaded?)');
    const tabId = (await tabIds()).find((id) => !before.has(id));
    if (tabId === undefined) throw new Error('the flood tab has no id');

    panel = await openCountingPanel(browser, tabId);
    if (options.persisted) await watchStoredSeq(worker, tabId, doc);

    const run = await page.evaluate<{ started: number; emitMs: number; lastSeq: number }>(`bench.flood(${count})`);
    const counts = (target: Page) => target.evaluate<[number, number][]>('window.__benchCounts');
    const shownAt = await waitFor('the panel to count every line', async () => {
      return (await counts(panel as Page)).find(([, shown]) => shown >= count)?.[0];
    });
    const storedAt = options.persisted
      ? await waitFor('the background to store the flood', async () => {
          const seqs = await worker.evaluate<[number, number][]>('self.__benchWatch.seqs');
          return seqs.find(([, seq]) => seq >= run.lastSeq)?.[0];
        })
      : undefined;
    if (options.persisted) await worker.evaluate('self.__benchWatch.stop = true');
    // Reports of rejects are gathered for 250 ms by the relay before they are sent.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const session = options.persisted ? await readSession(worker, tabId, doc) : undefined;
    const shownCounts = await counts(panel);
    const rejected = await panel.evaluate<number>(
      `Number(document.querySelector('[data-testid="rejected-count"]').textContent.replace(/,/g, ''))`,
    );
    const storage = options.probeStorage ? await measureStorage(worker, tabId) : undefined;
    return {
      count,
      emitMs: run.emitMs,
      panelMs: shownAt - run.started,
      shown: shownCounts[shownCounts.length - 1]?.[1] ?? 0,
      rejected,
      rejectReasons: session?.reasons ?? [],
      ...(storedAt === undefined ? {} : { storedMs: storedAt - run.started }),
      ...(session ? { stored: session.stored, droppedByBackground: session.dropped } : {}),
      ...(storage ? { storage } : {}),
    };
  } finally {
    await panel?.close();
    await page.close();
  }
}

/** The extension's panel page on `tabId`, with a recorder of when each count of its "logs" chip appeared. */
async function openCountingPanel(browser: BenchBrowser, tabId: number): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/extension/panel.html?tabId=${tabId}`);
  const chip = '[data-testid="kind-filter"][data-group="logs"] .count';
  await panel.waitForSelector(chip);
  await panel.evaluate(`(() => {
    const element = document.querySelector('${chip}');
    const read = () => Number(element.textContent.replace(/,/g, ''));
    const counts = (window.__benchCounts = [[Date.now(), read()]]);
    new MutationObserver(() => {
      const shown = read();
      if (shown !== counts[counts.length - 1][1]) counts.push([Date.now(), shown]);
    }).observe(element, { childList: true, characterData: true, subtree: true });
  })()`);
  return panel;
}

/** Inside the service worker: polls the session meta and notes when each new last hook seq of `doc` appeared. */
async function watchStoredSeq(worker: Worker, tabId: number, doc: string): Promise<void> {
  await worker.evaluate(`(() => {
    ${DECODE}
    const key = 'tab:${tabId}';
    const watch = (self.__benchWatch = { seqs: [], stop: false });
    (async () => {
      let last = -1;
      while (!watch.stop) {
        const meta = decode((await chrome.storage.session.get(key))[key]);
        const seq = meta?.lastHookSeqByDoc?.[${JSON.stringify(doc)}] ?? 0;
        if (seq !== last) watch.seqs.push([Date.now(), (last = seq)]);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
  })()`);
}

/** The flood's lines in the stored session, what the background dropped, and the relay's reject reasons. */
function readSession(
  worker: Worker,
  tabId: number,
  doc: string,
): Promise<{ stored: number; dropped: number; reasons: string[] }> {
  return worker.evaluate(`(async () => {
    ${DECODE}
    const all = await chrome.storage.session.get(null);
    const meta = decode(all['tab:${tabId}']);
    let stored = 0;
    const reasons = new Set();
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith('tab:${tabId}:')) continue;
      for (const event of decode(value)) {
        if (event.seq < meta.firstSeq) continue;
        if (event.kind === 'sdk.log' && event.doc === ${JSON.stringify(doc)}) stored++;
        if (event.kind === 'devtools.rejected') reasons.add(event.data.reason);
      }
    }
    return { stored, dropped: meta.dropped, reasons: [...reasons] };
  })()`);
}

/**
 * Times `storage.session.set` of one chunk the background stored (its real events), as an array of objects
 * and as the one JSON string the background writes, and reads the quota each takes (Chrome counts a stored object
 * by its in-memory value tree, a string by its length). Run after the session was read, on a key of its own.
 */
function measureStorage(worker: Worker, tabId: number): Promise<StorageCost> {
  return worker.evaluate<StorageCost>(`(async () => {
    const area = chrome.storage.session;
    const stored = (await area.get('tab:${tabId}:1'))['tab:${tabId}:1'];
    const events = typeof stored === 'string' ? JSON.parse(stored) : stored;
    const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
    async function cost(encode) {
      const times = [];
      let bytes = 0;
      for (let i = 0; i < 9; i++) {
        const before = await area.getBytesInUse(null);
        const started = performance.now();
        await area.set({ 'bench:probe': encode(events) });
        times.push(performance.now() - started);
        bytes = (await area.getBytesInUse(null)) - before;
        await area.remove('bench:probe');
      }
      return { ms: median(times) / events.length, bytes: bytes / events.length };
    }
    const objects = await cost((value) => value);
    const string = await cost((value) => JSON.stringify(value));
    return {
      events: events.length,
      objectsMsPerEvent: objects.ms,
      stringMsPerEvent: string.ms,
      objectsBytesPerEvent: objects.bytes,
      stringBytesPerEvent: string.bytes,
      quotaBytes: area.QUOTA_BYTES,
    };
  })()`);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
