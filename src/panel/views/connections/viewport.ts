/**
 * The Connections view's time window: zoom about a point, pan, kept within the session. A window is absent
 * while the view shows the whole session (and, live, grows with it).
 */

export interface TimeWindow {
  from: number;
  to: number;
}

/** Below this the chart would show one event per screen: no use zooming further. */
export const MIN_WINDOW_MS = 2;

/** One wheel notch or button press. */
export const ZOOM_STEP = 1.5;

/** `factor` < 1 zooms in. The time under `anchor` stays where it is on screen. */
export function zoomWindow(window: TimeWindow, factor: number, anchor: number, bounds: TimeWindow): TimeWindow {
  const width = Math.max(MIN_WINDOW_MS, (window.to - window.from) * factor);
  const ratio = window.to > window.from ? (anchor - window.from) / (window.to - window.from) : 0.5;
  const from = anchor - ratio * width;
  return clampWindow({ from, to: from + width }, bounds);
}

export function panWindow(window: TimeWindow, by: number, bounds: TimeWindow): TimeWindow {
  return clampWindow({ from: window.from + by, to: window.to + by }, bounds);
}

/** Keeps the window inside the session; a window as wide as the session or wider is the whole session. */
export function clampWindow(window: TimeWindow, bounds: TimeWindow): TimeWindow {
  const width = window.to - window.from;
  if (width >= bounds.to - bounds.from) return { ...bounds };
  if (window.from < bounds.from) return { from: bounds.from, to: bounds.from + width };
  if (window.to > bounds.to) return { from: bounds.to - width, to: bounds.to };
  return window;
}
