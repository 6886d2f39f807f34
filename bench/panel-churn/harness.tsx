/**
 * The panel under churn: the real panel (`PanelStore` and `App`), open on its Sockets view, fed live as the
 * background feeds it (`store.receive`, one message per 10 ms tick) while a page opens and closes 200 sockets a
 * second, each living one second, amid SDK log lines: 1,000 events a second in all. Meanwhile a user switches
 * between the Sockets and Instances tabs every 250 ms. Driven from `panel-churn.ts` through `window.harness`.
 *
 * Input latency is measured from the moment the click was due (its timer's deadline) to the first frame
 * painted after it: the wait for a busy main thread, the panel's work, then rendering, as Interaction to Next
 * Paint counts them. Long tasks (≥ 50 ms) come from the browser's own `longtask` entries.
 */
import { render } from 'preact';
import type { NimEvent } from '../../src/model/events';
import { PanelStore } from '../../src/panel/store';
import { App } from '../../src/panel/views/App';
import { nextPaint } from '../lib/next-paint';

const TICK_MS = 10;
const SOCKETS_PER_SECOND = 200;
const EVENTS_PER_SECOND = 1_000;
const SOCKET_LIFETIME_MS = 1_000;
const CLICK_EVERY_MS = 250;
const INSTANCES = 5;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The events of a churning page, tick by tick, stamped with the real clock (the panel measures against it). */
class Churn {
  private seq = 0;
  private sockets = 0;
  private readonly open: { id: string; closeAt: number }[] = [];

  constructor(private readonly doc: string) {}

  get created(): number {
    return this.sockets;
  }

  /** The first message: the page's navigation and its NIM instances, logged in. */
  start(): NimEvent[] {
    const t = performance.timeOrigin + performance.now();
    const events: NimEvent[] = [this.event('page.navigate', t, { url: 'https://app.example/churn' })];
    for (let i = 0; i < INSTANCES; i++) {
      const instanceId = `${this.doc}-i${i}`;
      events.push(
        this.event(
          'sdk.getInstance',
          t,
          { flavour: 'NIM', account: `user${i}`, reused: false, changed: [], options: {} },
          { instanceId },
        ),
        this.event('sdk.connect', t, { connectionId: `c${i}` }, { instanceId }),
      );
    }
    return events;
  }

  tick(): NimEvent[] {
    const now = performance.now();
    const t = performance.timeOrigin + now;
    const events: NimEvent[] = [];
    while (this.open.length > 0 && (this.open[0]?.closeAt ?? Infinity) <= now) {
      const socket = this.open.shift() as { id: string };
      events.push(this.event('ws.close', t, { code: 1000, reason: '', wasClean: true }, { socketId: socket.id }));
    }
    for (let i = 0; i < (SOCKETS_PER_SECOND * TICK_MS) / 1000; i++) {
      const socketId = `${this.doc}-s${++this.sockets}`;
      events.push(
        this.event('ws.create', t, { url: 'ws://127.0.0.1:9/churn', protocols: [] }, { socketId }),
        this.event('ws.open', t, { protocol: '', extensions: '' }, { socketId }),
      );
      this.open.push({ id: socketId, closeAt: now + SOCKET_LIFETIME_MS });
    }
    const perTick = (EVENTS_PER_SECOND * TICK_MS) / 1000;
    for (let n = events.length; n < perTick; n++) {
      const instanceId = `${this.doc}-i${n % INSTANCES}`;
      events.push(this.event('sdk.log', t, { level: 'info', text: `[NIM INFO] tick ${this.seq}` }, { instanceId }));
    }
    return events;
  }

  private event(kind: NimEvent['kind'], t: number, data: unknown, ids: object = {}): NimEvent {
    return { seq: ++this.seq, t, kind, doc: this.doc, frameId: 0, ...ids, data } as NimEvent;
  }
}

function tab(view: 'sockets' | 'instances'): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-testid="tab-${view}"]`);
  if (!found) throw new Error(`the panel has no ${view} tab`);
  return found;
}

const harness = {
  /**
   * Churns until `sockets` sockets were made, clicking a tab every 250 ms; returns every click's latency, the
   * long tasks, and what the panel shows at the end.
   */
  async churn(
    sockets: number,
  ): Promise<{ latencies: number[]; longTasks: number[]; shownSockets: number; rows: number }> {
    const store = new PanelStore({ source: { type: 'live', tabId: 1 } });
    render(<App store={store} locale="en" />, document.getElementById('app') as HTMLElement);
    store.setView('sockets');
    const churn = new Churn('d1');
    const send = (events: NimEvent[], reset = false) =>
      store.receive({ type: 'events', tabId: 1, reset, events, preserveLog: true, dropped: 0 });
    send(churn.start(), true);

    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });

    let running = true;
    const feeding = (async () => {
      const started = performance.now();
      for (let k = 1; churn.created < sockets; k++) {
        send(churn.tick());
        await sleep(Math.max(0, started + k * TICK_MS - performance.now()));
      }
      running = false;
    })();

    const latencies: number[] = [];
    const started = performance.now();
    for (let k = 1; running; k++) {
      const due = started + k * CLICK_EVERY_MS;
      await sleep(Math.max(0, due - performance.now()));
      if (!running) break;
      tab(k % 2 === 1 ? 'instances' : 'sockets').click();
      latencies.push((await nextPaint()) - due);
    }
    await feeding;
    tab('sockets').click();
    await nextPaint();
    observer.disconnect();
    return {
      latencies,
      longTasks,
      shownSockets: store.getSnapshot().session.sockets.size,
      rows: document.querySelectorAll('[data-testid="socket"]').length,
    };
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
