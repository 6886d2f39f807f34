/**
 * The Connections view: the session as a picture, one lane per SDK instance over time (`LaneChart`). Wheel or
 * buttons zoom, dragging pans, dragging on the time axis narrows the timeline to a span, hovering tells the
 * event and clicking shows it in the timeline. Live, the view follows new events until the user pans away.
 * For bug reports it saves or copies itself as an image (`image.ts`).
 */
import type { TargetedKeyboardEvent, TargetedPointerEvent, TargetedWheelEvent } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import './connections.css';
import { createSharingMask } from '../../../recording/mask';
import { ConnectionLanesIndex, type Lane, type LaneMark, laneSockets } from '../../../session/connection-lanes';
import type { TimeSpan } from '../../../session/timeline';
import { shortId } from '../../format';
import type { PanelSnapshot } from '../../store';
import { usePanel } from '../context';
import { ExportTools } from './ExportTools';
import { AXIS_HEIGHT, type ChartLane, LABEL_WIDTH, LaneChart } from './LaneChart';
import { LaneTooltip, type TooltipTarget } from './LaneTooltip';
import { type TimeScale, tOf } from './projection';
import { SpanChip } from './SpanChip';
import { clampWindow, MIN_WINDOW_MS, panWindow, type TimeWindow, ZOOM_STEP, zoomWindow } from './viewport';

/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3;

interface ViewState {
  /** Absent: the whole session. */
  window?: TimeWindow;
  /** Live: keep the window's right edge on the newest event. */
  follow: boolean;
}

type Drag =
  | { type: 'pan'; startX: number; window: TimeWindow; seq?: number; moved: boolean }
  | { type: 'brush'; startX: number; from: number; to: number; moved: boolean };

export function ConnectionsView({ snapshot, masked }: { snapshot: PanelSnapshot; masked: boolean }) {
  const { store, s } = usePanel();
  const { session, ui } = snapshot;
  const index = useMemo(() => new ConnectionLanesIndex(), []);
  const model = index.update(session);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const lanes = useChartLanes(snapshot, model.lanes, masked);
  const width = useWidth(box, lanes.length > 0);
  const [view, setView] = useState<ViewState>({ follow: true });
  // A ref, not state: the pointer's events must see the drag at once, not after the next render.
  const drag = useRef<Drag | undefined>(undefined);
  /** The span being brushed, drawn as it grows. */
  const [draft, setDraft] = useState<TimeSpan>();
  const [tooltip, setTooltip] = useState<TooltipTarget>();

  const origin = snapshot.timeOrigin || model.start;
  const bounds = { from: origin, to: Math.max(model.end, origin + MIN_WINDOW_MS) };
  const window = shownWindow(view, bounds);
  const scale: TimeScale = { ...window, width: Math.max(50, width - LABEL_WIDTH) };
  const isKick = (mark: LaneMark) => {
    const event = session.events[mark.index];
    return event?.kind === 'sdk.disconnect' && String(event.data.code) === 'kicked';
  };

  const setWindow = (next: TimeWindow) => {
    const fitted = clampWindow(next, bounds);
    const whole = fitted.from <= bounds.from && fitted.to >= bounds.to;
    setView({ window: whole ? undefined : fitted, follow: fitted.to >= bounds.to });
  };
  const zoom = (factor: number, anchor?: number) =>
    setWindow(zoomWindow(window, factor, anchor ?? (view.follow ? window.to : (window.from + window.to) / 2), bounds));
  const timeAt = (clientX: number) => {
    const left = chart.current?.getBoundingClientRect().left ?? 0;
    return tOf(scale, clientX - left - LABEL_WIDTH);
  };

  const onWheel = (e: TargetedWheelEvent<HTMLDivElement>) => {
    e.preventDefault();
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      setWindow(panWindow(window, (e.deltaX / scale.width) * (window.to - window.from), bounds));
      return;
    }
    zoom(e.deltaY > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, timeAt(e.clientX));
  };
  const onPointerDown = (e: TargetedPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const top = chart.current?.getBoundingClientRect().top ?? 0;
    const onAxis = e.clientY - top < AXIS_HEIGHT;
    const target = (e.target as Element).closest<SVGElement>('[data-seq]');
    capturePointer(e.currentTarget, e.pointerId);
    const t = timeAt(e.clientX);
    drag.current = onAxis
      ? { type: 'brush', startX: e.clientX, from: t, to: t, moved: false }
      : { type: 'pan', startX: e.clientX, window, seq: seqOf(target), moved: false };
  };
  const onPointerMove = (e: TargetedPointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) {
      setTooltip(tooltipAt(e));
      return;
    }
    current.moved ||= Math.abs(e.clientX - current.startX) >= DRAG_THRESHOLD_PX;
    if (!current.moved) return;
    setTooltip(undefined);
    if (current.type === 'brush') {
      current.to = timeAt(e.clientX);
      setDraft(orderedSpan(current.from, current.to));
      return;
    }
    const perPixel = (current.window.to - current.window.from) / scale.width;
    setWindow(panWindow(current.window, (current.startX - e.clientX) * perPixel, bounds));
  };
  const onPointerUp = () => {
    const ended = drag.current;
    drag.current = undefined;
    setDraft(undefined);
    if (ended?.type === 'brush' && ended.moved) {
      store.setSpan(orderedSpan(ended.from, ended.to));
    } else if (ended?.type === 'pan' && !ended.moved && ended.seq !== undefined) {
      store.reveal(ended.seq);
    }
  };
  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    const step = (window.to - window.from) / 4;
    if (e.key === '+' || e.key === '=') zoom(1 / ZOOM_STEP);
    else if (e.key === '-') zoom(ZOOM_STEP);
    else if (e.key === '0') setView({ follow: true });
    else if (e.key === 'ArrowLeft') setWindow(panWindow(window, -step, bounds));
    else if (e.key === 'ArrowRight') setWindow(panWindow(window, step, bounds));
    else return;
    e.preventDefault();
  };

  const live = snapshot.source.type === 'live';
  return (
    <div class="connections" data-testid="connections">
      <div class="toolbar connections-bar" role="toolbar" aria-label={s.tabs.connections}>
        <button type="button" class="tool-button" data-testid="lanes-zoom-in" onClick={() => zoom(1 / ZOOM_STEP)}>
          {s.connections.zoomIn}
        </button>
        <button type="button" class="tool-button" data-testid="lanes-zoom-out" onClick={() => zoom(ZOOM_STEP)}>
          {s.connections.zoomOut}
        </button>
        <button
          type="button"
          class="tool-button"
          data-testid="lanes-fit"
          aria-pressed={view.window === undefined}
          onClick={() => setView({ follow: true })}
        >
          {s.connections.fit}
        </button>
        {live && (
          <button
            type="button"
            class="tool-button"
            data-testid="lanes-follow"
            title={s.connections.followTitle}
            aria-pressed={view.follow}
            onClick={() => setView({ window: view.window, follow: !view.follow })}
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
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            drag.current = undefined;
            setDraft(undefined);
          }}
          onPointerLeave={() => setTooltip(undefined)}
          onKeyDown={onKeyDown}
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
          {tooltip && <LaneTooltip target={tooltip} snapshot={snapshot} origin={origin} />}
        </div>
      )}
    </div>
  );
}

