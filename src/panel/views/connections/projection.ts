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
  /** The first and last of the segments drawn as this one (ms since the epoch). */
  from: number;
  to: number;
  x: number;
  width: number;
  /** The event that entered the first segment. */
  seq: number;
  /** How many segments this shape stands for. */
  count: number;
}

/** `end`: where a segment still going on stops (the session's latest event). */
export function drawSegments(segments: readonly StateSegment[], scale: TimeScale, end: number): DrawnSegment[] {
  const drawn: DrawnSegment[] = [];
  const first = firstEndingAfter(segments.length, (i) => (segments[i] as StateSegment).to ?? end, scale.from);
  for (let i = first; i < segments.length; i++) {
    const segment = segments[i] as StateSegment;
    if (segment.from > scale.to) break;
    const to = segment.to ?? end;
    const x0 = clampX(scale, xOf(scale, segment.from));
    const x1 = clampX(scale, xOf(scale, to));
    const last = drawn[drawn.length - 1];
    if (last && last.width < 1 && x0 < last.x + 1) {
      last.to = to;
      last.width = Math.max(last.width, x1 - last.x);
      if (WEIGHT[segment.state] > WEIGHT[last.state]) last.state = segment.state;
      last.count++;
      continue;
    }
    drawn.push({ state: segment.state, from: segment.from, to, x: x0, width: x1 - x0, seq: segment.seq, count: 1 });
  }
  return drawn;
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

/** Round steps for the time axis: 1, 2, 5 × 10ⁿ ms, about `spacing` pixels apart. */
export function timeTicks(scale: TimeScale, origin: number, spacing = 100): { step: number; ticks: Tick[] } {
  const span = scale.to - scale.from;
  const wanted = span / Math.max(1, scale.width / spacing);
  const power = 10 ** Math.floor(Math.log10(Math.max(wanted, 1e-3)));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= wanted) ?? 10 * power) as number;
  const ticks: Tick[] = [];
  for (let offset = Math.ceil((scale.from - origin) / step) * step; origin + offset <= scale.to; offset += step) {
    ticks.push({ x: xOf(scale, origin + offset), offset });
  }
  return { step, ticks };
}

/** `0 s`, `1.25 s`, `2:05` (min:s) — as precise as the step needs. */
export function tickLabel(offset: number, step: number): string {
  if (step >= 60_000 || offset >= 600_000) {
    const seconds = Math.round(offset / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }
  const decimals = Math.max(0, Math.min(3, -Math.floor(Math.log10(step / 1000) + 1e-9)));
  return `${(offset / 1000).toFixed(decimals)} s`;
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
