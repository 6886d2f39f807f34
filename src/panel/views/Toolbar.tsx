/**
 * The top bar: the four views as tabs, and the session's actions (clear, preserve log, import, and the sharing
 * ones: the mask, Copy as Markdown, Export).
 */
import type { TargetedKeyboardEvent } from 'preact';
import { groupFindings, sortGroups } from '../../diagnostics/group';
import type { PanelSnapshot } from '../store';
import { PANEL_VIEWS, type PanelView } from '../ui-state';
import { usePanel } from './context';
import { ClearIcon, DownloadIcon, LockIcon, MarkdownIcon } from './icons';
import { ImportButton } from './RecordingControls';

/** Export and Copy as Markdown, as the host performs them. */
export interface ShareControls {
  /** Also replace accounts and appKeys (tokens are always redacted). Off by default, always in sight. */
  maskIdentities: boolean;
  setMaskIdentities(mask: boolean): void;
  exportRecording(): void;
  copyMarkdown(): void;
  /** The outcome of the last action ("Copied", an error), shown next to the buttons for a moment. */
  status?: ShareStatus;
}

export interface ShareStatus {
  tone: 'ok' | 'error';
  text: string;
}

export interface ToolbarProps {
  snapshot: PanelSnapshot;
  onClear?(): void;
  onPreserveLogChange?(preserve: boolean): void;
  /** Present where the host can show a file instead of (or, in the viewer, without) a live tab. */
  onOpenFile?(file: File): void;
  share?: ShareControls;
}

export function Toolbar({ snapshot, onClear, onPreserveLogChange, onOpenFile, share }: ToolbarProps) {
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
      {onOpenFile && (
        <>
          <ImportButton s={s} onOpenFile={onOpenFile} />
          <span class="toolbar-sep" />
        </>
      )}
      <ShareTools share={share} />
    </header>
  );
}

function ShareTools({ share }: { share: ShareControls | undefined }) {
  const { s } = usePanel();
  return (
    <>
      <span class="redaction-note" title={s.share.tokensRedactedTitle} data-testid="tokens-redacted">
        <LockIcon />
        <span class="label">{s.share.tokensRedacted}</span>
      </span>
      <label class="tool-check" title={s.share.maskIdentitiesTitle}>
        <input
          type="checkbox"
          data-testid="mask-identities"
          checked={share?.maskIdentities ?? false}
          disabled={!share}
          onChange={(e) => share?.setMaskIdentities(e.currentTarget.checked)}
        />
        <span class="label">{s.share.maskIdentities}</span>
      </label>
      <button
        type="button"
        class="tool-button"
        title={s.share.copyMarkdownTitle}
        aria-label={s.share.copyMarkdown}
        data-testid="copy-markdown"
        disabled={!share}
        onClick={() => share?.copyMarkdown()}
      >
        <MarkdownIcon />
        <span class="label">{s.share.copyMarkdown}</span>
      </button>
      <button
        type="button"
        class="tool-button"
        title={s.toolbar.exportTitle}
        aria-label={s.toolbar.export}
        data-testid="export"
        disabled={!share}
        onClick={() => share?.exportRecording()}
      >
        <DownloadIcon />
        <span class="label">{s.toolbar.export}</span>
      </button>
      {share?.status && (
        <span class={`share-status ${share.status.tone}`} role="status" data-testid="share-status">
          {share.status.text}
        </span>
      )}
    </>
  );
}

function TabBadge({ view, snapshot }: { view: PanelView; snapshot: PanelSnapshot }) {
  const { session, findings } = snapshot;
  if (view === 'instances' && session.instances.size > 0) return <span class="badge">{session.instances.size}</span>;
  if (view === 'sockets' && session.counters.openSockets > 0) {
    return <span class="badge">{session.counters.openSockets}</span>;
  }
  if (view === 'diagnostics' && findings.length > 0) {
    // As many as the view has rows: repeats of a finding are one row.
    const groups = sortGroups(groupFindings(findings));
    const worst = groups[0]?.severity;
    return <span class={`badge ${worst === 'info' ? '' : worst}`}>{groups.length}</span>;
  }
  return null;
}
