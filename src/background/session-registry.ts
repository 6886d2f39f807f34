import type { KeyValueStore } from './storage';
import { storedLayout } from './stored-layout';
import { CHUNK_SIZE, type SessionMeta, TabSession } from './tab-session';

const { metaKey, chunkKey, encodeChunk, decodeChunk } = storedLayout();

/** Of the order of 50,000 events per tab by default: a long reconnect storm fits, memory stays bounded. */
export const DEFAULT_MAX_EVENTS = 50_000;

export class SessionRegistry {
  private readonly sessions = new Map<number, Promise<TabSession>>();
  private readonly pendingWrites = new Map<number, Promise<void>>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly maxEvents = DEFAULT_MAX_EVENTS,
  ) {}

  get(tabId: number): Promise<TabSession> {
    let session = this.sessions.get(tabId);
    if (!session) {
      session = this.load(tabId);
      this.sessions.set(tabId, session);
    }
    return session;
  }

  /** Persists what changed in this tab's session (coalesced), resolving when it is stored. */
  persist(tabId: number): Promise<void> {
    const pending = this.pendingWrites.get(tabId);
    if (pending) return pending;
    const write = Promise.resolve()
      .then(() => {
        // Everything appended before this microtask ran rides along in one write.
        this.pendingWrites.delete(tabId);
        return this.get(tabId);
      })
      .then((session) => this.write(session));
    this.pendingWrites.set(tabId, write);
    return write;
  }

  async forget(tabId: number): Promise<void> {
    const session = this.sessions.get(tabId);
    this.sessions.delete(tabId);
    const meta = session
      ? (await session).meta
      : ((await this.store.get([metaKey(tabId)]))[metaKey(tabId)] as SessionMeta | undefined);
    if (!meta) return;
    const keys = [metaKey(tabId), ...TabSession.storedChunks(meta).map((chunk) => chunkKey(tabId, chunk))];
    await this.store.remove(keys);
  }

  private async load(tabId: number): Promise<TabSession> {
    const meta = (await this.store.get([metaKey(tabId)]))[metaKey(tabId)] as SessionMeta | undefined;
    if (!meta) return TabSession.empty(tabId, this.maxEvents);
    const keys = TabSession.storedChunks(meta).map((chunk) => chunkKey(tabId, chunk));
    const stored = await this.store.get(keys);
    const events = keys.flatMap((key) => decodeChunk(stored[key]));
    return TabSession.restore(meta, events, this.maxEvents);
  }

  private async write(session: TabSession): Promise<void> {
    const tabId = session.meta.tabId;
    for (let attempt = 0; ; attempt++) {
      const items: Record<string, unknown> = { [metaKey(tabId)]: session.meta };
      for (const chunk of session.dirtyChunks) items[chunkKey(tabId, chunk)] = encodeChunk(session.chunkEvents(chunk));
      const removed = [...session.removedChunks].map((chunk) => chunkKey(tabId, chunk));
      session.dirtyChunks.clear();
      session.removedChunks.clear();
      try {
        if (removed.length > 0) await this.store.remove(removed);
        await this.store.set(items);
        return;
      } catch (error) {
        // Most likely the storage quota: give up the oldest events (counted as dropped) and try again.
        for (const key of Object.keys(items)) {
          const chunk = Number(key.split(':')[2]);
          if (Number.isInteger(chunk)) session.dirtyChunks.add(chunk);
        }
        if (attempt >= 5 || session.size <= CHUNK_SIZE) throw error;
        session.shrink();
      }
    }
  }
}
