import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import type { BackgroundToPanel } from '../model/protocol';
import { eventBuilder } from '../session/test-events';
import { sdkDroppedByServer, sdkLogin, sdkReconnected } from '../session/test-sdk-sequences';
import { PanelStore, type PanelStoreOptions } from './store';

const TAB = 7;

/** A store whose frame callbacks run only when the test says so. */
function makeStore(options: Partial<PanelStoreOptions> = {}) {
  const pending: (() => void)[] = [];
  const store = new PanelStore({
    source: { type: 'live', tabId: TAB },
    schedule: (callback) => pending.push(callback),
    now: () => Date.UTC(2025, 0, 1, 13),
    ...options,
  });
  const frame = () => {
    for (const callback of pending.splice(0)) callback();
  };
  return { store, frame };
}

function events(list: NimEvent[], extra: Partial<Extract<BackgroundToPanel, { type: 'events' }>> = {}) {
  return { type: 'events', tabId: TAB, reset: false, events: list, preserveLog: true, dropped: 0, ...extra } as const;
}

function seqs(store: PanelStore): number[] {
  return store.getSnapshot().session.events.map((event) => event.seq);
}

/** A session with one instance that logs in, loses its socket and reconnects: 3 sockets, a reconnect group. */
function loginDropReconnect() {
  const b = eventBuilder();
  sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
  b.wait(1000);
  sdkDroppedByServer(b, 'i1', 's1', 1);
  sdkReconnected(b, 'i1', 's2');
  return b;
}

