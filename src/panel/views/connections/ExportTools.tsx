/** Save the Connections chart as SVG or PNG, or copy it, for a bug report; says how it went for a moment. */
import { useEffect, useState } from 'preact/hooks';
import { usePanel } from '../context';
import { downloadBlob } from '../download';
import { CopyIcon, DownloadIcon } from '../icons';
import { copyImage, imageFileName, pngOf, svgMarkup } from './image';

/** How long "Saved …" stays next to the buttons (as the toolbar's share status). */
const STATUS_MS = 4000;

interface Status {
  tone: 'ok' | 'error';
  text: string;
}

export function ExportTools({ chart }: { chart: { current: HTMLElement | null } }) {
  const { s } = usePanel();
  const [status, setStatus] = useState<Status>();
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(undefined), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);

  /** The chart as drawn now, or nothing when there is no chart (no instance yet). */
  const image = () => {
    const svg = chart.current?.querySelector<SVGSVGElement>('svg[data-testid="lanes"]');
    if (!svg) return undefined;
    return { markup: svgMarkup(svg), width: svg.width.baseVal.value, height: svg.height.baseVal.value };
  };
  const run = async (action: () => Promise<Status | undefined>) => {
    try {
      const outcome = await action();
      if (outcome) setStatus(outcome);
    } catch (error) {
      setStatus({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };
  const save = (extension: 'svg' | 'png') =>
    run(async () => {
      const drawn = image();
      if (!drawn) return undefined;
      const name = imageFileName(extension, new Date());
      const blob =
        extension === 'svg'
          ? new Blob([drawn.markup], { type: 'image/svg+xml' })
          : await pngOf(drawn.markup, drawn.width, drawn.height);
      downloadBlob(name, blob);
      return { tone: 'ok', text: s.connections.saved(name) };
    });
  const copy = () =>
    run(async () => {
      const drawn = image();
      if (!drawn) return undefined;
      const copied = await copyImage(await pngOf(drawn.markup, drawn.width, drawn.height), drawn.markup);
      if (copied === 'failed') return { tone: 'error', text: s.connections.copyFailed };
      return { tone: 'ok', text: copied === 'png' ? s.connections.copied : s.connections.copiedSvg };
    });

  return (
    <>
      {(['svg', 'png'] as const).map((extension) => (
        <button
          type="button"
          key={extension}
          class="tool-button"
          title={s.connections.saveTitle}
          data-testid={`lanes-save-${extension}`}
          onClick={() => save(extension)}
        >
          <DownloadIcon />
          <span class="label">{extension === 'svg' ? s.connections.saveSvg : s.connections.savePng}</span>
        </button>
      ))}
      <button type="button" class="tool-button" title={s.connections.copyTitle} data-testid="lanes-copy" onClick={copy}>
        <CopyIcon />
        <span class="label">{s.connections.copy}</span>
      </button>
      {status && (
        <span class={`share-status ${status.tone}`} role="status" data-testid="lanes-status">
          {status.text}
        </span>
      )}
    </>
  );
}
