/**
 * The content-script relay (ISOLATED world): opens a private channel to the page hook, validates what the
 * hook sends, and forwards it to the background, keeping every event until the background confirms it has
 * stored it. When the background service worker is stopped, the port drops; the relay reconnects when it
 * has something to deliver and replays what was not confirmed, so nothing is lost and nothing is doubled.
 */
import type { NimEvent } from '../model/events';
import type { MessagePortLike } from '../model/ports';
import {
  type BackgroundToRelay,
  HOOK_SOURCE,
  LIMITS,
  PROTOCOL_VERSION,
  RELAY_SOURCE,
  type RelayHandshake,
  type RelayToBackground,
  type RelayToHook,
} from '../model/protocol';
import { validateHookMessage } from './validate';

export type BackgroundPort = MessagePortLike<BackgroundToRelay, RelayToBackground>;

export interface RelayOptions {
  window: Window;
  connectBackground(): BackgroundPort;
  /** Events kept while waiting for the background's confirmation; beyond it the oldest (already sent) go. */
  maxUnconfirmed?: number;
  /** How long rejects are gathered before one report (a flood of forgeries becomes one message). */
  rejectReportDelayMs?: number;
  /** How long events are gathered before they go to the background (see `SEND_DELAY_MS`). */
  sendDelayMs?: number;
}

export interface Relay {
  /** For tests: events forwarded but not yet confirmed by the background. */
  unconfirmed(): number;
}

/**
 * Events reach the relay one task at a time (a socket's create, open and close are three), and every message to
 * the background costs the page's main thread a serialization, an IPC and a confirmation coming back: a page
 * churning sockets paid far more for that than for the hook. Gathering what arrives within this window makes it
 * one message. A timer started by a message is not throttled beyond once a second in a hidden tab, and `pagehide`
 * sends at once, so nothing waits behind a document that goes away.
 */
const SEND_DELAY_MS = 20;

