/**
 * Keeps a panel subscribed to its tab's session. When the background goes away (Chrome stops idle service
 * workers) the port drops; the panel reconnects and asks only for what came after the last event it has.
 */

import type { MessagePortLike } from '../model/ports';
import type { BackgroundToPanel, PanelToBackground } from '../model/protocol';

export type PanelPortLike = MessagePortLike<BackgroundToPanel, PanelToBackground>;

export interface LiveConnectionOptions {
  tabId: number;
  connect(): PanelPortLike;
  /** The seq of the newest event the panel holds (0 for none). */
  lastSeq(): number;
  onMessage(message: BackgroundToPanel): void;
  onStatus?(connected: boolean): void;
  retryDelayMs?: number;
}

export interface LiveConnection {
  send(message: PanelToBackground): void;
  close(): void;
}

export function connectLive(options: LiveConnectionOptions): LiveConnection {
  const retryDelayMs = options.retryDelayMs ?? 250;
  let port: PanelPortLike | undefined;
  let closed = false;
  /** Sent while disconnected: delivered in order once the port is back. */
  const outbox: PanelToBackground[] = [];

  function open(): void {
    if (closed) return;
    const current = options.connect();
    port = current;
    current.onMessage((message) => {
      if (message.tabId === options.tabId) options.onMessage(message);
    });
    current.onDisconnect(() => {
      if (port !== current) return;
      port = undefined;
      options.onStatus?.(false);
      setTimeout(open, retryDelayMs);
    });
    current.postMessage({ type: 'subscribe', tabId: options.tabId, afterSeq: options.lastSeq() });
    for (const message of outbox.splice(0)) current.postMessage(message);
    options.onStatus?.(true);
  }

  open();
  return {
    send(message) {
      if (port) {
        try {
          port.postMessage(message);
          return;
        } catch {
          // fall through: the port died under us and will reconnect
        }
      }
      outbox.push(message);
    },
    close() {
      closed = true;
      port?.disconnect();
    },
  };
}
