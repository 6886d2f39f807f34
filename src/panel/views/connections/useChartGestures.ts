/**
 * The Connections chart's pointer, wheel and keys: the wheel zooms about the pointer (sideways, it pans), a drag
 * pans, a drag on the time axis brushes a span, a press without a drag on a shape picks its event, hovering
 * points at one; + / - zoom, arrows pan, 0 shows the whole session.
 */
import type { TargetedKeyboardEvent, TargetedPointerEvent, TargetedWheelEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { TimeSpan } from '../../../session/timeline';
import { AXIS_HEIGHT, LABEL_WIDTH } from './LaneChart';
import type { TooltipTarget } from './LaneTooltip';
import { type TimeScale, tOf } from './projection';
import type { TimeWindowControl } from './useTimeWindow';
import { ZOOM_STEP } from './viewport';

/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3;

type Drag =
  | { type: 'pan'; startX: number; from: number; to: number; seq?: number; moved: boolean }
  | { type: 'brush'; startX: number; from: number; to: number; moved: boolean };

export interface GestureOptions {
  /** The element the chart's SVG is drawn in (its left edge is the labels' left edge). */
  chart: { current: HTMLElement | null };
  scale: TimeScale;
  time: TimeWindowControl;
  onBrush(span: TimeSpan): void;
  onPick(seq: number): void;
}

export function useChartGestures({ chart, scale, time, onBrush, onPick }: GestureOptions) {
  // A ref, not state: the pointer's events must see the drag at once, not after the next render.
  const drag = useRef<Drag | undefined>(undefined);
  /** The span being brushed, drawn as it grows. */
  const [draft, setDraft] = useState<TimeSpan>();
  const [tooltip, setTooltip] = useState<TooltipTarget>();
  const { window } = time;

  const timeAt = (clientX: number) => {
    const left = chart.current?.getBoundingClientRect().left ?? 0;
    return tOf(scale, clientX - left - LABEL_WIDTH);
  };
  const endDrag = () => {
    const ended = drag.current;
    drag.current = undefined;
    setDraft(undefined);
    return ended;
  };

  const handlers = {
    onWheel(e: TargetedWheelEvent<HTMLDivElement>) {
      e.preventDefault();
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) time.pan((e.deltaX / scale.width) * (window.to - window.from));
      else time.zoom(e.deltaY > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, timeAt(e.clientX));
    },
    onPointerDown(e: TargetedPointerEvent<HTMLDivElement>) {
      if (e.button !== 0) return;
      const top = chart.current?.getBoundingClientRect().top ?? 0;
      capturePointer(e.currentTarget, e.pointerId);
      const t = timeAt(e.clientX);
      drag.current =
        e.clientY - top < AXIS_HEIGHT
          ? { type: 'brush', startX: e.clientX, from: t, to: t, moved: false }
          : { type: 'pan', startX: e.clientX, ...window, seq: seqOf(shapeAt(e)), moved: false };
    },
    onPointerMove(e: TargetedPointerEvent<HTMLDivElement>) {
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
      const by = ((current.startX - e.clientX) * (current.to - current.from)) / scale.width;
      time.show({ from: current.from + by, to: current.to + by });
    },
    onPointerUp() {
      const ended = endDrag();
      if (ended?.type === 'brush' && ended.moved) onBrush(orderedSpan(ended.from, ended.to));
      else if (ended?.type === 'pan' && !ended.moved && ended.seq !== undefined) onPick(ended.seq);
    },
    onPointerCancel: endDrag,
    onPointerLeave: () => setTooltip(undefined),
    onKeyDown(e: TargetedKeyboardEvent<HTMLDivElement>) {
      const step = (window.to - window.from) / 4;
      if (e.key === '+' || e.key === '=') time.zoom(1 / ZOOM_STEP);
      else if (e.key === '-') time.zoom(ZOOM_STEP);
      else if (e.key === '0') time.fit();
      else if (e.key === 'ArrowLeft') time.pan(-step);
      else if (e.key === 'ArrowRight') time.pan(step);
      else return;
      e.preventDefault();
    },
  };
  return { handlers, draft, tooltip };
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

/** The chart's shapes carry their event's seq (`LaneChart`). */
function shapeAt(e: TargetedPointerEvent<HTMLDivElement>): SVGElement | null {
  return (e.target as Element).closest<SVGElement>('[data-seq]');
}

function seqOf(element: Element | null): number | undefined {
  return numberOrUndefined(element?.getAttribute('data-seq') ?? undefined);
}

function numberOrUndefined(text: string | undefined): number | undefined {
  return text ? Number(text) : undefined;
}

function tooltipAt(e: TargetedPointerEvent<HTMLDivElement>): TooltipTarget | undefined {
  const element = shapeAt(e);
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
