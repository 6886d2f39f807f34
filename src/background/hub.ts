/**
 * Routes between relays (one per frame of a tab) and panels (one per DevTools window): events go into the
 * sender tab's session and out to that tab's panels only. The tab and frame always come from the port's
 * sender as the browser reports it, never from anything a page could write.
 */
import type { NimEvent } from '../model/events';
import type { MessagePortLike } from '../model/ports';
import type { BackgroundToPanel, BackgroundToRelay, PanelToBackground, RelayToBackground } from '../model/protocol';
import type { SessionRegistry } from './session-registry';
import type { TabSession } from './tab-session';

export type RelayPort = MessagePortLike<RelayToBackground, BackgroundToRelay>;
export type PanelPort = MessagePortLike<PanelToBackground, BackgroundToPanel>;

/** Events per message to a panel: a late panel receives a long session in slices. */
const PANEL_SLICE = 5_000;

export class Hub {
  private readonly relaysByTab = new Map<number, Set<RelayPort>>();
  private readonly panelsByTab = new Map<number, Set<PanelPort>>();
  /** Messages of a port are handled one after another, in arrival order, across async session loads. */
  private readonly queues = new WeakMap<object, Promise<void>>();

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  connectRelay(port: RelayPort, sender: { tabId: number; frameId: number }): void {
    addTo(this.relaysByTab, sender.tabId, port);
    port.onDisconnect(() => this.relaysByTab.get(sender.tabId)?.delete(port));
    port.onMessage((message) => this.serialize(port, () => this.onRelayMessage(port, sender, message)));
  }

  connectPanel(port: PanelPort): void {
    let subscribedTab: number | undefined;
    port.onDisconnect(() => {
      if (subscribedTab !== undefined) this.panelsByTab.get(subscribedTab)?.delete(port);
    });
    port.onMessage((message) =>
      this.serialize(port, async () => {
        if (message.type === 'subscribe') {
          if (subscribedTab !== undefined) this.panelsByTab.get(subscribedTab)?.delete(port);
          subscribedTab = message.tabId;
          addTo(this.panelsByTab, message.tabId, port);
        }
        await this.onPanelMessage(port, message);
      }),
    );
  }

  async forgetTab(tabId: number): Promise<void> {
    this.relaysByTab.delete(tabId);
    await this.sessions.forget(tabId);
  }

  private serialize(port: object, task: () => Promise<void>): void {
    const previous = this.queues.get(port) ?? Promise.resolve();
    const next = previous.then(task).catch((error) => console.error('nim-devtools background:', error));
    this.queues.set(port, next);
  }

  private async onRelayMessage(
    port: RelayPort,
    sender: { tabId: number; frameId: number },
    message: RelayToBackground,
  ): Promise<void> {
    const session = await this.sessions.get(sender.tabId);
    switch (message.type) {
      case 'hello': {
        const navigation = session.noteDocument(message, sender, this.now());
        if (navigation.cleared) this.announceCleared(sender.tabId);
        this.broadcast(session, navigation.events);
        await this.sessions.persist(sender.tabId);
        // Ask for everything after what we hold: after a worker restart the relay still has it.
        post(port, { type: 'resume', doc: message.doc, afterSeq: session.lastHookSeq(message.doc), replay: true });
        return;
      }
      case 'events': {
        const stored = session.appendFromHook(message.doc, message.events, sender);
        this.broadcast(session, stored);
        // Confirmed once on disk, without holding up the next batch: writes are coalesced and go out in order,
        // and the seq is read now, so the confirmation never covers an event appended after this write began.
        const afterSeq = session.lastHookSeq(message.doc);
        this.sessions
          .persist(sender.tabId)
          .then(() => post(port, { type: 'resume', doc: message.doc, afterSeq, replay: false }))
          .catch((error) => console.error('nim-devtools background: could not store events', error));
        return;
      }
      case 'rejected': {
        const event = session.appendTrusted({
          seq: 0,
          t: this.now(),
          kind: 'devtools.rejected',
          frameId: sender.frameId,
          data: { count: message.count, reason: message.reason.slice(0, 200) },
        });
        this.broadcast(session, [event]);
        await this.sessions.persist(sender.tabId);
        return;
      }
    }
  }

  private async onPanelMessage(port: PanelPort, message: PanelToBackground): Promise<void> {
    const session = await this.sessions.get(message.tabId);
    switch (message.type) {
      case 'subscribe': {
        const after = session.eventsAfter(message.afterSeq);
        sendToPanel(port, session, after ?? session.allEvents(), after === undefined);
        return;
      }
      case 'clear': {
        session.clear();
        await this.sessions.persist(message.tabId);
        this.announceCleared(message.tabId);
        return;
      }
      case 'setPreserveLog': {
        session.meta.preserveLog = message.preserve;
        await this.sessions.persist(message.tabId);
        for (const panel of this.panelsByTab.get(message.tabId) ?? []) sendToPanel(panel, session, [], false);
        return;
      }
      case 'fault': {
        const { type: _type, tabId, ...fault } = message;
        for (const relay of this.relaysByTab.get(tabId) ?? []) post(relay, { type: 'fault', ...fault });
        return;
      }
    }
  }

  private announceCleared(tabId: number): void {
    for (const panel of this.panelsByTab.get(tabId) ?? []) post(panel, { type: 'cleared', tabId });
  }

  private broadcast(session: TabSession, events: NimEvent[]): void {
    if (events.length === 0) return;
    for (const panel of this.panelsByTab.get(session.meta.tabId) ?? []) sendToPanel(panel, session, events, false);
  }
}

function sendToPanel(port: PanelPort, session: TabSession, events: NimEvent[], reset: boolean): void {
  const { tabId, preserveLog, dropped } = session.meta;
  let offset = 0;
  do {
    const slice = events.slice(offset, offset + PANEL_SLICE);
    post(port, { type: 'events', tabId, reset: reset && offset === 0, events: slice, preserveLog, dropped });
    offset += PANEL_SLICE;
  } while (offset < events.length);
}

function post<T>(port: MessagePortLike<unknown, T>, message: T): void {
  try {
    port.postMessage(message);
  } catch {
    // A port that closed while we worked: its owner reconnects and asks again.
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