/** The lanes with what the chart writes beside them: account and SDK, masked as in exports when asked. */
function useChartLanes(snapshot: PanelSnapshot, lanes: readonly Lane[], masked: boolean): ChartLane[] {
  const { session } = snapshot;
  const getInstances = session.counters.byKind['sdk.getInstance'];
  // Identities come from getInstance calls only: the mask changes when they do.
  const mask = useMemo(
    () => (masked ? createSharingMask(session.events, { accounts: true, appKeys: true }) : undefined),
    [masked, session.events, getInstances],
  );
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

function shownWindow(view: ViewState, bounds: TimeWindow): TimeWindow {
  if (!view.window) return bounds;
  if (!view.follow) return clampWindow(view.window, bounds);
  const width = view.window.to - view.window.from;
  return clampWindow({ from: bounds.to - width, to: bounds.to }, bounds);
}

/**
 * Keeps a drag's moves coming when the pointer leaves the chart. A pointer that is no longer down (released in
 * between, or made by a script) cannot be captured: the drag then simply ends at the chart's edge.
 */
function capturePointer(element: Element, pointerId: number): void {
  try {
    element.setPointerCapture(pointerId);
  } catch {
    // NotFoundError / InvalidStateError: nothing to capture, nothing lost.
  }
}

function orderedSpan(a: number, b: number): TimeSpan {
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

function seqOf(element: Element | null): number | undefined {
  return numberOrUndefined(element?.getAttribute('data-seq') ?? undefined);
}

function numberOrUndefined(text: string | undefined): number | undefined {
  return text ? Number(text) : undefined;
}

function tooltipAt(e: TargetedPointerEvent<HTMLDivElement>): TooltipTarget | undefined {
  const element = (e.target as Element).closest<SVGElement>('[data-seq]');
  const seq = seqOf(element);
  if (!element || seq === undefined) return undefined;
  const box = e.currentTarget.getBoundingClientRect();
  return {
    seq,
    x: e.clientX - box.left + e.currentTarget.scrollLeft,
    y: e.clientY - box.top + e.currentTarget.scrollTop,
    state: element.dataset.state,
    from: numberOrUndefined(element.dataset.from),
    to: numberOrUndefined(element.dataset.to),
    socketId: element.dataset.socket,
    count: Number(element.dataset.count ?? '1'),
  };
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