export function startRelay(options: RelayOptions): Relay {
  const { window: win, connectBackground } = options;
  const maxUnconfirmed = options.maxUnconfirmed ?? 50_000;
  const rejectReportDelayMs = options.rejectReportDelayMs ?? 250;
  const sendDelayMs = options.sendDelayMs ?? SEND_DELAY_MS;

  let hello: Extract<RelayToBackground, { type: 'hello' }> | undefined;
  let unconfirmed: NimEvent[] = [];
  /** How many of `unconfirmed`, at its end, were not handed to a background port yet. */
  let unsent = 0;
  let sendScheduled = false;
  let background: BackgroundPort | undefined;
  const rejects = new Map<string, number>();
  let rejectReportScheduled = false;

  function reject(reason: string, count = 1): void {
    rejects.set(reason, (rejects.get(reason) ?? 0) + count);
    if (!rejectReportScheduled) {
      rejectReportScheduled = true;
      setTimeout(reportRejects, rejectReportDelayMs);
    }
  }

  function reportRejects(): void {
    rejectReportScheduled = false;
    const port = ensureBackground();
    if (!port) return; // reported once the hook has said hello
    for (const [reason, count] of rejects) send(port, { type: 'rejected', count, reason });
    rejects.clear();
  }

  function send(port: BackgroundPort, message: RelayToBackground): void {
    try {
      port.postMessage(message);
    } catch {
      // The port died between our check and the send; onDisconnect reconnects and replays.
    }
  }

  function sendEvents(port: BackgroundPort, events: NimEvent[]): void {
    if (!hello) return;
    for (let i = 0; i < events.length; i += LIMITS.eventsPerBatch) {
      send(port, { type: 'events', doc: hello.doc, events: events.slice(i, i + LIMITS.eventsPerBatch) });
    }
  }

  function scheduleSend(): void {
    if (sendScheduled) return;
    sendScheduled = true;
    setTimeout(sendUnsent, sendDelayMs);
  }

  function sendUnsent(): void {
    sendScheduled = false;
    const port = ensureBackground();
    if (!port || unsent === 0) return;
    sendEvents(port, unconfirmed.slice(unconfirmed.length - unsent));
    unsent = 0;
  }

  function ensureBackground(): BackgroundPort | undefined {
    if (background) return background;
    if (!hello) return undefined;
    const port = connectBackground();
    background = port;
    port.onMessage((message) => onBackgroundMessage(message));
    port.onDisconnect(() => {
      if (background === port) background = undefined;
      // Reconnect only when there is something to deliver: an idle page must not keep the worker awake.
      if (unconfirmed.length > 0) ensureBackground();
    });
    send(port, hello);
    return port;
  }

  function onBackgroundMessage(message: BackgroundToRelay): void {
    if (message.type === 'resume') {
      if (!hello || message.doc !== hello.doc) return;
      const firstUnsent = unconfirmed.findIndex((event) => event.seq > message.afterSeq);
      const wasReplay = message.replay;
      unconfirmed = firstUnsent === -1 ? [] : unconfirmed.slice(firstUnsent);
      unsent = Math.min(unsent, unconfirmed.length);
      if (wasReplay && background) {
        sendEvents(background, unconfirmed);
        unsent = 0;
      }
    } else if (message.type === 'fault') {
      // The background's fault command is the hook's, word for word.
      hookPort.postMessage(message satisfies RelayToHook);
    }
  }

  /**
   * Listens on the window once the hook has said hello: a page where the hook has nothing to say (no WebSocket,
   * no NIM: most pages) keeps no listener of ours, and nothing of ours runs on its own window messages.
   */
  function watchWindow(): void {
    // Our hook never writes to window; anything there claiming to be it is forged.
    win.addEventListener('message', (event) => {
      const data = event.data as { source?: unknown } | null;
      if (typeof data === 'object' && data !== null && data.source === HOOK_SOURCE) reject('forged window message');
    });
    // A document going away (navigation, a removed frame, the back/forward cache) takes its timers with it.
    win.addEventListener('pagehide', sendUnsent);
    // A page restored from the back/forward cache had its ports closed when it was frozen: say hello again.
    win.addEventListener('pageshow', (event) => {
      if (!event.persisted || !hello) return;
      hello = { ...hello, restoredFromCache: true };
      background?.disconnect();
      background = undefined;
      ensureBackground();
    });
  }

  function onHookMessage(raw: unknown): void {
    const verdict = validateHookMessage(raw);
    if (!verdict.ok) {
      reject(verdict.reason);
      return;
    }
    for (const reason of verdict.value.rejected) reject(reason);
    const message = verdict.value.message;
    if (message.type === 'hello') {
      if (hello) {
        reject('second hello');
        return;
      }
      hello = { type: 'hello', doc: message.doc, url: message.url, title: message.title };
      watchWindow();
      ensureBackground();
      return;
    }
    if (!hello) {
      reject('events before hello');
      return;
    }
    const fresh = message.events.filter((event) => event.doc === hello?.doc);
    if (fresh.length < message.events.length) reject('event of another document', message.events.length - fresh.length);
    unconfirmed.push(...fresh);
    unsent += fresh.length;
    // Bounded memory under a flood whose confirmations lag: the oldest were handed to the port already, so
    // only a worker dying at this very moment could lose them.
    if (unconfirmed.length > maxUnconfirmed) {
      unconfirmed = unconfirmed.slice(unconfirmed.length - maxUnconfirmed);
      unsent = Math.min(unsent, unconfirmed.length);
    }
    scheduleSend();
  }

  // The private channel: handed to the hook by the one window message we ever send.
  const channel = new MessageChannel();
  const hookPort = channel.port1;
  channel.port1.onmessage = (event) => onHookMessage(event.data);
  const handshake: RelayHandshake = { source: RELAY_SOURCE, version: PROTOCOL_VERSION, type: 'connect' };
  win.postMessage(handshake, '*', [channel.port2]);

  return { unconfirmed: () => unconfirmed.length };
}
