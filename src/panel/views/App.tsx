/**
 * The panel: toolbar, the active view, the status line. Hosts (the extension's panel page, the standalone
 * viewer) create the store, feed it, and pass the actions they can perform; the App knows no browser API.
 */
import '../theme.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { FaultRequest } from '../../model/protocol';
import { type Locale, stringsFor } from '../i18n';
import type { PanelSnapshot, PanelStore } from '../store';
import { ConnectionsView } from './connections/ConnectionsView';
import { PanelContext, useSnapshot } from './context';
import { DiagnosticsView, ProfileBar } from './DiagnosticsView';
import { EmptyState, NoNimBanner } from './EmptyState';
import { FilterBar } from './FilterBar';
import { InstancesView } from './InstancesView';
import { SocketsView } from './SocketsView';
import { StatusBar } from './StatusBar';
import { focusTimeline, Timeline } from './Timeline';
import { type ShareControls, Toolbar } from './Toolbar';

export interface AppProps {
  store: PanelStore;
  locale: Locale;
  /** Live only: ask the background to clear the tab's session (the store empties itself at once). */
  onClear?(): void;
  /** Live only: the user toggled "preserve log". */
  onPreserveLogChange?(preserve: boolean): void;
  /** Opens a recording file (Import); the button is hidden without it. */
  onOpenFile?(file: File): void;
  /** Export and Copy as Markdown; their controls are disabled without it. */
  share?: ShareControls;
  /** Between the toolbar and the view: what the host has to say (the opened file, an import error). */
  banner?: ComponentChildren;
  /** Over everything (a drop target while a file is dragged over the page). */
  overlay?: ComponentChildren;
  /** Live only: injects a fault (drop, offline, stall) into the inspected tab. */
  onFault?(request: FaultRequest): void;
}

export function App({
  store,
  locale,
  onClear,
  onPreserveLogChange,
  onOpenFile,
  share,
  banner,
  overlay,
  onFault,
}: AppProps) {
  const snapshot = useSnapshot(store);
  const context = useMemo(() => ({ store, locale, s: stringsFor(locale), onFault }), [store, locale, onFault]);
  const search = useRef<HTMLInputElement>(null);
  useGlobalKeys(store, snapshot, search);
  useFindingsClock(store, snapshot.source.type === 'live');
  const { view } = snapshot.ui;
  const shown = view === 'timeline' ? store.getTimeline().matched : undefined;

  return (
    <PanelContext.Provider value={context}>
      <div
        class="nim-root"
        data-testid="panel-root"
        data-theme={snapshot.ui.theme}
        data-view={view}
        lang={locale === 'zh' ? 'zh-CN' : 'en'}
      >
        <Toolbar
          snapshot={snapshot}
          onClear={onClear}
          onPreserveLogChange={onPreserveLogChange}
          onOpenFile={onOpenFile}
          share={share}
        />
        {banner}
        {view === 'timeline' && <FilterBar snapshot={snapshot} searchRef={search} />}
        {view === 'diagnostics' && <ProfileBar snapshot={snapshot} />}
        {view === 'timeline' && <NoNimBanner snapshot={snapshot} />}
        <div class="main" id="nim-view" role="tabpanel" aria-labelledby={`tab-${view}`}>
          <ActiveView snapshot={snapshot} masked={share?.maskIdentities ?? false} />
        </div>
        <StatusBar snapshot={snapshot} shown={shown} />
        {overlay}
      </div>
    </PanelContext.Provider>
  );
}

/** `masked`: the sharing mask is on, so what could leave the panel as an image is masked too. */
function ActiveView({ snapshot, masked }: { snapshot: PanelSnapshot; masked: boolean }) {
  switch (snapshot.ui.view) {
    case 'timeline':
      return snapshot.session.events.length === 0 ? (
        <EmptyState snapshot={snapshot} />
      ) : (
        <Timeline snapshot={snapshot} />
      );
    case 'connections':
      return <ConnectionsView snapshot={snapshot} masked={masked} />;
    case 'instances':
      return <InstancesView snapshot={snapshot} />;
    case 'sockets':
      return <SocketsView snapshot={snapshot} />;
    case 'diagnostics':
      return <DiagnosticsView snapshot={snapshot} />;
  }
}

/**
 * `/` and Ctrl/⌘+F focus the search (as in the DevTools), Esc closes the detail pane or leaves the search.
 * On the document, so that they work wherever the focus is in the panel.
 */
function useGlobalKeys(store: PanelStore, snapshot: PanelSnapshot, search: { current: HTMLInputElement | null }): void {
  const latest = useRef(snapshot);
  latest.current = snapshot;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT';
      const findKey = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f';
      if (findKey || (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey)) {
        e.preventDefault();
        store.setView('timeline');
        // The filter bar exists only in the timeline: focus once it has rendered.
        requestAnimationFrame(() => {
          search.current?.focus();
          search.current?.select();
        });
        return;
      }
      if (e.key !== 'Escape') return;
      if (target === search.current && search.current) {
        if (search.current.value) store.setSearchText('');
        else focusTimeline();
        e.preventDefault();
        return;
      }
      if (latest.current.ui.detailOpen) {
        store.closeDetail();
        e.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, search]);
}

/** Clock-based findings ("still open N s after…") are re-judged every second in a live panel. */
function useFindingsClock(store: PanelStore, live: boolean): void {
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => store.refreshFindings(), 1000);
    return () => clearInterval(timer);
  }, [store, live]);
}
