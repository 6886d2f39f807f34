/**
 * One Playwright page's NIM events, from the two places they live:
 * - the page hook's API (`window.__NIM_DEVTOOLS__`): the current document only, up to the last event;
 * - the extension's background (`storage.session`): the tab's whole session across reloads and navigations,
 *   what the panel shows and exports, a few milliseconds behind the page (the hook batches per microtask).
 *
 * The tab's session is the default everywhere. Which tab is this page's? The extension's tab ids are not
 * visible to Playwright, so the page is found by its documents: every event carries its document's random
 * `doc` token, and the background's `SessionMeta` lists the documents it stored. A read first waits until
 * the background holds everything the page's current document has recorded, so a test that just saw an
 * event in the page finds it in the session too.
 */
import type { Page, Worker } from '@playwright/test';
import type { NimDevtoolsPageApi } from '../../src/hook/page-api';
import type { NimEvent } from '../../src/model/events';
import type { FaultTarget } from '../../src/model/protocol';
import type { Recording } from '../../src/recording/format';
import { StoredEvents, type StoredSessionRead, storedSessionExpression } from './stored-session';

/** How long a read waits for the background to store what the page already has. */
export const CATCH_UP_MS = 5000;
const POLL_MS = 25;

export interface PageSnapshot {
  doc?: string;
  /** The hook seq of the document's last event; 0 when it has none. */
  lastSeq: number;
  url: string;
  title: string;
  userAgent: string;
}

export interface PageSessionDeps {
  serviceWorker(): Promise<Worker>;
  /** True when this page is the browser's only one (then the only stored session must be its). */
  isOnlyPage(): boolean;
}

type HookWindow = Window & { __NIM_DEVTOOLS__?: NimDevtoolsPageApi<Recording> };

export class PageSession {
  private tabId: number | undefined;
  private readonly docs = new Set<string>();
  private readonly stored = new StoredEvents();

  constructor(
    readonly page: Page,
    private readonly deps: PageSessionDeps,
  ) {}

  async snapshot(): Promise<PageSnapshot> {
    const snapshot = await evaluateInPage(this.page, () => {
      const last = (window as HookWindow).__NIM_DEVTOOLS__?.events().at(-1);
      return {
        doc: last?.doc,
        lastSeq: last?.seq ?? 0,
        url: location.href,
        title: document.title,
        userAgent: navigator.userAgent,
      };
    });
    if (snapshot.doc !== undefined) this.docs.add(snapshot.doc);
    return snapshot;
  }

  /** The current document's events, from the page hook (hook seqs, no `frameId`). */
  documentEvents(): Promise<NimEvent[]> {
    return evaluateInPage(this.page, () => (window as HookWindow).__NIM_DEVTOOLS__?.events() ?? []);
  }

  /** The tab's session as the extension stored it, once it holds what the page has recorded so far. */
  async tabEvents(snapshot?: PageSnapshot): Promise<NimEvent[]> {
    const page = snapshot ?? (await this.snapshot());
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const worker = await this.deps.serviceWorker();
      const query = {
        tabId: this.tabId,
        docs: [...this.docs],
        onlySession: this.deps.isOnlyPage(),
        fromSeq: this.stored.fromSeq(),
      };
      const read = (await worker.evaluate(storedSessionExpression(query))) as StoredSessionRead;
      if (read.found && read.complete) {
        this.tabId = read.meta.tabId;
        this.stored.merge(read.meta, read.events);
        const storedUpTo = page.doc === undefined ? 0 : (read.meta.lastHookSeqByDoc[page.doc] ?? 0);
        // Behind after the deadline: what the background holds is what the panel shows; go with it.
        if (storedUpTo >= page.lastSeq || Date.now() > deadline) return this.stored.all();
      } else if (!read.found && page.lastSeq === 0) {
        return [];
      } else if (Date.now() > deadline) {
        throw new Error(
          read.found
            ? `nim-devtools: this tab's stored session kept changing under the reader for ${CATCH_UP_MS} ms.`
            : `nim-devtools: the page recorded ${page.lastSeq} events but the extension stored none of them within ` +
                `${CATCH_UP_MS} ms: its background is not receiving this tab's events.`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** Closes the matching sockets for real; returns how many. */
  async drop(target: FaultTarget): Promise<number> {
    const dropped = await evaluateInPage(
      this.page,
      (t) => (window as HookWindow).__NIM_DEVTOOLS__?.drop(t) ?? null,
      target,
    );
    return dropped ?? this.missingHook('drop');
  }

  async offline(ms: number): Promise<void> {
    const done = await evaluateInPage(
      this.page,
      (duration) => {
        const api = (window as HookWindow).__NIM_DEVTOOLS__;
        api?.offline(duration);
        return api !== undefined;
      },
      ms,
    );
    if (!done) this.missingHook('offline');
  }

  async stall(ms: number, target: FaultTarget): Promise<void> {
    const done = await evaluateInPage(
      this.page,
      ([duration, t]) => {
        const api = (window as HookWindow).__NIM_DEVTOOLS__;
        api?.stall(duration, t);
        return api !== undefined;
      },
      [ms, target] as const,
    );
    if (!done) this.missingHook('stall');
  }

  private missingHook(name: string): never {
    throw new Error(
      `nim-devtools: ${name}() needs the page hook, and ${this.page.url()} has none (is the extension loaded?)`,
    );
  }
}

/** `page.evaluate`, once more when a navigation destroyed the context in between (polling across a reload). */
async function evaluateInPage<R, A>(page: Page, fn: (arg: A) => R, arg?: A): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await page.evaluate(fn as (arg: unknown) => R, arg)) as R;
    } catch (error) {
      const navigated = error instanceof Error && /Execution context was destroyed|navigat/i.test(error.message);
      if (!navigated || attempt >= 3) throw error;
      // Only a pause before the next attempt, whose own error is the one that counts.
      await page.waitForLoadState('domcontentloaded').catch(() => undefined);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
