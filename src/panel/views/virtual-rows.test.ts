import { describe, expect, it } from 'vitest';
import { ROW_HEIGHT, visibleRows } from './virtual-rows';

describe('visibleRows', () => {
  it('renders the rows in view plus an overscan, and keeps the rest as space', () => {
    const rows = visibleRows(2_000, 1_000 * ROW_HEIGHT, 20 * ROW_HEIGHT);
    expect(rows.first).toBe(985);
    expect(rows.last).toBe(1_036);
    expect(rows.before).toBe(985 * ROW_HEIGHT);
    expect(rows.before + (rows.last - rows.first) * ROW_HEIGHT + rows.after).toBe(2_000 * ROW_HEIGHT);
  });

  it('clamps at both ends and for short lists', () => {
    expect(visibleRows(5, 0, 400)).toEqual({ first: 0, last: 5, before: 0, after: 0 });
    expect(visibleRows(0, 300, 400)).toEqual({ first: 0, last: 0, before: 0, after: 0 });
    const end = visibleRows(100, 100 * ROW_HEIGHT, 400);
    expect(end.last).toBe(100);
    expect(end.after).toBe(0);
  });

  it('accounts for taller rows above and inside the viewport', () => {
    // Row 10 is open, 500 px taller; the viewport starts inside its details.
    const extra = new Map([[10, 500]]);
    const inside = visibleRows(1_000, 11 * ROW_HEIGHT + 200, 300, extra);
    expect(inside.first).toBe(0);
    // Scrolled past it: the rows are where they are, 500 px further down than without it.
    const past = visibleRows(1_000, 500 * ROW_HEIGHT + 500, 20 * ROW_HEIGHT, extra);
    expect(past.first).toBe(485);
    expect(past.before).toBe(485 * ROW_HEIGHT + 500);
    expect(past.before + (past.last - past.first) * ROW_HEIGHT + past.after).toBe(1_000 * ROW_HEIGHT + 500);
  });
});
