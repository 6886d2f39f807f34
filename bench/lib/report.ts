/** One row of the bench's table and of `results.json`: a measured figure, its spread and its target. */
import type { Summary } from './stats';

export interface Row {
  suite: string;
  name: string;
  unit: string;
  /** Side-by-side measures: the page without and with the extension. */
  without?: Summary;
  with?: Summary;
  /** `ratio`: `value` is median(with) / median(without); `value`: a measured figure in `unit`. */
  kind: 'ratio' | 'value';
  /** The figure the target applies to. */
  value: number;
  /** Spread of `value`: per-pair ratios for a comparison, the samples otherwise. */
  spread?: Summary;
  target: string;
  /** Undefined when the row is informational (no target). */
  ok?: boolean;
  note?: string;
}

export function formatRows(rows: readonly Row[]): string {
  const header = ['measure', 'without ext.', 'with ext.', 'figure', 'spread: IQR (min–max)', 'target', ''];
  const lines = rows.map((row) => [
    `${row.suite}: ${row.name}`,
    row.without ? `${fmt(row.without.median)} ${row.unit}` : '',
    row.with ? `${fmt(row.with.median)} ${row.unit}` : '',
    row.kind === 'ratio' ? `×${row.value.toFixed(3)}` : `${fmt(row.value)} ${row.unit}`,
    row.spread ? spread(row.spread) : '',
    row.target,
    row.ok === undefined ? '' : row.ok ? 'ok' : 'MISS',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => (line[i] as string).length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

/** Interquartile range, then the whole range: the middle half of the runs, then the extremes. */
export function spread(summary: Summary): string {
  const range = (low: number, high: number) => `${fmt(low)}–${fmt(high)}`;
  return summary.n < 4
    ? range(summary.min, summary.max)
    : `${range(summary.q1, summary.q3)} (${range(summary.min, summary.max)})`;
}

/** Three significant digits, thousands grouped for large figures. */
export function fmt(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toFixed(3);
}
