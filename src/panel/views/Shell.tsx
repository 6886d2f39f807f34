/**
 * What the DevTools panel and the standalone viewer have in common around the App: which store is shown (the live
 * tab, or a recording opened from a file), Import with its errors and drag and drop, Export and Copy as Markdown.
 * The panel passes its live tab; the viewer has none and starts with a file picker.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FaultRequest } from '../../model/protocol';
import {
  type Recording,
  type RecordingPage,
  type RecordingResult,
  type RecordingTool,
  recordingFileName,
} from '../../recording';
import { type Locale, type Strings, stringsFor } from '../i18n';
import { readRecordingFile } from '../recording-file';
import { recordingSummary, recordingText, reshareRecording, sessionRecording } from '../sharing';
import { PanelStore } from '../store';
import type { Theme } from '../theme';
import { App } from './App';
import { copyText } from './clipboard';
import { downloadText } from './download';
import { type HostAccess, HostAccessBanner } from './HostAccessBanner';
import { NimMark } from './icons';
import {
  DropOverlay,
  ImportButton,
  ImportErrorBanner,
  type ImportFailure,
  RecordingBanner,
  useFileDrop,
} from './RecordingControls';
import type { ShareControls, ShareStatus } from './Toolbar';

export interface LiveTab {
  store: PanelStore;
  onClear(): void;
  onPreserveLogChange(preserve: boolean): void;
  /** The inspected page as an export describes it (in DevTools, the page's current URL, asked of the page). */
  page(): Promise<RecordingPage>;
  /** Injects a fault into the inspected tab (through the background and the tab's relay, never the page). */
  onFault(request: FaultRequest): void;
  /** Whether the page hook may run on the inspected site (absent: always). */
  hostAccess?: HostAccess;
}

export interface ShellProps {
  locale: Locale;
  /** Who writes the exports: `{ name: 'nim-devtools', version }`. */
  tool: RecordingTool;
  /** Calls `apply` with the host's theme now and whenever it changes. */
  followTheme(apply: (theme: Theme) => void): (() => void) | undefined;
  /** The DevTools panel's inspected tab; absent in the standalone viewer. */
  live?: LiveTab;
}

interface OpenedFile {
  /** Tells two openings of the same file apart. */
  id: number;
  name: string;
  recording: Recording;
  store: PanelStore;
}

/** How long "Copied" and the like stay next to the buttons. */
const STATUS_MS = 4000;

export function Shell({ locale, tool, followTheme, live }: ShellProps) {
  const s = stringsFor(locale);
  const [theme, setTheme] = useState<Theme>(() => live?.store.getSnapshot().ui.theme ?? 'light');
  useEffect(() => followTheme(setTheme), [followTheme]);
  const [opened, setOpened] = useState<OpenedFile>();
  const [failure, setFailure] = useState<ImportFailure>();
  const store = opened?.store ?? live?.store;
  useEffect(() => store?.setTheme(theme), [store, theme]);
  useViewerTitle(s, live === undefined, opened?.name);

  // Reads finish in any order: only the file chosen last may be shown.
  const lastRead = useRef(0);
  const openFile = async (file: File) => {
    const read = ++lastRead.current;
    const result = await readRecordingFile(file);
    if (read !== lastRead.current) return;
    if (!result.ok) {
      setFailure({ fileName: file.name, error: result.error });
      return;
    }
    const fileStore = new PanelStore({
      source: { type: 'recording', name: file.name },
      theme,
      profile: store?.getSnapshot().ui.profile,
    });
    fileStore.loadRecording(file.name, result.recording.events);
    setFailure(undefined);
    setOpened({ id: read, name: file.name, recording: result.recording, store: fileStore });
  };
  const dragging = useFileDrop(openFile);
  const share = useShare({ s, locale, tool, live, opened });

  const failureBanner = failure && (
    <ImportErrorBanner s={s} failure={failure} onDismiss={() => setFailure(undefined)} />
  );
  const overlay = dragging && <DropOverlay>{s.recording.drop}</DropOverlay>;
  if (!store) {
    return (
      <ViewerStart s={s} locale={locale} theme={theme} onOpenFile={openFile} banner={failureBanner} overlay={overlay} />
    );
  }
  return (
    <App
      // A new store is a new panel: scroll positions and selections must not carry over.
      key={opened ? `file-${opened.id}` : 'live'}
      store={store}
      locale={locale}
      onClear={opened ? undefined : live?.onClear}
      onPreserveLogChange={opened ? undefined : live?.onPreserveLogChange}
      onFault={opened ? undefined : live?.onFault}
      onOpenFile={openFile}
      share={share}
      banner={
        <>
          {failureBanner}
          {!opened && live?.hostAccess && <HostAccessBanner s={s} access={live.hostAccess} />}
          {opened && (
            <RecordingBanner
              s={s}
              fileName={opened.name}
              recording={opened.recording}
              onBackToLive={live && (() => setOpened(undefined))}
            />
          )}
        </>
      }
      overlay={overlay}
    />
  );
}

