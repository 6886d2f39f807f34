/** The top bar: the four views as tabs, and the session's actions (clear, preserve log, export). */
import type { TargetedKeyboardEvent } from 'preact';
import { PANEL_VIEWS, type PanelSnapshot, type PanelView } from '../store';
import { usePanel } from './context';
import { sortFindings } from './DiagnosticsView';
import { ClearIcon, DownloadIcon } from './icons';

export interface ToolbarProps {
  snapshot: PanelSnapshot;
  onClear?(): void;
  onPreserveLogChange?(preserve: boolean): void;
  onExport?(): void;
}

export function Toolbar({ snapshot, onClear, onPreserveLogChange, onExport }: ToolbarProps) {
  const { store, s } = usePanel();
  const live = snapshot.source.type === 'live';
  const { view } = snapshot.ui;

  const onTabKey = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    const at = PANEL_VIEWS.indexOf(view);
    const next =
      e.key === 'ArrowRight'
        ? PANEL_VIEWS[(at + 1) % PANEL_VIEWS.length]
        : e.key === 'ArrowLeft'
          ? PANEL_VIEWS[(at + PANEL_VIEWS.length - 1) % PANEL_VIEWS.length]
          : undefined;
    if (!next) return;
    e.preventDefault();
    store.setView(next);
    e.currentTarget.querySelector<HTMLElement>(`#tab-${next}`)?.focus();
  };

  return (
    <header class="toolbar">
      <div class="tabs" role="tablist" aria-label="NIM" onKeyDown={onTabKey}>
        {PANEL_VIEWS.map((id) => (
          <button
            type="button"
            key={id}
            id={`tab-${id}`}
            class="tab"
            role="tab"
            aria-selected={id === view}
            aria-controls="nim-view"
            tabIndex={id === view ? 0 : -1}
            data-testid={`tab-${id}`}
            onClick={() => store.setView(id)}
          >
            {s.tabs[id]}
            <TabBadge view={id} snapshot={snapshot} />
          </button>
        ))}
      </div>
      <span class="toolbar-spacer" />
      {live && (
        <>
          <button
            type="button"
            class="tool-button"
            title={s.toolbar.clearTitle}
            aria-label={s.toolbar.clear}
            data-testid="clear"
            onClick={() => {
              store.clear();
              onClear?.();
            }}
          >
            <ClearIcon />
            <span class="label">{s.toolbar.clear}</span>
          </button>
          <label class="tool-check" title={s.toolbar.preserveLogTitle}>
            <input
              type="checkbox"
              data-testid="preserve-log"
              checked={snapshot.preserveLog}
              onChange={(e) => {
                const preserve = e.currentTarget.checked;
                store.setPreserveLog(preserve);
                onPreserveLogChange?.(preserve);
              }}
            />
            {s.toolbar.preserveLog}
          </label>
          <span class="toolbar-sep" />
        </>
      )}
      {!live && <span class="dim tool-check">{s.toolbar.readOnly}</span>}
      <button
        type="button"
        class="tool-button"
        title={s.toolbar.exportTitle}
        aria-label={s.toolbar.export}
        data-testid="export"
        disabled={!onExport}
        onClick={() => onExport?.()}
      >
        <DownloadIcon />
        <span class="label">{s.toolbar.export}</span>
      </button>
    </header>
  );
}

function TabBadge({ view, snapshot }: { view: PanelView; snapshot: PanelSnapshot }) {
  const { session, findings } = snapshot;
  if (view === 'instances' && session.instances.size > 0) return <span class="badge">{session.instances.size}</span>;
  if (view === 'sockets' && session.counters.openSockets > 0) {
    return <span class="badge">{session.counters.openSockets}</span>;
  }
  if (view === 'diagnostics' && findings.length > 0) {
    const worst = sortFindings(findings)[0]?.severity;
    return <span class={`badge ${worst === 'info' ? '' : worst}`}>{findings.length}</span>;
  }
  return null;
}
