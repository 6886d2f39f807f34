import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionRegistry } from '../../src/background/session-registry';
import { MemoryStore } from '../../src/background/storage';
import type { NimEvent } from '../../src/model/events';
import {
  StoredEvents,
  type StoredSessionQuery,
  type StoredSessionRead,
  storedSessionExpression,
} from './stored-session';

function hookEvents(doc: string, from: number, count: number): NimEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    t: 1000 + from + i,
    kind: 'sdk.log',
    doc,
    data: { level: 'info', text: `${doc} ${from + i}` },
  }));
}

/** `chrome.storage.session` as the service worker sees it, over the store the real registry writes to. */
function exposeAsChromeStorage(store: MemoryStore, withGetKeys = true) {
  const session = {
    get: async (keys: string | string[] | null) =>
      keys === null ? store.get([...store.data.keys()]) : store.get(typeof keys === 'string' ? [keys] : keys),
    ...(withGetKeys ? { getKeys: async () => [...store.data.keys()] } : {}),
  };
  vi.stubGlobal('chrome', { storage: { session } });
}

/** Writes tab sessions the way the background does: a navigation marker per document, then its events. */
async function storeTabs(store: MemoryStore, tabs: Record<number, { doc: string; events: number }[]>) {
  const registry = new SessionRegistry(store);
  for (const [tab, documents] of Object.entries(tabs)) {
    const tabId = Number(tab);
    const session = await registry.get(tabId);
    for (const { doc, events } of documents) {
      session.noteDocument({ doc, url: `https://app.test/${doc}` }, { frameId: 0 }, 1000);
      session.appendFromHook(doc, hookEvents(doc, 1, events), { frameId: 0 });
    }
    await registry.persist(tabId);
  }
}

const query = (over: Partial<StoredSessionQuery>): StoredSessionQuery => ({
  docs: [],
  onlySession: false,
  fromSeq: 1,
  ...over,
});

/** As the service worker runs it: the expression's source text, evaluated in the global scope. */
function readStoredSession(q: StoredSessionQuery): Promise<StoredSessionRead> {
  // biome-ignore lint/security/noGlobalEval: the fixture sends this very text to the service worker.
  const globalEval = eval;
  return globalEval(storedSessionExpression(q)) as Promise<StoredSessionRead>;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readStoredSession', () => {
  it('finds a tab by any of its documents and reads its whole session across chunks', async () => {
    const store = new MemoryStore();
    await storeTabs(store, {
      7: [{ doc: 'aaaa', events: 3 }],
      9: [
        { doc: 'bbbb', events: 700 },
        { doc: 'cccc', events: 2 },
      ],
    });
    exposeAsChromeStorage(store);

    const read = await readStoredSession(query({ docs: ['zzzz', 'bbbb'] }));
    if (!read.found) throw new Error('not found');
    expect(read.meta.tabId).toBe(9);
    expect(read.complete).toBe(true);
    // Two markers and 702 events, contiguous seqs across two chunks.
    expect(read.events.map((e) => e.seq)).toEqual(Array.from({ length: 704 }, (_, i) => i + 1));
    expect(read.events.filter((e) => e.kind === 'page.navigate').map((e) => e.doc)).toEqual(['bbbb', 'cccc']);
    expect(read.meta.lastHookSeqByDoc).toEqual({ bbbb: 700, cccc: 2 });
  });

  it('reads only from the seq asked for, and by tab id once known', async () => {
    const store = new MemoryStore();
    await storeTabs(store, { 9: [{ doc: 'bbbb', events: 700 }] });
    exposeAsChromeStorage(store);
    const read = await readStoredSession(query({ tabId: 9, fromSeq: 650 }));
    if (!read.found) throw new Error('not found');
    expect(read.events.map((e) => e.seq)).toEqual(Array.from({ length: 52 }, (_, i) => 650 + i));
  });

  it('finds nothing for unknown documents, unless the browser has a single page and a single session', async () => {
    const store = new MemoryStore();
    await storeTabs(store, { 7: [{ doc: 'aaaa', events: 1 }] });
    exposeAsChromeStorage(store, false);
    expect(await readStoredSession(query({ docs: ['zzzz'] }))).toEqual({ found: false });
    const only = await readStoredSession(query({ docs: [], onlySession: true }));
    expect(only.found && only.meta.tabId).toBe(7);

    await storeTabs(store, { 8: [{ doc: 'bbbb', events: 1 }] });
    expect(await readStoredSession(query({ docs: [], onlySession: true }))).toEqual({ found: false });
  });

  it('says when chunks vanished between its reads', async () => {
    const store = new MemoryStore();
    await storeTabs(store, { 9: [{ doc: 'bbbb', events: 700 }] });
    exposeAsChromeStorage(store);
    store.data.delete('tab:9:0');
    const read = await readStoredSession(query({ tabId: 9 }));
    expect(read.found && read.complete).toBe(false);
  });
});

describe('readStoredSession over a session the cap thinned', () => {
  it('reads the lifecycle events kept of the oldest chunks, and what follows in full', async () => {
    const store = new MemoryStore();
    const registry = new SessionRegistry(store, 2_000);
    const session = await registry.get(5);
    session.noteDocument({ doc: 'dddd', url: 'https://app.test/' }, { frameId: 0 }, 1000);
    session.appendFromHook('dddd', hookEvents('dddd', 1, 6_000), { frameId: 0 });
    await registry.persist(5);
    exposeAsChromeStorage(store);

    const read = await readStoredSession(query({ tabId: 5 }));
    if (!read.found) throw new Error('not found');
    expect(read.complete).toBe(true);
    expect(read.events[0]?.kind).toBe('page.navigate');
    expect(read.events.map((e) => e.seq)).toEqual(session.allEvents().map((e) => e.seq));
    const cache = new StoredEvents();
    cache.merge(read.meta, read.events);
    expect(cache.all()[0]?.kind).toBe('page.navigate');
  });
});

describe('StoredEvents', () => {
  const event = (seq: number) => hookEvents('aaaa', seq, 1)[0] as NimEvent;

  it('appends what is new and forgets what the background dropped or cleared', () => {
    const cache = new StoredEvents();
    cache.merge({ firstSeq: 1, nextSeq: 4 }, [event(1), event(2), event(3)]);
    expect(cache.fromSeq()).toBe(4);
    cache.merge({ firstSeq: 1, nextSeq: 6 }, [event(4), event(5)]);
    expect(cache.all().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);

    // The background's cap dropped seqs 1–2; nothing new.
    cache.merge({ firstSeq: 3, nextSeq: 6 }, []);
    expect(cache.all().map((e) => e.seq)).toEqual([3, 4, 5]);

    // Cleared on a navigation without "preserve log": seqs go on from where they were.
    cache.merge({ firstSeq: 8, nextSeq: 9 }, [event(8)]);
    expect(cache.all().map((e) => e.seq)).toEqual([8]);
    expect(cache.fromSeq()).toBe(9);
  });
});
