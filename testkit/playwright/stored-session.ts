/**
 * Reading a tab's session where the extension keeps it: the background's `storage.session`, in the layout the
 * background writes (`src/background/stored-layout.ts`, the one codec both use). That is the whole session
 * across reloads and navigations, exactly what the panel shows; the page API only knows the current document.
 *
 * `readStoredSession` runs inside the service worker, sent as source text with the layout's own source
 * (`storedSessionExpression`): it must not use anything from outside its own body but its arguments.
 */
import { type StoredLayout, storedLayout } from '../../src/background/stored-layout';
import type { SessionMeta } from '../../src/background/tab-session';
import type { NimEvent } from '../../src/model/events';

export interface StoredSessionQuery {
  /** The tab, once known; otherwise the tab whose session holds one of `docs`. */
  tabId?: number;
  /** Documents (the hook's `doc` tokens) seen in the page. */
  docs: string[];
  /** With no tab found by `docs`: take the only session there is (the browser has a single page). */
  onlySession: boolean;
  /** Events from this seq on; earlier ones the caller has already. */
  fromSeq: number;
}

export type StoredSessionRead =
  | { found: false }
  | {
      found: true;
      meta: SessionMeta;
      /** Events with `fromSeq` (or `meta.firstSeq`, if later) ≤ seq < `meta.nextSeq`, in order. */
      events: NimEvent[];
      /** False when a write between the two reads removed chunks: read again. */
      complete: boolean;
    };

/** The expression a service worker evaluates to read a session: the reader and the layout, as source. */
export function storedSessionExpression(query: StoredSessionQuery): string {
  return `(${readStoredSession})(${JSON.stringify(query)}, (${storedLayout})())`;
}

export async function readStoredSession(query: StoredSessionQuery, layout: StoredLayout): Promise<StoredSessionRead> {
  const store = chrome.storage.session;
  let meta: SessionMeta | undefined;
  if (query.tabId !== undefined) {
    const key = layout.metaKey(query.tabId);
    meta = (await store.get(key))[key] as SessionMeta | undefined;
  } else {
    // `getKeys` (Chrome 130+) avoids reading every stored event just to list the tabs.
    const keys = typeof store.getKeys === 'function' ? await store.getKeys() : Object.keys(await store.get(null));
    const metas = Object.values(await store.get(keys.filter(layout.isMetaKey))) as SessionMeta[];
    meta = metas.find((m) => query.docs.some((doc) => doc in m.lastHookSeqByDoc));
    if (!meta && query.onlySession && metas.length === 1) meta = metas[0];
  }
  if (!meta) return { found: false };

  // Chunks before `firstSeq`'s hold the lifecycle events the cap kept (see `TabSession` in src/background).
  const from = Math.max(query.fromSeq, layout.firstStoredSeq(meta));
  const chunkKeys: string[] = [];
  for (let chunk = layout.chunkOf(from); from < meta.nextSeq && chunk <= layout.chunkOf(meta.nextSeq - 1); chunk++) {
    chunkKeys.push(layout.chunkKey(meta.tabId, chunk));
  }
  const stored = chunkKeys.length === 0 ? {} : await store.get(chunkKeys);
  const events: NimEvent[] = [];
  for (const key of chunkKeys) {
    for (const event of layout.decodeChunk(stored[key])) {
      if (event.seq >= from && event.seq < (meta as SessionMeta).nextSeq) events.push(event);
    }
  }
  // Tab seqs are contiguous from `firstSeq` on: anything missing was trimmed or cleared between the two reads.
  const contiguousFrom = Math.max(from, meta.firstSeq);
  const contiguous = events.filter((event) => event.seq >= contiguousFrom).length;
  return { found: true, meta, events, complete: contiguous === Math.max(meta.nextSeq - contiguousFrom, 0) };
}

/** The events of one tab read so far: later reads only fetch what is new (stored events never change). */
export class StoredEvents {
  private events: NimEvent[] = [];
  private nextSeq = 1;

  /** Where the next read starts. */
  fromSeq(): number {
    return this.nextSeq;
  }

  merge(meta: Pick<SessionMeta, 'firstSeq' | 'nextSeq' | 'firstChunk'>, events: readonly NimEvent[]): void {
    // The background drops its oldest chunks under its cap and clears on navigation without "preserve log".
    // Of the chunks it thinned (kept lifecycle events only), what was read before stays, as in the panel.
    const firstStored = storedLayout().firstStoredSeq(meta);
    const firstKept = this.events.findIndex((event) => event.seq >= firstStored);
    this.events = firstKept === -1 ? [] : this.events.slice(firstKept);
    for (const event of events) if (event.seq >= this.nextSeq) this.events.push(event);
    this.nextSeq = Math.max(meta.nextSeq, this.nextSeq);
  }

  all(): NimEvent[] {
    return this.events.slice();
  }
}
