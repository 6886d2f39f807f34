/**
 * How a tab's session lies in `storage.session`: `tab:<id>` holds its `SessionMeta`, `tab:<id>:<chunk>` its events,
 * `CHUNK_SIZE` per chunk (seq s lives in chunk floor((s - 1) / CHUNK_SIZE)), each chunk one JSON string.
 *
 * The background writes and reads with it; the Playwright fixture reads with it too, inside the service worker
 * through `Worker.evaluate`, which sends a function's source text. So the whole layout is one function whose
 * body refers to nothing outside itself: call `storedLayout()` for the helpers, or send its source.
 */
import type { NimEvent } from '../model/events';

/** What the background stores per tab next to its chunks (see `TabSession`). */
export interface StoredMeta {
  /** The oldest seq of the contiguous events. */
  firstSeq: number;
  /** The seq the next stored event gets. */
  nextSeq: number;
  /** The oldest chunk still holding lifecycle events the cap kept from before `firstSeq`, if any. */
  firstChunk?: number;
}

export interface StoredLayout {
  chunkSize: number;
  metaKey(tabId: number): string;
  chunkKey(tabId: number, chunk: number): string;
  isMetaKey(key: string): boolean;
  chunkOf(seq: number): number;
  /** The oldest seq any stored chunk may hold: `firstSeq`, or the start of the oldest chunk the cap thinned. */
  firstStoredSeq(meta: StoredMeta): number;
  /** The chunks a stored session may occupy, oldest first. */
  storedChunks(meta: StoredMeta): number[];
  /**
   * A chunk is stored as one JSON string, not an array of objects: Chrome charges `storage.session` quota (10 MB)
   * about three times more for the object form (measured: 696 B against 220 B for a log event), and serializing
   * it is ten times slower (10.6 µs against 0.8 µs per event), which capped the relay's throughput.
   */
  encodeChunk(events: readonly NimEvent[]): string;
  decodeChunk(stored: unknown): NimEvent[];
}

export function storedLayout(): StoredLayout {
  const chunkSize = 500;
  const chunkOf = (seq: number) => Math.floor((seq - 1) / chunkSize);
  const firstStoredSeq = (meta: StoredMeta) =>
    meta.firstChunk === undefined ? meta.firstSeq : Math.min(meta.firstSeq, meta.firstChunk * chunkSize + 1);
  return {
    chunkSize,
    metaKey: (tabId) => `tab:${tabId}`,
    chunkKey: (tabId, chunk) => `tab:${tabId}:${chunk}`,
    isMetaKey: (key) => /^tab:\d+$/.test(key),
    chunkOf,
    firstStoredSeq,
    storedChunks(meta) {
      const chunks: number[] = [];
      for (let chunk = chunkOf(firstStoredSeq(meta)); chunk <= chunkOf(Math.max(meta.nextSeq - 1, 1)); chunk++) {
        chunks.push(chunk);
      }
      return chunks;
    },
    encodeChunk: (events) => JSON.stringify(events),
    decodeChunk: (stored) => (typeof stored === 'string' ? (JSON.parse(stored) as NimEvent[]) : []),
  };
}
