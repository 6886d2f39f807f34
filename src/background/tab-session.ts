/**
 * One tab's session: every event since the tab's first instrumented document, restamped with a per-tab
 * `seq` and the sender's frame, bounded by a cap (counted, by kind). The cap goes by importance: the oldest
 * chunk is first thinned to its lifecycle events (`model/retention.ts`: logs and traffic go), and only when
 * those kept events fill half the cap do the oldest of them go too. So a long debug session still holds the
 * `getInstance`, `connect` and `ws.create` it began with.
 * Pure and synchronous; `SessionRegistry` persists it in chunks so that only what changed is rewritten.
 */
import type { CountsByKind, NimEvent } from '../model/events';
import { isEvictedFirst } from '../model/retention';
import { storedLayout } from './stored-layout';

const layout = storedLayout();
/** Events per persisted chunk: small enough to rewrite on every batch, big enough to keep keys few. */
export const CHUNK_SIZE = layout.chunkSize;

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
  /**
   * The oldest chunk still stored. Chunks before `chunkOf(firstSeq)` hold only the lifecycle events a trim
   * kept (absent: none, as stored by versions before retention by importance).
   */
  firstChunk?: number;
}

/** A thinned chunk: the lifecycle events a trim kept of it, in seq order. */
interface RetainedChunk {
  chunk: number;
  events: NimEvent[];
}

export interface Sender {
  frameId: number;
}

export const chunkOf = layout.chunkOf;

export class TabSession {
  readonly meta: SessionMeta;
  /** Every event from `meta.firstSeq` to `meta.nextSeq - 1`, in order (older ones are in `retained`). */
  events: NimEvent[];
  /** Lifecycle events older than `meta.firstSeq`, by chunk, oldest first. */
  private retained: RetainedChunk[] = [];
  private retainedCount = 0;
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

  /** A session from its stored chunks' events, in seq order (kept lifecycle events and the rest alike). */
  static restore(meta: SessionMeta, stored: readonly NimEvent[], maxEvents: number): TabSession {
    const session = new TabSession(meta, [], maxEvents);
    for (const event of stored) {
      if (event.seq >= meta.firstSeq) session.events.push(event);
      else if (event.seq >= firstStoredSeq(meta)) session.retain(chunkOf(event.seq), [event]);
    }
    return session;
  }

  /** The chunks a stored session may occupy, oldest first. */
  static storedChunks(meta: SessionMeta): number[] {
    return layout.storedChunks(meta);
  }

  /** How many events it holds. */
  get size(): number {
    return this.retainedCount + this.events.length;
  }

  /** Everything it holds, in seq order: what a panel that starts over gets. */
  allEvents(): NimEvent[] {
    if (this.retained.length === 0) return this.events;
    return [...this.retained.flatMap((retained) => retained.events), ...this.events];
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
    for (const chunk of TabSession.storedChunks(this.meta)) {
      this.removedChunks.add(chunk);
      this.dirtyChunks.delete(chunk);
    }
    this.events = [];
    this.retained = [];
    this.retainedCount = 0;
    // Seqs keep counting up so that a panel's "after seq N" never points into a different session.
    this.meta.firstSeq = this.meta.nextSeq;
    this.meta.firstChunk = undefined;
  }

  /** Events with seq > afterSeq, or undefined when the caller's view is not a prefix of ours (it must reset). */
  eventsAfter(afterSeq: number): NimEvent[] | undefined {
    if (afterSeq < this.meta.firstSeq - 1 || afterSeq > this.lastSeq()) return undefined;
    return this.events.slice(afterSeq - (this.meta.firstSeq - 1));
  }

  chunkEvents(chunk: number): NimEvent[] {
    const from = Math.max(chunk * CHUNK_SIZE + 1, this.meta.firstSeq);
    const to = Math.min((chunk + 1) * CHUNK_SIZE, this.lastSeq());
    const recent = to < from ? [] : this.events.slice(from - this.meta.firstSeq, to - this.meta.firstSeq + 1);
    // Only the newest retained chunk can share its chunk with the events after it (a thinned current chunk).
    const kept = this.retained.find((retained) => retained.chunk === chunk)?.events;
    return kept ? [...kept, ...recent] : recent;
  }

