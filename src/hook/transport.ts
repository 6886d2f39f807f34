/**
 * Carries the hook's events to the relay over the private port the relay hands over at document_start.
 * Batches flush in a microtask (React DevTools moved off timers because Chrome throttles them), at most
 * `LIMITS.eventsPerBatch` per message. A document that never produces an event never says anything, and keeps no
 * listener once the handshake is done.
 */
import type { NimEvent } from '../model/events';
import { append, apply } from '../model/intrinsics';
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
  const natives = captureChannelNatives();
  const enqueue = win.queueMicrotask.bind(win);
  let port: MessagePort | undefined;
  let saidHello = false;
  let pending: NimEvent[] = [];
  let flushScheduled = false;

  function send(message: HookToRelay): void {
    if (port) apply(natives.postMessage, port, [message]);
  }

  function flush(): void {
    flushScheduled = false;
    if (!port) return;
    const batch = pending;
    pending = [];
    if (!saidHello) {
      saidHello = true;
      listenForCommands(port);
      send({ type: 'hello', doc: core.doc, url: pageUrl(), title: win.document?.title || undefined });
    }
    for (let i = 0; i < batch.length; i += LIMITS.eventsPerBatch) {
      send({ type: 'events', events: batch.slice(i, i + LIMITS.eventsPerBatch) });
    }
  }

  /**
   * From the hello on: commands (faults) come only to documents the background knows, i.e. that said hello, so a
   * document with nothing to say keeps no listener on its port.
   */
  function listenForCommands(channel: MessagePort): void {
    apply(natives.setOnMessage, channel, [
      (message: MessageEvent) =>
        core.guard('transport.command', () => onCommand(apply(natives.data, message, []) as RelayToHook), undefined),
    ]);
  }

  function schedule(): void {
    if (flushScheduled || !port) return;
    flushScheduled = true;
    enqueue(() => core.guard('transport.flush', flush, undefined));
  }

  function onHandshake(event: MessageEvent): void {
    // The relay's handshake is posted at document_start, so it is the first trusted one; a page can only post
    // after it, or dispatch an untrusted one (which would arrive first, as dispatch is synchronous).
    if (!event.isTrusted) return;
    const data = apply(natives.data, event, []) as { source?: unknown; version?: unknown; type?: unknown } | null;
    if (apply(natives.source, event, []) !== win || typeof data !== 'object' || data === null) return;
    if (data.source !== RELAY_SOURCE) return;
    // Ours: the page's own message listeners never see it.
    apply(natives.stopImmediatePropagation, event, []);
    const offered = apply(natives.ports, event, [])[0];
    if (port || data.version !== PROTOCOL_VERSION || data.type !== 'connect' || !offered) return;
    port = offered;
    apply(natives.removeEventListener, win, ['message', onHandshake, true]);
    // What happened before the relay was ready is still in the ring buffer.
    pending = core.events();
    if (pending.length > 0) schedule();
  }

  core.subscribe((event) => {
    if (!port) return; // the ring buffer holds it until the relay is there
    append(pending, event);
    schedule();
  });
  win.addEventListener('message', onHandshake, true);
}

/**
 * What the channel goes through, captured at install (document_start): the relay's handshake may reach the hook
 * after the page's first scripts ran, and a page that replaced these would be handed our port and messages.
 */
function captureChannelNatives() {
  return {
    postMessage: MessagePort.prototype.postMessage,
    setOnMessage: setterOf(MessagePort.prototype, 'onmessage'),
    data: getterOf(MessageEvent.prototype, 'data'),
    source: getterOf(MessageEvent.prototype, 'source'),
    ports: getterOf(MessageEvent.prototype, 'ports') as () => readonly MessagePort[],
    stopImmediatePropagation: Event.prototype.stopImmediatePropagation,
    removeEventListener: EventTarget.prototype.removeEventListener,
  };
}

function getterOf(proto: object, key: string): () => unknown {
  const get = Object.getOwnPropertyDescriptor(proto, key)?.get;
  if (!get) throw new Error(`no ${key} getter`);
  return get;
}

function setterOf(proto: object, key: string): (value: unknown) => void {
  const set = Object.getOwnPropertyDescriptor(proto, key)?.set;
  if (!set) throw new Error(`no ${key} setter`);
  return set;
}
