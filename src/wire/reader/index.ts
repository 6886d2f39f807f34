/**
 * NIM's link protocol read off the page's own sockets, for SDKs the hook cannot instrument (bundled apps with no
 * global and no `register()`). The socket wrapper asks `socketFor` once per socket; only sockets whose URL may be
 * a NIM link get a reader, so every other socket keeps today's cost: no listener, no per-frame work.
 */

import type { EventSink } from '../../model/events';
import { mayBeNimLink } from '..';
import { createLinkSocket, type LinkSocket, type LinkTarget } from './link-socket';
import { createWireInstances } from './wire-instances';

export type { LinkSocket, LinkTarget } from './link-socket';

export interface LinkWatch {
  /** A reader for `tracked` when `url` may be a NIM link, else null. */
  socketFor(tracked: LinkTarget, url: string): LinkSocket | null;
}

export interface LinkWatchOptions {
  /** The instance the SDK's instrumented API knows for an account (so the wire never makes a second one). */
  apiInstanceFor(account: string): string | undefined;
}

export function createLinkWatch(
  win: Pick<typeof globalThis, 'ArrayBuffer' | 'Uint8Array'>,
  core: EventSink,
  options: LinkWatchOptions,
): LinkWatch {
  const context = {
    core,
    instances: createWireInstances(core),
    apiInstanceFor: options.apiInstanceFor,
    ArrayBuffer: win.ArrayBuffer,
    Uint8Array: win.Uint8Array,
  };
  return {
    socketFor: (tracked, url) => (mayBeNimLink(url) ? createLinkSocket(tracked, context) : null),
  };
}