  private push(event: NimEvent): NimEvent {
    const stored = { ...event, seq: this.meta.nextSeq++ } as NimEvent;
    this.events.push(stored);
    this.dirtyChunks.add(chunkOf(stored.seq));
    return stored;
  }

  /**
   * Gives up some events at once (the storage quota is full): the oldest chunk's logs and traffic, or if it
   * has none, the oldest chunk of lifecycle events. Says so.
   */
  shrink(): void {
    const byKind: CountsByKind = {};
    let count = this.events.length > 0 ? this.thinOldestChunk(byKind) : 0;
    if (count === 0) count = this.dropOldestRetained(byKind);
    this.reportDropped(count, byKind);
  }

  private enforceCap(): void {
    const byKind: CountsByKind = {};
    let count = 0;
    while (this.size > this.maxEvents) count += this.trimOldest(byKind);
    this.reportDropped(count, byKind);
  }

  private reportDropped(count: number, byKind: CountsByKind): void {
    if (count === 0) return;
    this.meta.dropped += count;
    this.push({ seq: 0, t: Date.now(), kind: 'devtools.dropped', data: { count, where: 'session', byKind } });
  }

  /**
   * One step of the cap; returns how many events it dropped (possibly none: a chunk of lifecycle events only
   * moves to `retained`). Kept lifecycle events may fill half the cap; past that the oldest chunk of them goes.
   */
  private trimOldest(byKind: CountsByKind): number {
    const keptTooMany = this.retainedCount > this.maxEvents / 2 || this.events.length === 0;
    return keptTooMany ? this.dropOldestRetained(byKind) : this.thinOldestChunk(byKind);
  }

  /** The window's oldest chunk (never a part of one, so storage stays chunk-aligned) loses its logs and traffic. */
  private thinOldestChunk(byKind: CountsByKind): number {
    const chunk = chunkOf(this.meta.firstSeq);
    const newFirst = Math.min((chunk + 1) * CHUNK_SIZE + 1, this.meta.nextSeq);
    const leaving = this.events.slice(0, newFirst - this.meta.firstSeq);
    this.events = this.events.slice(leaving.length);
    this.meta.firstSeq = newFirst;
    const kept = leaving.filter((event) => !isEvictedFirst(event.kind));
    this.retain(chunk, kept);
    this.changedChunk(chunk);
    for (const event of leaving) if (isEvictedFirst(event.kind)) count(byKind, event);
    return leaving.length - kept.length;
  }

  private dropOldestRetained(byKind: CountsByKind): number {
    const oldest = this.retained.shift();
    if (!oldest) return 0;
    this.retainedCount -= oldest.events.length;
    for (const event of oldest.events) count(byKind, event);
    this.changedChunk(oldest.chunk);
    return oldest.events.length;
  }

  private retain(chunk: number, events: readonly NimEvent[]): void {
    if (events.length === 0) return;
    const newest = this.retained[this.retained.length - 1];
    if (newest?.chunk === chunk) newest.events.push(...events);
    else this.retained.push({ chunk, events: [...events] });
    this.retainedCount += events.length;
  }

  /** A chunk lost events: rewritten if anything of it is left, removed otherwise. */
  private changedChunk(chunk: number): void {
    this.meta.firstChunk = this.retained[0]?.chunk ?? chunkOf(this.meta.firstSeq);
    if (this.chunkEvents(chunk).length > 0) {
      this.dirtyChunks.add(chunk);
    } else {
      this.removedChunks.add(chunk);
      this.dirtyChunks.delete(chunk);
    }
  }
}

const firstStoredSeq = layout.firstStoredSeq;

function count(byKind: CountsByKind, event: NimEvent): void {
  byKind[event.kind] = (byKind[event.kind] ?? 0) + 1;
}
