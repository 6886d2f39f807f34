/**
 * The pieces around an opened recording: the Import button, the "Viewing <file>" banner with what was redacted,
 * the import error, and the drop target. They take their words as a prop: the viewer's start page shows some of
 * them before any store (and so any panel context) exists.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Recording, RecordingError, RecordingRedaction } from '../../recording';
import { formatDateTime } from '../format';
import type { Strings } from '../i18n';
import { UploadIcon } from './icons';

export interface ImportButtonProps {
  s: Strings;
  onOpenFile(file: File): void;
  /** The start page's large button says more than the toolbar's. */
  label?: string;
  class?: string;
}

/** A label around a visually hidden file input: the input keeps the keyboard focus and the test id. */
export function ImportButton({ s, onOpenFile, label, class: className = 'tool-button' }: ImportButtonProps) {
  return (
    <label class={`${className} import-button`} title={s.share.importTitle} data-testid="import">
      <UploadIcon />
      <span class="label">{label ?? s.share.import}</span>
      <input
        type="file"
        class="visually-hidden"
        accept=".json,.har,application/json"
        aria-label={s.share.importTitle}
        data-testid="import-file"
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) fires a change.
          input.value = '';
          if (file) onOpenFile(file);
        }}
      />
    </label>
  );
}

export interface ImportFailure {
  fileName: string;
  error: RecordingError;
}

export function ImportErrorBanner({
  s,
  failure,
  onDismiss,
}: {
  s: Strings;
  failure: ImportFailure;
  onDismiss(): void;
}) {
  return (
    <div class="banner banner-error" role="alert" data-testid="import-error" data-code={failure.error.code}>
      <strong>{s.recording.cannotOpen(failure.fileName)}</strong>
      <span class="import-message">{failure.error.message}</span>
      <span class="toolbar-spacer" />
      <button type="button" class="link-button" data-testid="dismiss-import-error" onClick={onDismiss}>
        {s.recording.dismiss}
      </button>
    </div>
  );
}

export interface RecordingBannerProps {
  s: Strings;
  fileName: string;
  recording: Recording;
  /** The DevTools panel only: the live tab is still there behind the file. */
  onBackToLive?(): void;
}

/** "Viewing <file> — back to live", where the session came from, and what the file does not show. */
export function RecordingBanner({ s, fileName, recording, onBackToLive }: RecordingBannerProps) {
  return (
    <div class="banner banner-info recording-banner" data-testid="recording-banner">
      <span>
        {s.recording.viewing} <strong data-testid="recording-name">{fileName}</strong>{' '}
        <span class="dim">{s.recording.readOnly}</span>
      </span>
      {onBackToLive && (
        <>
          <span aria-hidden="true">—</span>
          <button
            type="button"
            class="link-button"
            title={s.recording.backToLiveTitle}
            data-testid="back-to-live"
            onClick={onBackToLive}
          >
            {s.recording.backToLive}
          </button>
        </>
      )}
      <span class="dim recording-page" title={recording.page.title ?? recording.page.url}>
        {recording.page.url}
      </span>
      <span class="dim">{s.recording.exportedAt(formatDateTime(Date.parse(recording.exportedAt)))}</span>
      <RedactionView s={s} redaction={recording.redaction} />
    </div>
  );
}

function RedactionView({ s, redaction }: { s: Strings; redaction: RecordingRedaction }) {
  const flags: { key: string; on: boolean; text: string }[] = [
    { key: 'tokens', on: redaction.tokens, text: s.recording.tokens(redaction.tokens) },
    { key: 'accounts', on: redaction.accounts, text: s.recording.accounts(redaction.accounts) },
    { key: 'appKeys', on: redaction.appKeys, text: s.recording.appKeys(redaction.appKeys) },
  ];
  return (
    <span
      class="redaction"
      data-testid="redaction"
      data-tokens={String(redaction.tokens)}
      data-accounts={String(redaction.accounts)}
      data-app-keys={String(redaction.appKeys)}
    >
      <span class="dim">{s.recording.redaction}:</span>
      {flags.map((flag) => (
        <span key={flag.key} class={`redaction-flag${flag.on ? ' on' : ''}`}>
          {flag.text}
        </span>
      ))}
    </span>
  );
}

/**
 * Opens a file dropped anywhere on the page, and says so while one is dragged over it. Without this, a dropped
 * file would replace the panel with the browser's own view of it.
 */
export function useFileDrop(onOpenFile: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onOpenFile);
  latest.current = onOpenFile;
  useEffect(() => {
    const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      // Leaving one element for another inside the page is not leaving the page.
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) latest.current(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

export function DropOverlay({ children }: { children: ComponentChildren }) {
  return (
    <div class="drop-overlay" data-testid="drop-overlay">
      <div class="drop-message">
        <UploadIcon />
        {children}
      </div>
    </div>
  );
}
