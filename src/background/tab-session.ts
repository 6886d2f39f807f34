/**
 * One tab's session: every event since the tab's first instrumented document, restamped with a per-tab
 * `seq` and the sender's frame, bounded by a cap that drops whole chunks of the oldest events (counted).
 * Pure and synchronous; `SessionRegistry` persists it in chunks so that only what changed is rewritten.
 */
import type { NimEvent } from '../model/events';

/** Events per persisted chunk: small enough to rewrite on every batch, big enough to keep keys few. */
export const CHUNK_SIZE = 500;

export interface SessionMeta {
  tabId: number;
  /** The seq the next stored event gets. Tab seqs are contiguous, so seq s lives in chunk floor((s-1)/CHUNK_SIZE). */
  nextSeq: number;
  /** The first seq still held (older ones were dropped by the cap or cleared). */
  firstSeq: number;
  /** Highest hook seq stored per document, to drop the duplicates a replay after a reconnect sends. */
  lastHookSeqByDoc: Record<string, number>;
  /** The top frame's current document. */
  topDoc?: string;
  dropped: number;
  preserveLog: boolean;
}

export interface Sender {
  frameId: number;
}

export function chunkOf(seq: number): number {
  return Math.floor((seq - 1) / CHUNK_SIZE);
}

export class TabSession {
  readonly meta: SessionMeta;
  /** Events from `meta.firstSeq` to `meta.nextSeq - 1`, in order. */
  events: NimEvent[];
  /** Chunks changed since the last persist. */
  readonly dirtyChunks = new Set<number>();
  /** Chunks dropped since the last persist. */
  readonly removedChunks = new Set<number>();

  constructor(
    meta: SessionMeta,
    events: NimEvent[],
    private readonly maxEvents: number,
  ) {
    this.meta = meta;
    this.events = events;
  }

  static empty(tabId: number, maxEvents: number): TabSession {
    const meta: SessionMeta = { tabId, nextSeq: 1, firstSeq: 1, lastHookSeqByDoc: {}, dropped: 0, preserveLog: true };
    return new TabSession(meta, [], maxEvents);
  }

  lastSeq(): number {
    return this.meta.nextSeq - 1;
  }

  /** Stores the hook's events of one document; returns what was new (a replay resends what we have). */
  appendFromHook(doc: string, events: readonly NimEvent[], sender: Sender): NimEvent[] {
    let last = this.meta.lastHookSeqByDoc[doc] ?? 0;
    const stored: NimEvent[] = [];
    for (const event of events) {
      if (event.seq <= last) continue;
      last = event.seq;
      stored.push(this.push({ ...event, doc, frameId: sender.frameId }));
    }
    this.meta.lastHookSeqByDoc[doc] = last;
    this.enforceCap();
    return stored;
  }

  lastHookSeq(doc: string): number {
    return this.meta.lastHookSeqByDoc[doc] ?? 0;
  }

  /**
   * A document said hello. In the top frame a new document (or one restored from the back/forward cache)
   * is a navigation: it gets a marker, and clears the session first when "preserve log" is off (`cleared`:
   * panels must drop what they show).
   */
  noteDocument(
    hello: { doc: string; url: string; title?: string; restoredFromCache?: boolean },
    sender: Sender,
    now: number,
  ): { cleared: boolean; events: NimEvent[] } {
    if (sender.frameId !== 0) return { cleared: false, events: [] };
    if (hello.doc === this.meta.topDoc && !hello.restoredFromCache) return { cleared: false, events: [] };
    const isFirstDocument = this.meta.topDoc === undefined;
    this.meta.topDoc = hello.doc;
    const cleared = !isFirstDocument && !this.meta.preserveLog;
    if (cleared) this.clear();
    const data = { url: hello.url, ...(hello.title ? { title: hello.title } : {}) };
    const marker = this.push({
      seq: 0,
      t: now,
      kind: 'page.navigate',
      doc: hello.doc,
      frameId: 0,
      data: hello.restoredFromCache ? { ...data, restoredFromCache: true } : data,
    });
    this.enforceCap();
    return { cleared, events: [marker] };
  }

  /** Adds an event the background itself vouches for (rejects reported by the relay). */
  appendTrusted(event: NimEvent): NimEvent {
    const stored = this.push(event);
    this.enforceCap();
    return stored;
  }

  clear(): void {
    for (let chunk = chunkOf(this.meta.firstSeq); chunk <= chunkOf(this.meta.nextSeq - 1); chunk++) {
      this.removedChunks.add(chunk);
      this.dirtyChunks.delete(chunk);
    }
    this.events = [];
    // Seqs keep counting up so that a panel's "after seq N" never points into a different session.
    this.meta.firstSeq = this.meta.nextSeq;
  }

  /** Events with seq > afterSeq, or undefined when the caller's view is not a prefix of ours (it must reset). */
  eventsAfter(afterSeq: number): NimEvent[] | undefined {
    if (afterSeq < this.meta.firstSeq - 1 || afterSeq > this.lastSeq()) return undefined;
    return this.events.slice(afterSeq - (this.meta.firstSeq - 1));
  }

  chunkEvents(chunk: number): NimEvent[] {
    const from = Math.max(chunk * CHUNK_SIZE + 1, this.meta.firstSeq);
    const to = Math.min((chunk + 1) * CHUNK_SIZE, this.lastSeq());
    return this.events.slice(from - this.meta.firstSeq, to - this.meta.firstSeq + 1);
  }

  private push(event: NimEvent): NimEvent {
    const stored = { ...event, seq: this.meta.nextSeq++ } as NimEvent;
    this.events.push(stored);
    this.dirtyChunks.add(chunkOf(stored.seq));
    return stored;
  }

  /** Drops whole chunks of the oldest events (never a partial chunk, so storage stays chunk-aligned). */
  dropOldestChunk(): number {
    const chunk = chunkOf(this.meta.firstSeq);
    const newFirst = Math.min((chunk + 1) * CHUNK_SIZE + 1, this.meta.nextSeq);
    const count = newFirst - this.meta.firstSeq;
    this.events = this.events.slice(count);
    this.meta.firstSeq = newFirst;
    this.meta.dropped += count;
    this.removedChunks.add(chunk);
    this.dirtyChunks.delete(chunk);
    return count;
  }

  private enforceCap(): void {
    let dropped = 0;
    while (this.events.length > this.maxEvents) dropped += this.dropOldestChunk();
    if (dropped > 0) {
      this.push({ seq: 0, t: Date.now(), kind: 'devtools.dropped', data: { count: dropped, where: 'session' } });
    }
  }
}
