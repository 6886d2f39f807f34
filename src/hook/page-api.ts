/**
 * `window.__NIM_DEVTOOLS__`: what the page (and users' Playwright tests) may ask of the hook. Defined
 * non-enumerable so that code walking `window`'s keys sees nothing new.
 */
import type { NimEvent } from '../model/events';
import type { FaultTarget } from '../model/protocol';

export const PAGE_API_NAME = '__NIM_DEVTOOLS__';

export interface NimDevtoolsPageApi<TRecording = unknown> {
  /** The extension's version. */
  readonly version: string;
  /** Instruments an SDK that has no global (bundled apps): `window.__NIM_DEVTOOLS__?.register(NIM)`. */
  register(sdk: unknown): void;
  /** This document's events as a v1 recording (tokens redacted). */
  recording(): TRecording;
  /** This document's events still in the hook's buffer, oldest first. */
  events(): NimEvent[];
  /** Calls `listener` for every new event; returns the unsubscribe function. */
  subscribe(listener: (event: NimEvent) => void): () => void;
  /** Really closes the matching sockets (all by default) so the SDK's own reconnect logic runs. Returns how many. */
  drop(target?: FaultTarget): number;
  /** For `ms`, new sockets fail the way a dead network makes them fail. */
  offline(ms: number): void;
  /** Holds incoming frames of the matching sockets for `ms`, then delivers them in order. */
  stall(ms: number, target?: FaultTarget): void;
}

/** Whether a hook is in this document already (a second one, e.g. after an extension reload, must stand back). */
export function hasPageApi(win: Window): boolean {
  return Object.hasOwn(win, PAGE_API_NAME);
}

export function installPageApi(win: Window, api: NimDevtoolsPageApi): void {
  Object.defineProperty(win, PAGE_API_NAME, { value: Object.freeze(api), enumerable: false, configurable: true });
}
