/**
 * From lanes in time to shapes in pixels, for the visible window only. At 100,000 events a lane may hold
 * thousands of segments, sockets and marks: each list is searched for the window's start (binary search), and
 * whatever falls within one pixel column is drawn as one shape, so a lane never costs more shapes than the chart
 * is wide, however long the session.
 */
import type { LaneMark, SocketSpan, StateSegment } from '../../../session/connection-lanes';
import type { InstanceConnectionState } from '../../../session/types';

/** Maps the window `[from, to]` (ms since the epoch) onto `[0, width]` pixels. */
export interface TimeScale {
  from: number;
  to: number;
  width: number;
}

export function xOf(scale: TimeScale, t: number): number {
  const span = scale.to - scale.from;
  return span > 0 ? ((t - scale.from) / span) * scale.width : 0;
}

export function tOf(scale: TimeScale, x: number): number {
  return scale.from + (x / scale.width) * (scale.to - scale.from);
}

/** Several states squeezed into one pixel show the worst: a reconnect storm stays visible when zoomed out. */
const WEIGHT: Record<InstanceConnectionState, number> = {
  connected: 0,
  connecting: 1,
  reconnecting: 2,
  disconnected: 3,
  destroyed: 4,
};

export interface DrawnSegment {
  state: InstanceConnectionState;
  /** What this shape covers (ms since the epoch): its segments' own times, cut at the pixels it spans. */
  from: number;
  to: number;
  /** In whole pixel columns. */
  x: number;
  width: number;
  /** The event that entered its first segment. */
  seq: number;
  /** How many segments this shape stands for. */
  count: number;
}

interface Run {
  state: InstanceConnectionState;
  x: number;
  width: number;
  first: number;
  last: number;
}

/**
 * Segments as runs of pixel columns. A column that several segments share shows the worst of their states; runs of
 * columns in one state are one shape. `end`: where a segment still going on stops (the session's latest event).
 */
export function drawSegments(segments: readonly StateSegment[], scale: TimeScale, end: number): DrawnSegment[] {
  const runs: Run[] = [];
  const lastColumn = Math.max(0, Math.ceil(scale.width) - 1);
  const append = (x: number, width: number, state: InstanceConnectionState, first: number, last: number) => {
    const run = runs[runs.length - 1];
    if (run && run.state === state && run.x + run.width === x) {
      run.width += width;
      run.last = last;
    } else {
      runs.push({ state, x, width, first, last });
    }
  };
  /** The column being filled: the segments that touch it, and the worst state among them. */
  let shared: Run | undefined;
  const closeShared = () => {
    if (shared) append(shared.x, 1, shared.state, shared.first, shared.last);
    shared = undefined;
  };
  const start = firstEndingAfter(segments.length, (i) => (segments[i] as StateSegment).to ?? end, scale.from);
  for (let i = start; i < segments.length; i++) {
    const segment = segments[i] as StateSegment;
    if (segment.from >= scale.to) break;
    const c0 = Math.min(lastColumn, Math.floor(clampX(scale, xOf(scale, segment.from))));
    const c1 = Math.max(c0, Math.min(lastColumn, Math.ceil(clampX(scale, xOf(scale, segment.to ?? end))) - 1));
    if (shared && shared.x === c0) {
      if (WEIGHT[segment.state] > WEIGHT[shared.state]) shared.state = segment.state;
      shared.last = i;
    } else {
      closeShared();
      shared = { state: segment.state, x: c0, width: 1, first: i, last: i };
    }
    if (c1 === c0) continue;
    closeShared();
    if (c1 - c0 > 1) append(c0 + 1, c1 - c0 - 1, segment.state, i, i);
    shared = { state: segment.state, x: c1, width: 1, first: i, last: i };
  }
  closeShared();
  return runs.map((run) => {
    const first = segments[run.first] as StateSegment;
    const last = segments[run.last] as StateSegment;
    return {
      state: run.state,
      from: Math.max(first.from, tOf(scale, run.x)),
      to: Math.min(last.to ?? end, tOf(scale, run.x + run.width)),
      x: run.x,
      width: run.width,
      seq: first.seq,
      count: run.last - run.first + 1,
    };
  });
}

export interface DrawnSocket {
  track: number;
  x: number;
  width: number;
  /** The first socket drawn as this shape. */
  span: SocketSpan;
  count: number;
}

