/**
 * Carries the hook's events to the relay over the private port the relay hands over at document_start.
 * Batches flush in a microtask (React DevTools moved off timers because Chrome throttles them), at most
 * `LIMITS.eventsPerBatch` per message. A document that never produces an event never says anything.
 */
import type { NimEvent } from '../model/events';
import { type HookToRelay, LIMITS, PROTOCOL_VERSION, RELAY_SOURCE, type RelayToHook } from '../model/protocol';
import type { HookCore } from './core';

export interface TransportOptions {
  win: Window;
  core: HookCore;
  onCommand(command: RelayToHook): void;
  /** The document's URL as the hook may report it: credentials redacted. */
  pageUrl(): string;
}

export function connectToRelay({ win, core, onCommand, pageUrl }: TransportOptions): void {
  // Builtins are captured now: a page that later patches them must not be able to break or read our channel.
  const post = MessagePort.prototype.postMessage;
  const enqueue = win.queueMicrotask.bind(win);
  let port: MessagePort | undefined;
  let saidHello = false;
  let pending: NimEvent[] = [];
  let flushScheduled = false;

  function send(message: HookToRelay): void {
    if (port) post.call(port, message);
  }

  function flush(): void {
    flushScheduled = false;
    if (!port) return;
    const batch = pending;
    pending = [];
    if (!saidHello) {
      saidHello = true;
      send({ type: 'hello', doc: core.doc, url: pageUrl(), title: win.document?.title || undefined });
    }
    for (let i = 0; i < batch.length; i += LIMITS.eventsPerBatch) {
      send({ type: 'events', events: batch.slice(i, i + LIMITS.eventsPerBatch) });
    }
  }

  function schedule(): void {
    if (flushScheduled || !port) return;
    flushScheduled = true;
    enqueue(() => core.guard('transport.flush', flush, undefined));
  }

  function onHandshake(event: MessageEvent): void {
    const data = event.data as { source?: unknown; version?: unknown; type?: unknown } | null;
    if (event.source !== win || typeof data !== 'object' || data === null || data.source !== RELAY_SOURCE) return;
    // Ours: the page's own message listeners never see it.
    event.stopImmediatePropagation();
    if (port || data.version !== PROTOCOL_VERSION || data.type !== 'connect' || !event.ports[0]) return;
    port = event.ports[0];
    win.removeEventListener('message', onHandshake, true);
    port.onmessage = (message) =>
      core.guard('transport.command', () => onCommand(message.data as RelayToHook), undefined);
    // What happened before the relay was ready is still in the ring buffer.
    pending = core.events();
    if (pending.length > 0) schedule();
  }

  core.subscribe((event) => {
    if (!port) return; // the ring buffer holds it until the relay is there
    pending.push(event);
    schedule();
  });
  win.addEventListener('message', onHandshake, true);
}