interface ShareInput {
  s: Strings;
  locale: Locale;
  tool: RecordingTool;
  live: LiveTab | undefined;
  opened: OpenedFile | undefined;
}

/** Export and Copy as Markdown of what is shown: the live tab's whole session, or the opened file. */
function useShare({ s, locale, tool, live, opened }: ShareInput): ShareControls | undefined {
  const [maskIdentities, setMaskIdentities] = useState(false);
  const [status, setStatus] = useState<ShareStatus>();
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(undefined), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const build = async (): Promise<RecordingResult | undefined> => {
    if (opened) return reshareRecording(opened.recording, maskIdentities);
    if (!live) return undefined;
    live.store.flush();
    const page = await live.page();
    const { events } = live.store.getSnapshot().session;
    return sessionRecording({ events, page, tool, exportedAt: new Date(), maskIdentities });
  };
  /** Runs `use` on a valid recording; says what went wrong otherwise, never throws into the UI. */
  const withRecording = async (use: (recording: Recording) => Promise<ShareStatus>) => {
    try {
      const result = await build();
      if (!result) return;
      setStatus(
        result.ok ? await use(result.recording) : { tone: 'error', text: s.share.failed(result.error.message) },
      );
    } catch (error) {
      setStatus({ tone: 'error', text: s.share.failed(error instanceof Error ? error.message : String(error)) });
    }
  };

  if (!opened && !live) return undefined;
  const store = opened?.store ?? live?.store;
  return {
    maskIdentities,
    setMaskIdentities,
    status,
    exportRecording: () =>
      withRecording(async (recording) => {
        const name = recordingFileName(recording.page.url, new Date(recording.exportedAt));
        downloadText(name, recordingText(recording));
        return { tone: 'ok', text: s.share.exported(name) };
      }),
    copyMarkdown: () =>
      withRecording(async (recording) => {
        const ui = store?.getSnapshot().ui;
        const text = recordingSummary(recording, {
          selectedSeq: ui?.selectedSeq,
          profile: ui?.profile ?? 'browser',
          language: locale,
          now: opened ? undefined : Date.now(),
        });
        return (await copyText(text))
          ? { tone: 'ok', text: s.share.copied }
          : { tone: 'error', text: s.share.copyFailed };
      }),
  };
}

/** The standalone viewer names its tab after the file shown, so several open recordings can be told apart. */
function useViewerTitle(s: Strings, isViewer: boolean, fileName: string | undefined): void {
  useEffect(() => {
    if (isViewer) document.title = fileName ? `${fileName} — ${s.viewer.title}` : s.viewer.title;
  }, [s, isViewer, fileName]);
}

interface ViewerStartProps {
  s: Strings;
  locale: Locale;
  theme: Theme;
  onOpenFile(file: File): void;
  banner: ComponentChildren;
  overlay: ComponentChildren;
}

/** The viewer before any file: what it is for, a file picker, and the drop target. */
function ViewerStart({ s, locale, theme, onOpenFile, banner, overlay }: ViewerStartProps) {
  return (
    <div class="nim-root" data-testid="viewer-start" data-theme={theme} lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      {banner}
      <div class="empty-state viewer-start">
        <NimMark />
        <h2>{s.viewer.title}</h2>
        <p>{s.viewer.intro}</p>
        <ImportButton s={s} onOpenFile={onOpenFile} label={s.viewer.choose} class="primary-button" />
        <p>{s.viewer.orDrop}</p>
        <p class="dim">{s.viewer.private}</p>
      </div>
      {overlay}
    </div>
  );
}