/** Sockets per track (within a track they never overlap, so their ends are in order too). */
export function drawSockets(spans: readonly SocketSpan[], scale: TimeScale, end: number): DrawnSocket[] {
  const tracks: SocketSpan[][] = [];
  for (const span of spans) {
    const track = tracks[span.track];
    if (track) track.push(span);
    else tracks[span.track] = [span];
  }
  const drawn: DrawnSocket[] = [];
  for (const track of tracks) {
    if (!track) continue;
    let last: DrawnSocket | undefined;
    const first = firstEndingAfter(track.length, (i) => (track[i] as SocketSpan).to ?? end, scale.from);
    for (let i = first; i < track.length; i++) {
      const span = track[i] as SocketSpan;
      if (span.from > scale.to) break;
      const x0 = clampX(scale, xOf(scale, span.from));
      const x1 = clampX(scale, xOf(scale, span.to ?? end));
      if (last && last.width < 1 && x0 < last.x + 1) {
        last.width = Math.max(last.width, x1 - last.x);
        last.count++;
        continue;
      }
      last = { track: span.track, x: x0, width: x1 - x0, span, count: 1 };
      drawn.push(last);
    }
  }
  return drawn;
}

/** What a mark in a crowded pixel column stands for: the loudest of them. */
const MARK_WEIGHT: Record<LaneMark['kind'], number> = {
  'page.navigate': 0,
  'sdk.getInstance': 1,
  'fault.start': 2,
  'sdk.error': 3,
  'sdk.disconnect': 4,
};

export interface DrawnMark {
  x: number;
  mark: LaneMark;
  count: number;
}

/** Marks in time order; one per pixel column. */
export function drawMarks(marks: readonly LaneMark[], scale: TimeScale): DrawnMark[] {
  const drawn: DrawnMark[] = [];
  // A mark is a point: one exactly at the window's start is in it.
  const first = firstEndingAfter(marks.length, (i) => (marks[i] as LaneMark).t + 1e-9, scale.from);
  for (let i = first; i < marks.length; i++) {
    const mark = marks[i] as LaneMark;
    if (mark.t > scale.to) break;
    const x = xOf(scale, mark.t);
    const last = drawn[drawn.length - 1];
    if (last && Math.floor(x) === Math.floor(last.x)) {
      if (MARK_WEIGHT[mark.kind] > MARK_WEIGHT[last.mark.kind]) last.mark = mark;
      last.count++;
      continue;
    }
    drawn.push({ x, mark, count: 1 });
  }
  return drawn;
}

export interface Tick {
  x: number;
  /** Ms since the session's start. */
  offset: number;
}

/** Steps a clock reads well: ms in 1-2-5, then seconds, minutes and hours in their own round numbers. */
const STEPS_MS = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500],
  ...[1, 2, 5, 10, 15, 30].map((s) => s * 1000),
  ...[1, 2, 5, 10, 15, 30].map((m) => m * 60_000),
  ...[1, 2, 3, 6, 12, 24].map((h) => h * 3_600_000),
];

/** Ticks about `spacing` pixels apart, at round offsets from the session's start. */
export function timeTicks(scale: TimeScale, origin: number, spacing = 100): { step: number; ticks: Tick[] } {
  const wanted = (scale.to - scale.from) / Math.max(1, scale.width / spacing);
  const step = STEPS_MS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
  const ticks: Tick[] = [];
  for (let offset = Math.ceil((scale.from - origin) / step) * step; origin + offset <= scale.to; offset += step) {
    ticks.push({ x: xOf(scale, origin + offset), offset });
  }
  return { step, ticks };
}

/** `0.25 s`, `15 s`, `2:05` (min:s), `1:02:05` (h:min:s) — as precise as the step needs. */
export function tickLabel(offset: number, step: number): string {
  if (step < 1000 || offset < 60_000) {
    const decimals = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
    return `${(offset / 1000).toFixed(decimals)} s`;
  }
  const seconds = Math.round(offset / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return seconds >= 3600 ? `${Math.floor(seconds / 3600)}:${clock}` : clock.replace(/^0/, '');
}

function clampX(scale: TimeScale, x: number): number {
  return Math.min(scale.width, Math.max(0, x));
}

/** The first index whose end (non-decreasing along the list) is after `t`; `length` when none is. */
function firstEndingAfter(length: number, endOf: (index: number) => number, t: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (endOf(mid) <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}
