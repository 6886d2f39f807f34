import { describe, expect, it } from 'vitest';
import type { LaneMark, SocketSpan, StateSegment } from '../../../session/connection-lanes';
import type { SocketRecord } from '../../../session/types';
import { drawMarks, drawSegments, drawSockets, tickLabel, timeTicks, tOf, xOf } from './projection';
import { clampWindow, panWindow, zoomWindow } from './viewport';

/** `count` alternating connected / reconnecting segments of `ms` each from t = 0; the last one still going on. */
function storm(count: number, ms: number): StateSegment[] {
  return Array.from({ length: count }, (_, i) => ({
    state: i % 2 === 0 ? 'connected' : 'reconnecting',
    from: i * ms,
    ...(i === count - 1 ? {} : { to: (i + 1) * ms }),
    seq: i + 1,
  }));
}

describe('drawSegments', () => {
  it('draws each segment wider than a pixel as it is', () => {
    const drawn = drawSegments(storm(4, 100), { from: 0, to: 400, width: 400 }, 400);
    expect(drawn.map((d) => [d.state, d.x, d.width, d.count])).toEqual([
      ['connected', 0, 100, 1],
      ['reconnecting', 100, 100, 1],
      ['connected', 200, 100, 1],
      ['reconnecting', 300, 100, 1],
    ]);
    expect(drawn[3]?.to).toBe(400);
  });

  it('draws runs of pixel columns: a storm squeezed into few pixels shows its worst state', () => {
    const segments = storm(100_000, 1);
    const drawn = drawSegments(segments, { from: 0, to: 100_000, width: 500 }, 100_000);
    expect(drawn).toEqual([{ state: 'reconnecting', from: 0, to: 100_000, x: 0, width: 500, seq: 1, count: 100_000 }]);
  });

  it('never draws more shapes than pixel columns', () => {
    // 3 ms connected, 7 ms reconnecting, over and over: every column holds both.
    const segments: StateSegment[] = [];
    for (let t = 0; t < 100_000; t += 10) {
      segments.push({ state: 'connected', from: t, to: t + 3, seq: segments.length + 1 });
      segments.push({ state: 'reconnecting', from: t + 3, to: t + 10, seq: segments.length + 1 });
    }
    for (const width of [500, 10_000, 33_333]) {
      const drawn = drawSegments(segments, { from: 0, to: 100_000, width }, 100_000);
      expect(drawn.length).toBeLessThanOrEqual(width);
      expect(drawn.reduce((total, d) => total + d.width, 0)).toBe(width);
    }
  });

  it('draws only what the window shows, clipped to it', () => {
    const drawn = drawSegments(storm(1000, 10), { from: 5000, to: 5030, width: 300 }, 10_000);
    expect(drawn.map((d) => [d.seq, d.x, d.width, d.from, d.to])).toEqual([
      [501, 0, 100, 5000, 5010],
      [502, 100, 100, 5010, 5020],
      [503, 200, 100, 5020, 5030],
    ]);
  });

  it('gives a column two segments share to the worse state', () => {
    const segments: StateSegment[] = [
      { state: 'connected', from: 0, to: 10.5, seq: 1 },
      { state: 'disconnected', from: 10.5, to: 20, seq: 2 },
    ];
    const drawn = drawSegments(segments, { from: 0, to: 20, width: 20 }, 20);
    expect(drawn.map((d) => [d.state, d.x, d.width, d.count])).toEqual([
      ['connected', 0, 10, 1],
      ['disconnected', 10, 10, 2],
    ]);
  });
});

describe('drawSockets and drawMarks', () => {
  const span = (id: number, from: number, to: number | undefined, track: number): SocketSpan => ({
    id: `s${id}`,
    from,
    to,
    track,
    seq: id,
    socket: {} as SocketRecord,
  });

  it('keeps tracks apart and merges a track’s sockets within one pixel', () => {
    const spans = [span(1, 0, 1000, 0), span(2, 500, undefined, 1), span(3, 1000, 1001, 0), span(4, 1001, 1002, 0)];
    const drawn = drawSockets(spans, { from: 0, to: 2000, width: 200 }, 2000);
    expect(drawn.map((d) => [d.track, d.span.id, d.x, d.width, d.count])).toEqual([
      [0, 's1', 0, 100, 1],
      [0, 's3', 100, expect.closeTo(0.2), 2],
      [1, 's2', 50, 150, 1],
    ]);
  });

  it('shows the loudest mark of a pixel column', () => {
    const mark = (kind: LaneMark['kind'], t: number): LaneMark => ({ kind, t, seq: t, index: t });
    const marks = [mark('sdk.getInstance', 0), mark('sdk.disconnect', 1), mark('sdk.getInstance', 500)];
    const drawn = drawMarks(marks, { from: 0, to: 1000, width: 100 });
    expect(drawn.map((d) => [d.mark.kind, d.count, d.x])).toEqual([
      ['sdk.disconnect', 2, 0],
      ['sdk.getInstance', 1, 50],
    ]);
  });
});

describe('the time axis', () => {
  it('puts round ticks about 100 px apart, labelled from the session’s start', () => {
    const origin = 1_000_000;
    const { step, ticks } = timeTicks({ from: origin + 150, to: origin + 1150, width: 500 }, origin);
    expect(step).toBe(200);
    expect(ticks.map((tick) => tick.offset)).toEqual([200, 400, 600, 800, 1000]);
    expect(ticks[0]?.x).toBeCloseTo(25);
    expect(ticks.map((tick) => tickLabel(tick.offset, step))).toEqual(['0.2 s', '0.4 s', '0.6 s', '0.8 s', '1.0 s']);
    expect(tickLabel(125_000, 60_000)).toBe('2:05');
    expect(tickLabel(3_725_000, 600_000)).toBe('1:02:05');
    expect(tickLabel(3000, 1000)).toBe('3 s');
    expect(tickLabel(30, 10)).toBe('0.03 s');
    // A long session: steps in whole minutes, not thousands of seconds.
    expect(timeTicks({ from: 0, to: 10_000_000, width: 1000 }, 0).step).toBe(1_800_000);
  });

  it('maps times to pixels and back', () => {
    const scale = { from: 100, to: 300, width: 400 };
    expect(xOf(scale, 150)).toBe(100);
    expect(tOf(scale, 100)).toBe(150);
  });
});

describe('the window', () => {
  const bounds = { from: 0, to: 10_000 };

  it('zooms about the anchor, which stays put on screen', () => {
    const zoomed = zoomWindow({ from: 0, to: 10_000 }, 0.5, 2500, bounds);
    expect(zoomed).toEqual({ from: 1250, to: 6250 });
    expect(zoomWindow(zoomed, 2, 2500, bounds)).toEqual({ from: 0, to: 10_000 });
  });

  it('pans within the session', () => {
    expect(panWindow({ from: 1000, to: 2000 }, 500, bounds)).toEqual({ from: 1500, to: 2500 });
    expect(panWindow({ from: 1000, to: 2000 }, -5000, bounds)).toEqual({ from: 0, to: 1000 });
    expect(panWindow({ from: 8000, to: 9000 }, 5000, bounds)).toEqual({ from: 9000, to: 10_000 });
    expect(clampWindow({ from: -5, to: 20_000 }, bounds)).toEqual(bounds);
  });
});
