/**
 * The panel bench's page: the real panel (`PanelStore` and `App` from `src/panel`) mounted as the extension's
 * panel page mounts it, fed a 100,000-event session the way the background feeds a panel opened late (slices
 * of 5,000 through `store.receive`). Driven from `panel.ts` through `window.harness`; every figure is timed in
 * the page with `performance.now()`.
 *
 * "To next paint" is the time from the start of the work to the first frame painted after it: a
 * `requestAnimationFrame`, then a task posted from it, which runs once that frame's rendering (style, layout,
 * paint, resize observers) is done. It includes the wait for that frame (at most one vsync, 16.7 ms), as
 * Interaction to Next Paint does.
 */
import { render } from 'preact';
import type { NimEvent } from '../../src/model/events';
import { PanelStore } from '../../src/panel/store';
import { App } from '../../src/panel/views/App';
import { eventBuilder } from '../../src/session/test-events';
import { sdkDroppedByServer, sdkLogin, sdkReconnected } from '../../src/session/test-sdk-sequences';
import { nextPaint } from '../lib/next-paint';

const SLICE = 5_000;
const INSTANCES = 5;

/**
 * A long live session as the SDK makes one: five instances that log in, then reconnect over and over; between
 * drops, SDK log lines every 50 ms and `ws.traffic` every second. Sent through JSON, like a runtime-port
 * message, so that every event is a separate object graph as it is in the real panel.
 */
function session(count: number): NimEvent[][] {
  const b = eventBuilder();
  b.pageNavigate('https://app.example/chat', { doc: 'd1' });
  for (let n = 0; b.events.length < count; n++) {
    const instanceId = `i${n % INSTANCES}`;
    const socketId = `s${n}`;
    if (n < INSTANCES) sdkLogin(b, { instanceId, socketId, account: `user${n}` });
    else sdkReconnected(b, instanceId, socketId);
    for (let k = 0; k < 30; k++) {
      b.wait(50).sdkLog(instanceId, 'info', `[NIM INFO 11-26 00:30:12:750 IM]  protocol::onMessage cmd ${n}_${k}`);
      if (k % 3 === 2) b.wsTraffic(socketId, { framesIn: 4, bytesIn: 480, framesOut: 1, bytesOut: 64 });
    }
    sdkDroppedByServer(b, instanceId, socketId, 1);
  }
  const events = b.take().slice(0, count);
  const slices: NimEvent[][] = [];
  for (let i = 0; i < events.length; i += SLICE) {
    slices.push(JSON.parse(JSON.stringify(events.slice(i, i + SLICE))) as NimEvent[]);
  }
  return slices;
}

async function timeToPaint(action: () => void): Promise<number> {
  const started = performance.now();
  action();
  await nextPaint();
  return performance.now() - started;
}

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`the panel has no ${selector}`);
  return found;
}

let pending: NimEvent[][] = [];
let store: PanelStore | undefined;

/** The filter changes timed after the first render, in order, as a user makes them. */
const STEPS: { name: string; act(): void }[] = [
  { name: 'type "w" in search (first search)', act: () => type('w') },
  { name: 'type "will" in search', act: () => type('will') },
  { name: 'clear search', act: () => type('') },
  { name: 'kind chip "SDK"', act: () => chip('sdk') },
  { name: 'kind chip "sockets"', act: () => chip('sockets') },
  { name: 'kind chip "all"', act: () => chip('all') },
  { name: 'instance filter: one instance', act: () => pickInstance('i3') },
  { name: 'instance filter: all', act: () => pickInstance('') },
];

function type(text: string): void {
  const input = element<HTMLInputElement>('[data-testid="search"]');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function chip(group: string): void {
  element<HTMLButtonElement>(`[data-testid="kind-filter"][data-group="${group}"]`).click();
}

function pickInstance(id: string): void {
  const select = element<HTMLSelectElement>('[data-testid="instance-filter"]');
  select.value = id;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

const harness = {
  /** Builds the session (not timed) and keeps it until `load`. */
  generate(count: number): number {
    pending = session(count);
    return pending.reduce((total, slice) => total + slice.length, 0);
  },

  /**
   * Feeds the session to a new store, then mounts the panel; returns the timings and what the panel shows.
   * With `breakdown`, the two costly derivations the first render needs are run (and timed) first, each on
   * its own: the timeline's rows (filter and reconnect grouping, cached by the store) and the diagnostics
   * (the flush the store would run in the next animation frame); `renderMs` is then what is left.
   */
  async load(breakdown = false): Promise<{
    ingestMs: number;
    timelineMs?: number;
    diagnosticsMs?: number;
    renderMs: number;
    shown: string;
    rows: number;
  }> {
    const live = new PanelStore({ source: { type: 'live', tabId: 1 } });
    store = live;
    const started = performance.now();
    pending.forEach((events, i) => {
      live.receive({ type: 'events', tabId: 1, reset: i === 0, events, preserveLog: true, dropped: 0 });
    });
    const ingestMs = performance.now() - started;
    // The store holds the events now; the harness lets go of its copy so that the heap shows the panel's own.
    pending = [];
    let derived = {};
    if (breakdown) {
      const timelineStarted = performance.now();
      live.getTimeline();
      const diagnosticsStarted = performance.now();
      live.flush();
      derived = {
        timelineMs: diagnosticsStarted - timelineStarted,
        diagnosticsMs: performance.now() - diagnosticsStarted,
      };
    }
    const renderMs = await timeToPaint(() => render(<App store={live} locale="en" />, element('#app')));
    return {
      ingestMs,
      ...derived,
      renderMs,
      shown: element('[data-testid="event-count"]').textContent ?? '',
      rows: document.querySelectorAll('[data-testid="event"]').length,
    };
  },

  steps: (): string[] => STEPS.map((step) => step.name),

  /**
   * The Connections view over the loaded session: its first render (the tab clicked: every event read into
   * lanes, then drawn), then zoom steps from its toolbar, each timed to the next paint.
   */
  async connections(zooms: number): Promise<{ firstMs: number; zoomMs: number[]; lanes: number; segments: number }> {
    const firstMs = await timeToPaint(() => element<HTMLButtonElement>('[data-testid="tab-connections"]').click());
    const zoomMs: number[] = [];
    for (let i = 0; i < zooms; i++) {
      zoomMs.push(await timeToPaint(() => element<HTMLButtonElement>('[data-testid="lanes-zoom-in"]').click()));
    }
    return {
      firstMs,
      zoomMs,
      lanes: document.querySelectorAll('[data-testid="lane"]').length,
      segments: document.querySelectorAll('[data-testid="lane-segment"]').length,
    };
  },

  /** Runs one filter change and returns its time to next paint and what the status line then says. */
  async step(index: number): Promise<{ ms: number; shown: string }> {
    const step = STEPS[index];
    if (!step || !store) throw new Error(`no step ${index} or nothing loaded`);
    const ms = await timeToPaint(step.act);
    return { ms, shown: element('[data-testid="event-count"]').textContent ?? '' };
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
