/**
 * The Connections view: the session as a picture, one lane per SDK instance over time (`LaneChart`). Wheel or
 * buttons zoom, dragging pans, dragging on the time axis narrows the timeline to a span, hovering tells the
 * event and clicking shows it in the timeline. Live, the view follows new events until the user pans away.
 * For bug reports it saves or copies itself as an image (`image.ts`).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import './connections.css';
import { createSharingMask } from '../../../recording/mask';
import { ConnectionLanesIndex, type Lane, type LaneMark, laneSockets } from '../../../session/connection-lanes';
import { shortId } from '../../format';
import type { PanelSnapshot } from '../../store';
import { usePanel } from '../context';
import { ExportTools } from './ExportTools';
import { type ChartLane, LABEL_WIDTH, LaneChart } from './LaneChart';
import { LaneTooltip } from './LaneTooltip';
import type { TimeScale } from './projection';
import { SpanChip } from './SpanChip';
import { useChartGestures } from './useChartGestures';
import { useTimeWindow } from './useTimeWindow';
import { MIN_WINDOW_MS, ZOOM_STEP } from './viewport';

export function ConnectionsView({ snapshot, masked }: { snapshot: PanelSnapshot; masked: boolean }) {
  const { store, s } = usePanel();
  const { session, ui } = snapshot;
  const index = useMemo(() => new ConnectionLanesIndex(), []);
  const model = index.update(session);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const mask = useIdentityMask(snapshot, masked);
  const lanes = chartLanes(snapshot, model.lanes, mask);
  const width = useWidth(box, lanes.length > 0);

  const origin = snapshot.timeOrigin || model.start;
  const time = useTimeWindow({ from: origin, to: Math.max(model.end, origin + MIN_WINDOW_MS) });
  const scale: TimeScale = { ...time.window, width: Math.max(50, width - LABEL_WIDTH) };
  const { handlers, draft, tooltip } = useChartGestures({
    chart,
    scale,
    time,
    onBrush: (span) => store.setSpan(span),
    onPick: (seq) => store.reveal(seq),
  });
  const isKick = (mark: LaneMark) => {
    const event = session.events[mark.index];
    return event?.kind === 'sdk.disconnect' && String(event.data.code) === 'kicked';
  };

  const live = snapshot.source.type === 'live';
  return (
    <div class="connections" data-testid="connections">
      <div class="toolbar connections-bar" role="toolbar" aria-label={s.tabs.connections}>
        <button type="button" class="tool-button" data-testid="lanes-zoom-in" onClick={() => time.zoom(1 / ZOOM_STEP)}>
          {s.connections.zoomIn}
        </button>
        <button type="button" class="tool-button" data-testid="lanes-zoom-out" onClick={() => time.zoom(ZOOM_STEP)}>
          {s.connections.zoomOut}
        </button>
        <button type="button" class="tool-button" data-testid="lanes-fit" aria-pressed={time.whole} onClick={time.fit}>
          {s.connections.fit}
        </button>
        {live && (
          <button
            type="button"
            class="tool-button"
            data-testid="lanes-follow"
            title={s.connections.followTitle}
            aria-pressed={time.follow}
            onClick={time.toggleFollow}
          >
            {s.connections.follow}
          </button>
        )}
        {ui.span && <SpanChip span={ui.span} origin={origin} />}
        <span class="toolbar-spacer" />
        <span class="connections-hint dim">{s.connections.hint}</span>
        <span class="toolbar-sep" />
        <ExportTools chart={chart} />
      </div>
      {lanes.length === 0 ? (
        <div class="grid-empty" data-testid="lanes-empty">
          {s.connections.empty}
        </div>
      ) : (
        <div
          ref={box}
          class={draft ? 'connections-body brushing' : 'connections-body'}
          {...handlers}
          role="application"
          aria-label={s.connections.hint}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: one keyboard stop with its own keys: + / - zoom, arrows pan, 0 fits
          tabIndex={0}
        >
          <div ref={chart} class="connections-chart">
            {/* Drawn once the width is known: a first pass at a guessed width would be thrown away. */}
            {width > 0 && (
              <LaneChart
                lanes={lanes}
                pageMarks={model.pageMarks}
                scale={scale}
                origin={origin}
                end={model.end}
                isKick={isKick}
                span={ui.span}
                draft={draft}
                label={s.tabs.connections}
              />
            )}
          </div>
          {tooltip && <LaneTooltip target={tooltip} snapshot={snapshot} origin={origin} mask={mask} />}
        </div>
      )}
    </div>
  );
}

/** With the sharing mask on, accounts and appKeys shown as the exports write them (`account-1`, `appkey-1`). */
function useIdentityMask(snapshot: PanelSnapshot, masked: boolean): ((text: string) => string) | undefined {
  const { session } = snapshot;
  const getInstances = session.counters.byKind['sdk.getInstance'];
  // Identities come from getInstance calls only: the mask changes when they do.
  return useMemo(
    () => (masked ? createSharingMask(session.events, { accounts: true, appKeys: true }) : undefined),
    [masked, session.events, getInstances],
  );
}

/** The lanes with what the chart writes beside them: account and SDK, masked when asked. */
function chartLanes(snapshot: PanelSnapshot, lanes: readonly Lane[], mask?: (text: string) => string): ChartLane[] {
  const { session } = snapshot;
  const show = (text: string) => (mask ? mask(text) : text);
  return lanes.map((lane) => {
    const record = session.instances.get(lane.instanceId);
    const account = show(record?.account ?? shortId(lane.instanceId));
    const detail = [record?.flavour ?? 'NIM', record?.appKey && show(record.appKey), shortId(lane.instanceId)]
      .filter(Boolean)
      .join(' · ');
    return { lane, sockets: laneSockets(session, lane.instanceId), account, detail };
  });
}

/** The element's width (0 until measured), kept up to date as the panel is resized; `present`: whether it is rendered. */
function useWidth(ref: { current: HTMLElement | null }, present: boolean): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [present]);
  return width;
}
