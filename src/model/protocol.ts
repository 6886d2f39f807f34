/**
 * Messages between the layers, named by direction. The protocol version is data: a relay and a hook
 * of different builds (an extension update under a live page) refuse each other instead of misreading.
 */
import type { FaultKind, NimEvent } from './events';

export const PROTOCOL_VERSION = 1;

/** Tag on a window message that claims to be the hook's: only ever forged (the hook uses its port). */
export const HOOK_SOURCE = 'nim-devtools-hook';
export const RELAY_SOURCE = 'nim-devtools-relay';

/** Caps the relay enforces on what the page posts (the hook batches within them). */
export const LIMITS = {
  eventsPerBatch: 500,
  stringLength: 16_384,
  depth: 8,
  keysPerObject: 200,
  arrayLength: 200,
} as const;

/**
 * Relay → page, once per document over `window.postMessage`, transferring a private `MessagePort`.
 * The relay posts it at document_start, before any page script could post one, so it is the first trusted
 * handshake (a page's synchronous `dispatchEvent` arrives earlier but is untrusted). It may arrive after the
 * page's first scripts ran: the hook reads it with builtins captured at install. Afterwards nothing of ours
 * crosses `window` and the page's own `message` listeners never see our traffic.
 */
export interface RelayHandshake {
  source: typeof RELAY_SOURCE;
  version: number;
  type: 'connect';
}

/** Page hook → relay, over the private port. */
export type HookToRelay =
  | { type: 'hello'; doc: string; url: string; title?: string }
  | { type: 'events'; events: NimEvent[] };

/** Which sockets a fault acts on: one socket, one instance's, or (empty) every socket of the tab. */
export interface FaultTarget {
  instanceId?: string;
  socketId?: string;
}

/** A fault to inject: what, for how long (offline, stall), on which sockets. */
export interface FaultRequest extends FaultTarget {
  fault: FaultKind;
  durationMs?: number;
}

/** Relay → page hook, over the private port: commands from the panel for this tab only. */
export type RelayToHook = { type: 'fault' } & FaultRequest;

/** Relay → background, over a runtime port named `RELAY_PORT`. */
export type RelayToBackground =
  | { type: 'hello'; doc: string; url: string; title?: string; restoredFromCache?: boolean }
  | { type: 'events'; doc: string; events: NimEvent[] }
  | { type: 'rejected'; count: number; reason: string };

/** Background → relay. */
export type BackgroundToRelay =
  /**
   * "I have stored this document's events up to `afterSeq`." After a hello it asks for a replay of the rest
   * (the worker may have restarted); otherwise it only confirms.
   */
  { type: 'resume'; doc: string; afterSeq: number; replay: boolean } | ({ type: 'fault' } & FaultRequest);

/** Panel → background, over a runtime port named `PANEL_PORT`. */
export type PanelToBackground =
  | { type: 'subscribe'; tabId: number; afterSeq: number }
  | { type: 'clear'; tabId: number }
  | { type: 'setPreserveLog'; tabId: number; preserve: boolean }
  | ({ type: 'fault'; tabId: number } & FaultRequest);

/** Background → panel. `reset` means: drop what you had, this is the whole session. */
export type BackgroundToPanel =
  | {
      type: 'events';
      tabId: number;
      reset: boolean;
      events: NimEvent[];
      preserveLog: boolean;
      /** All events the session's cap has discarded so far (the `devtools.dropped` markers may be gone too). */
      dropped: number;
    }
  | { type: 'cleared'; tabId: number };

export const RELAY_PORT = 'nim-devtools/relay';
export const PANEL_PORT = 'nim-devtools/panel';