describe('PanelStore: holding events', () => {
  it('ignores events it already holds (seq ≤ the last one), as a replay after a reconnect sends them', () => {
    const { store } = makeStore();
    const b = loginDropReconnect();
    const all = b.take();
    store.receive(events(all.slice(0, 5)));
    store.receive(events(all.slice(2, 8)));
    store.receive(events(all.slice(0, 3)));
    expect(seqs(store)).toEqual(all.slice(0, 8).map((event) => event.seq));
    expect(store.lastEventSeq()).toBe(8);
    expect(store.getSnapshot().session.counters.events).toBe(8);
  });

  it('replaces everything on reset, even with lower seqs than it held', () => {
    const { store } = makeStore();
    store.receive(events(loginDropReconnect().take()));
    const fresh = eventBuilder();
    sdkLogin(fresh, { instanceId: 'j1', socketId: 't1', account: 'bob' });
    store.receive(events(fresh.take(), { reset: true }));
    const snapshot = store.getSnapshot();
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
    expect([...snapshot.session.instances.keys()]).toEqual(['j1']);
    expect(store.lastEventSeq()).toBe(5);
  });

  it('empties on `cleared` but keeps counting from the last seq, as the background does', () => {
    const { store } = makeStore();
    const b = loginDropReconnect();
    store.receive(events(b.take()));
    const last = store.lastEventSeq();
    store.receive({ type: 'cleared', tabId: TAB });
    expect(store.getSnapshot().session.events).toEqual([]);
    expect(store.getSnapshot().session.instances.size).toBe(0);
    expect(store.lastEventSeq()).toBe(last);
    b.wait(10).sdkLog('i1', 'info', 'after clear');
    store.receive(events(b.take()));
    expect(seqs(store)).toEqual([last + 1]);
  });

  it('clears at once on the user’s Clear, and a recording refuses to', () => {
    const { store } = makeStore();
    store.receive(events(loginDropReconnect().take()));
    store.clear();
    expect(store.getSnapshot().session.events).toHaveLength(0);

    const viewer = makeStore({ source: { type: 'recording', name: 'a.json' } }).store;
    viewer.loadRecording('a.json', loginDropReconnect().take());
    viewer.clear();
    expect(viewer.getSnapshot().session.events.length).toBeGreaterThan(0);
    expect(viewer.readOnly).toBe(true);
  });

  it('drops the old document when the page navigates with preserve log off, like the background', () => {
    const { store } = makeStore();
    const b = eventBuilder({ doc: 'd1' });
    b.pageNavigate('http://a.test/', { doc: 'd1' });
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    store.receive(events(b.take(), { preserveLog: false }));
    const marker = b.wait(100).pageNavigate('http://a.test/again', { doc: 'd2' });
    store.receive(events(b.take(), { preserveLog: false }));
    expect(seqs(store)).toEqual([marker.seq]);

    const kept = makeStore().store;
    const c = eventBuilder({ doc: 'd1' });
    c.pageNavigate('http://a.test/', { doc: 'd1' });
    sdkLogin(c, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    c.wait(100).pageNavigate('http://a.test/again', { doc: 'd2' });
    kept.receive(events(c.take(), { preserveLog: true }));
    expect(kept.getSnapshot().session.events).toHaveLength(7);
  });

  it('measures relative time from the earliest event, even when the navigation marker came later', () => {
    const { store } = makeStore();
    const b = eventBuilder({ start: 5_000 });
    const early = b.sdkDetected();
    b.wait(20);
    const marker = b.pageNavigate('http://a.test/');
    marker.t = 5_004; // stamped by the background when the document said hello
    store.receive(events(b.take()));
    expect(store.getSnapshot().timeOrigin).toBe(early.t);
    store.clear();
    b.wait(100).sdkLog('i1', 'info', 'x');
    store.receive(events(b.take()));
    expect(store.getSnapshot().timeOrigin).toBe(5_120);
  });

  it('counts what the background dropped without counting its markers twice', () => {
    const { store } = makeStore();
    const b = eventBuilder();
    b.devtoolsDropped(500, 'session');
    b.devtoolsDropped(3, 'page');
    store.receive(events(b.take(), { dropped: 1000 }));
    // 1000 by the session cap (its marker for 500 is part of it) + 3 by the page.
    expect(store.getSnapshot().dropped).toBe(1003);
  });

  it('tells listeners once per frame for data, at once for user actions', () => {
    const { store, frame } = makeStore();
    let calls = 0;
    store.subscribe(() => calls++);
    const b = loginDropReconnect();
    const all = b.take();
    store.receive(events(all.slice(0, 4)));
    store.receive(events(all.slice(4)));
    expect(calls).toBe(0);
    frame();
    expect(calls).toBe(1);
    store.setView('sockets');
    expect(calls).toBe(2);
  });
});

describe('PanelStore: diagnostics', () => {
  it('paints new events first and runs the diagnostics on the next frame, with the wall clock when live', () => {
    const seen: (number | undefined)[] = [];
    const { store, frame } = makeStore({
      diagnose: (session, now) => {
        seen.push(now);
        return session.events.length > 3
          ? [
              {
                rule: 'reconnect-storm',
                key: 'k',
                severity: 'warning',
                evidence: [1],
                t: 0,
                title: { en: 'x', zh: 'x' },
                detail: { en: 'y', zh: 'y' },
              },
            ]
          : [];
      },
    });
    store.receive(events(loginDropReconnect().take()));
    expect(store.getSnapshot().findings).toEqual([]);
    frame();
    expect(store.getSnapshot().session.events.length).toBeGreaterThan(3);
    expect(seen).toEqual([]);
    frame();
    expect(store.getSnapshot().findings.map((finding) => finding.rule)).toEqual(['reconnect-storm']);
    expect(seen).toEqual([Date.UTC(2025, 0, 1, 13)]);
  });

  it('finds real problems with the default rules (a second getInstance that changed options)', () => {
    const { store } = makeStore();
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.wait(500).sdkGetInstance('i1', { account: 'alice', reused: true, changed: ['syncSessionUnread'] });
    store.receive(events(b.take()));
    store.flush();
    expect(store.getSnapshot().findings.map((finding) => finding.rule)).toContain('silent-option-change');
  });
});

describe('PanelStore: platform profile', () => {
  /** Two NIM sockets open at once: fine in a browser, over uni-app's budget of one. */
  function twoSockets() {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkLogin(b, { instanceId: 'i2', socketId: 's2', account: 'bob' });
    return b.take();
  }
  const rules = (store: PanelStore) => store.getSnapshot().findings.map((finding) => finding.rule);

  it('judges the socket budget of the chosen platform at once, and of the browser by default', () => {
    const { store } = makeStore();
    store.receive(events(twoSockets()));
    store.flush();
    expect(store.getSnapshot().ui.profile).toBe('browser');
    expect(rules(store)).not.toContain('socket-budget');

    let notified = 0;
    store.subscribe(() => notified++);
    store.setProfile('uniapp');
    expect(rules(store)).toContain('socket-budget');
    expect(notified).toBeGreaterThan(0);
    store.setProfile('browser');
    expect(rules(store)).not.toContain('socket-budget');
  });

  it('passes the profile to the diagnostics and starts from the one it is given', () => {
    const seen: string[] = [];
    const { store } = makeStore({
      profile: 'wechat-miniprogram',
      diagnose: (_session, _now, profile) => {
        seen.push(profile);
        return [];
      },
    });
    store.receive(events(twoSockets()));
    store.flush();
    store.setProfile('uniapp');
    expect(seen).toEqual(['wechat-miniprogram', 'uniapp']);
  });

  it('shows a recording from its start with its findings at once: no later event will come to run them', () => {
    const { store } = makeStore({ source: { type: 'recording', name: 'a.json' }, profile: 'uniapp' });
    store.loadRecording('a.json', twoSockets());
    expect(rules(store)).toContain('socket-budget');
    // Read from its start, with nothing announced as new.
    expect(store.getSnapshot().ui).toMatchObject({ followLive: false, unseen: 0 });
  });
});

describe('PanelStore: timeline', () => {
  it('filters by kind group, instance and text', () => {
    const { store } = makeStore();
    const b = loginDropReconnect();
    sdkLogin(b, { instanceId: 'i2', socketId: 'x1', account: 'bob' });
    b.sdkLog('i2', 'warn', 'Hello Bob');
    store.receive(events(b.take()));
    const kinds = () => store.getTimeline().rows.map((row) => store.getSnapshot().session.events[row.index]?.kind);

    store.toggleKindGroup('sockets');
    expect(new Set(kinds())).toEqual(new Set(['ws.create', 'ws.open', 'ws.traffic', 'ws.close']));
    store.toggleKindGroup('sockets');
    expect(store.getSnapshot().ui.groups).toEqual([]);

    store.setInstanceFilter('i2');
    expect(store.getTimeline().matched).toBe(6);
    store.setSearchText('hello BOB');
    expect(kinds()).toEqual(['sdk.log']);
    store.resetFilters();
    expect(store.getTimeline().matched).toBe(store.getSnapshot().session.events.length);
  });

  it('folds a reconnect episode under its first onwillreconnect, and opens it on request', () => {
    const { store } = makeStore();
    store.receive(events(loginDropReconnect().take()));
    const rows = store.getTimeline().rows;
    const group = rows.find((row) => row.type === 'group');
    expect(group).toBeDefined();
    if (group?.type !== 'group') return;
    expect(group.group.willReconnects).toBe(2);
    expect(rows.some((row) => row.type === 'member')).toBe(false);
    store.toggleGroup(group.key);
    const members = store.getTimeline().rows.filter((row) => row.type === 'member');
    expect(members.length).toBe(group.group.indices.length - 1);
  });

  it('answers each filter change over 100,000 events as a store filtered that way from the start', () => {
    const b = eventBuilder();
    for (let i = 0; i < 2_600; i++) {
      sdkLogin(b, { instanceId: `i${i % 5}`, socketId: `s${i}`, account: `user${i % 5}` });
      b.wait(10).sdkLog(`i${i % 5}`, 'info', `line ${i}`);
      sdkDroppedByServer(b, `i${i % 5}`, `s${i}`, 1);
      for (let k = 0; k < 30; k++) b.wsTraffic(`s${i}`, { framesIn: 1, bytesIn: 40 });
    }
    const all = b.take();
    expect(all.length).toBeGreaterThan(100_000);
    const changes: ((store: PanelStore) => void)[] = [
      (store) => store.toggleKindGroup('sdk'),
      (store) => store.setInstanceFilter('i3'),
      (store) => store.setSearchText('line 12'),
      (store) => store.resetFilters(),
    ];
    // Each change answers what a store built with that filter from the start answers (speed: `npm run bench`).
    const { store } = makeStore();
    for (let i = 0; i < all.length; i += 5_000) store.receive(events(all.slice(i, i + 5_000)));
    store.getTimeline();
    changes.forEach((change, n) => {
      change(store);
      const fresh = makeStore().store;
      for (const earlier of changes.slice(0, n + 1)) earlier(fresh);
      fresh.receive(events(all));
      expect(store.getTimeline().matched).toBe(fresh.getTimeline().matched);
    });
  });
});

describe('PanelStore: follow live', () => {
  function filled() {
    const { store, frame } = makeStore();
    const b = loginDropReconnect();
    store.receive(events(b.take()));
    frame();
    return { store, frame, b };
  }

  it('follows by default and stops when the user scrolls away, counting what arrives meanwhile', () => {
    const { store, b } = filled();
    expect(store.getSnapshot().ui.followLive).toBe(true);
    store.scrolledTo(false);
    expect(store.getSnapshot().ui.followLive).toBe(false);
    b.wait(5).sdkLog('i1', 'info', 'one');
    b.wait(5).sdkLog('i1', 'info', 'two');
    store.receive(events(b.take()));
    expect(store.getSnapshot().ui.unseen).toBe(2);
    store.scrolledTo(true);
    expect(store.getSnapshot().ui).toMatchObject({ followLive: true, unseen: 0 });
  });

  it('stops following when an older event is selected, keeps following on the newest, and comes back on request', () => {
    const { store } = filled();
    const session = store.getSnapshot().session;
    const rows = store.getTimeline().rows;
    const newest = session.events[rows[rows.length - 1]?.index ?? -1];
    store.select(newest?.seq);
    expect(store.getSnapshot().ui.followLive).toBe(true);
    store.select(session.events[0]?.seq, { open: true });
    expect(store.getSnapshot().ui).toMatchObject({ followLive: false, detailOpen: true, selectedSeq: 1 });
    store.followLive();
    expect(store.getSnapshot().ui.followLive).toBe(true);
  });

  it('reveals a finding’s evidence: timeline view, detail open, filters lifted, its group opened', () => {
    const { store } = filled();
    const session = store.getSnapshot().session;
    const member = session.events.find((event) => event.kind === 'ws.close');
    if (!member) throw new Error('no ws.close');
    store.setView('diagnostics');
    store.toggleKindGroup('logs');
    store.reveal(member.seq);
    const { ui } = store.getSnapshot();
    expect(ui).toMatchObject({ view: 'timeline', selectedSeq: member.seq, detailOpen: true, followLive: false });
    expect(ui.groups).toEqual([]);
    const rows = store.getTimeline().rows;
    expect(rows.some((row) => session.events[row.index]?.seq === member.seq)).toBe(true);
  });
});

describe('PanelStore: a span brushed in the Connections view', () => {
  it('narrows the timeline to the span; reveal and reset filters lift it', () => {
    const { store } = makeStore();
    const b = loginDropReconnect();
    const all = b.take();
    store.receive(events(all));
    const login = all.find((event) => event.kind === 'sdk.connect');
    if (!login) throw new Error('no login');
    const matched = () => store.getTimeline().matched;

    store.setSpan({ from: all[0]?.t ?? 0, to: login.t });
    expect(matched()).toBe(all.filter((event) => event.t <= login.t).length);
    expect(matched()).toBeLessThan(all.length);

    const last = all.at(-1);
    if (!last) throw new Error('no events');
    store.reveal(last.seq);
    expect(store.getSnapshot().ui).toMatchObject({ view: 'timeline', selectedSeq: last.seq, span: undefined });
    expect(matched()).toBe(all.length);

    store.setSpan({ from: login.t, to: login.t });
    expect(matched()).toBeGreaterThan(0);
    store.resetFilters();
    expect(store.getSnapshot().ui.span).toBeUndefined();
    expect(matched()).toBe(all.length);
  });
});
