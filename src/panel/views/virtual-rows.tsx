/**
 * The window of rows a list renders: only those in view plus an overscan, however many there are, so that a
 * list of 100,000 events or 2,000 sockets costs the same to render as a list of 50. Rows have one fixed height
 * (the theme's `--row-height`); the list renders `first` to `last` and keeps the rest's height as space
 * (`before` / `after`), which the timeline does with absolutely placed rows and the tables with spacer rows.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** The theme's `--row-height`. */
export const ROW_HEIGHT = 21;
/** A `.table`'s sticky header row. */
export const TABLE_HEAD_HEIGHT = 22;
const OVERSCAN = 15;
/** Before the first measure (and under test without layout): a tall viewport's worth. */
const FALLBACK_HEIGHT = 800;

/** Rows to render: `first` ≤ index < `last`; `before` / `after`: the height of the rows left out, in px. */
export interface VirtualRows<T extends HTMLElement> extends RowWindow {
  /** The scrolling element. */
  scrollRef: RefObject<T | null>;
  /** For the scrolling element's `onScroll`. */
  onScroll(): void;
  /** Scrolls row `index` to the middle of the viewport (keyboard moves to a row not rendered). */
  scrollToRow(index: number): void;
}

export interface VirtualRowsOptions<T> {
  /** The height of anything scrolling above the first row (a sticky header row). */
  offset?: number;
  /**
   * Rows taller than the rest (an instance opened to show its details): index → the extra height below it,
   * as last measured. Few by nature (the user opens them), so positions are found by walking them.
   */
  extra?: ReadonlyMap<number, number>;
  /** Runs on every scroll (the timeline learns from it whether the user left the bottom). */
  onScrolled?(element: T): void;
}

export function useVirtualRows<T extends HTMLElement>(
  count: number,
  options: VirtualRowsOptions<T> = {},
): VirtualRows<T> {
  const scrollRef = useRef<T>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  const observed = useRef<{ element: T; observer: ResizeObserver }>(undefined);

  // After every render, cheaply: the scrolling element may appear later (a list that was empty).
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || observed.current?.element === element) return;
    observed.current?.observer.disconnect();
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observed.current = { element, observer };
  });
  useLayoutEffect(() => () => observed.current?.observer.disconnect(), []);

  const rows = visibleRows(count, viewport.top - (options.offset ?? 0), viewport.height, options.extra);
  return {
    scrollRef,
    onScroll() {
      const element = scrollRef.current;
      if (!element) return;
      setViewport({ top: element.scrollTop, height: element.clientHeight });
      options.onScrolled?.(element);
    },
    scrollToRow(index) {
      const element = scrollRef.current;
      if (!element) return;
      const at = offsetOf(index, sortedExtra(options.extra, index)) + (options.offset ?? 0);
      element.scrollTop = Math.max(0, at - element.clientHeight / 2);
      setViewport({ top: element.scrollTop, height: element.clientHeight });
    },
    ...rows,
  };
}

export interface RowWindow {
  first: number;
  last: number;
  before: number;
  after: number;
}

/** The rows to render of `count` for a viewport at `top` (from the first row) of `height` px. */
export function visibleRows(
  count: number,
  top: number,
  height: number,
  extraHeights: ReadonlyMap<number, number> = new Map(),
): RowWindow {
  const extra = sortedExtra(extraHeights, count);
  const from = Math.max(0, top);
  const first = Math.min(count, Math.max(0, rowAt(from, extra) - OVERSCAN));
  const last = Math.min(count, rowAt(from + (height || FALLBACK_HEIGHT), extra) + 1 + OVERSCAN);
  return { first, last, before: offsetOf(first, extra), after: offsetOf(count, extra) - offsetOf(last, extra) };
}

type Extra = readonly (readonly [number, number])[];

function sortedExtra(extraHeights: ReadonlyMap<number, number> = new Map(), count: number): Extra {
  return [...extraHeights].filter(([index]) => index < count).sort((a, b) => a[0] - b[0]);
}

/** The row at height `y` from the top of the first row. */
function rowAt(y: number, extra: Extra): number {
  let shift = 0;
  for (const [index, height] of extra) {
    const extraTop = (index + 1) * ROW_HEIGHT + shift;
    if (y < extraTop) break;
    if (y < extraTop + height) return index;
    shift += height;
  }
  return Math.floor((y - shift) / ROW_HEIGHT);
}

/** Where row `index` starts. */
function offsetOf(index: number, extra: Extra): number {
  let offset = index * ROW_HEIGHT;
  for (const [row, height] of extra) if (row < index) offset += height;
  return offset;
}

interface VirtualTableProps {
  virtual: VirtualRows<HTMLDivElement>;
  /** Rows in all (the table's `aria-rowcount` adds its header row). */
  count: number;
  label: string;
  /** Extra classes of the `<table>`. */
  class?: string;
  /** The keyboard handling of `useListKeys`. */
  containerProps: object;
  /** `<colgroup>` and `<thead>`. */
  head: ComponentChildren;
  /** The rows from `virtual.first` to `virtual.last`. */
  children: ComponentChildren;
}

/** A `.table` that renders only its rows in view: Instances, Sockets and Diagnostics. */
export function VirtualTable({
  virtual,
  count,
  label,
  class: extra,
  containerProps,
  head,
  children,
}: VirtualTableProps) {
  return (
    <div class="table-scroll" ref={virtual.scrollRef} onScroll={virtual.onScroll}>
      <table
        class={extra ? `table ${extra}` : 'table'}
        aria-label={label}
        aria-rowcount={count + 1}
        {...containerProps}
      >
        {head}
        <tbody>
          <Spacer height={virtual.before} />
          {children}
          <Spacer height={virtual.after} />
        </tbody>
      </table>
    </div>
  );
}

/** The rows a table leaves out, as one empty row of their height (keeps the scrollbar true). */
function Spacer({ height }: { height: number }) {
  return height > 0 ? <tr class="spacer" style={{ height: `${height}px` }} /> : null;
}
