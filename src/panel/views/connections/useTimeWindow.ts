/**
 * What the Connections view shows of the session: the whole of it (growing live), or a window the user zoomed
 * or panned to. A window whose right edge is on the newest event follows new events (keeps its width, slides).
 */
import { useState } from 'preact/hooks';
import { clampWindow, panWindow, type TimeWindow, zoomWindow } from './viewport';

interface ViewState {
  /** Absent: the whole session. */
  window?: TimeWindow;
  /** Keep the window's right edge on the newest event. */
  follow: boolean;
}

export interface TimeWindowControl {
  /** The window shown now. */
  window: TimeWindow;
  /** The whole session is shown. */
  whole: boolean;
  follow: boolean;
  /** Shows `next`, kept within the session. */
  show(next: TimeWindow): void;
  /** `factor` < 1 zooms in, about `anchor` (by default the right edge when following, else the middle). */
  zoom(factor: number, anchor?: number): void;
  pan(by: number): void;
  fit(): void;
  toggleFollow(): void;
}

/** `bounds`: the session, from its first event to its latest. */
export function useTimeWindow(bounds: TimeWindow): TimeWindowControl {
  const [view, setView] = useState<ViewState>({ follow: true });
  const window = shownWindow(view, bounds);
  const show = (next: TimeWindow) => {
    const fitted = clampWindow(next, bounds);
    const whole = fitted.from <= bounds.from && fitted.to >= bounds.to;
    setView({ window: whole ? undefined : fitted, follow: fitted.to >= bounds.to });
  };
  return {
    window,
    whole: view.window === undefined,
    follow: view.follow,
    show,
    zoom: (factor, anchor) =>
      show(zoomWindow(window, factor, anchor ?? (view.follow ? window.to : (window.from + window.to) / 2), bounds)),
    pan: (by) => show(panWindow(window, by, bounds)),
    fit: () => setView({ follow: true }),
    toggleFollow: () => setView({ window: view.window, follow: !view.follow }),
  };
}

function shownWindow(view: ViewState, bounds: TimeWindow): TimeWindow {
  if (!view.window) return bounds;
  if (!view.follow) return clampWindow(view.window, bounds);
  const width = view.window.to - view.window.from;
  return clampWindow({ from: bounds.to - width, to: bounds.to }, bounds);
}
