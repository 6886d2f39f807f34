/**
 * The hook's core: stamps events, keeps the document's ring buffer, fans out to listeners, and catches
 * every exception of the hook's own so that the page never sees one. Knows nothing about WebSocket or NIM.
 */
import type { CountsByKind, EventDataByKind, EventIds, EventKind, EventSink, NimEvent } from '../model/events';
import { createRetentionBuffer } from './retention-buffer';

export type { EventIds } from '../model/events';

export type EventListener = (event: NimEvent) => void;

export interface HookCore extends EventSink {
  /** Random per document; prefixes every id so ids never collide across reloads and frames. */
  readonly doc: string;
  emit<K extends EventKind>(kind: K, data: EventDataByKind[K], ids?: EventIds): void;
  nextId(prefix: 'i' | 's'): string;
  /** Runs hook code; an exception is counted and reported as `devtools.hookError`, never rethrown. */
  guard<T>(where: string, fn: () => T, fallback: T): T;
  /** The document's events still in the buffer (logs and traffic are evicted first), oldest first. */
  events(): NimEvent[];
  subscribe(listener: EventListener): () => void;
}

export interface HookCoreOptions {
  capacity: number;
  now?: () => number;
  doc?: string;
}

export function createHookCore({ capacity, now = defaultNow(), doc = randomDocToken() }: HookCoreOptions): HookCore {
  const buffer = createRetentionBuffer(capacity);
  let seq = 0;
  let dropped = 0;
  const droppedByKind: CountsByKind = {};
  let hookErrors = 0;
  const idCounters = { i: 0, s: 0 };
  const listeners = new Set<EventListener>();

  function store(event: NimEvent): void {
    const evicted = buffer.push(event);
    if (evicted) {
      dropped++;
      droppedByKind[evicted.kind] = (droppedByKind[evicted.kind] ?? 0) + 1;
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's bug (the page's own, through the page API) must not stop delivery to the others.
      }
    }
  }

  const core: HookCore = {
    doc,
    emit(kind, data, ids) {
      const event = { seq: ++seq, t: now(), kind, doc, ...ids, data } as NimEvent;
      store(event);
      if (dropped > 0 && dropped % capacity === 1) {
        // Say so once per buffer-full of losses rather than once per event.
        const data = { count: dropped, where: 'page' as const, byKind: { ...droppedByKind } };
        store({ seq: ++seq, t: now(), kind: 'devtools.dropped', doc, data });
      }
    },
    nextId(prefix) {
      idCounters[prefix]++;
      return `${doc}-${prefix}${idCounters[prefix]}`;
    },
    guard(where, fn, fallback) {
      try {
        return fn();
      } catch (error) {
        hookErrors++;
        try {
          core.emit('devtools.hookError', { count: hookErrors, where, message: describeError(error) });
        } catch {
          // Nothing left to report with.
        }
        return fallback;
      }
    },
    events() {
      return buffer.events();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return core;
}

function defaultNow(): () => number {
  // performance.timeOrigin + performance.now() is monotonic and fractional, unlike Date.now().
  const perf = globalThis.performance;
  return perf ? () => perf.timeOrigin + perf.now() : () => Date.now();
}

function randomDocToken(): string {
  return Math.random().toString(36).slice(2, 6).padEnd(4, '0');
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
