/**
 * Keyboard navigation shared by the instance, socket and finding lists: arrows move the selection (and the
 * focus, so the focus ring and screen readers follow), Home/End jump, Enter activates, Esc collapses.
 */
import type { TargetedKeyboardEvent } from 'preact';
import { useState } from 'preact/hooks';

export interface ListKeys {
  selected: string | undefined;
  select(id: string): void;
  /** Props for the element that holds the rows: it handles the keys. */
  containerProps: { onKeyDown(e: TargetedKeyboardEvent<HTMLElement>): void };
  /** Props for one row: roving tabindex, the id the key handler focuses. */
  rowProps(id: string): { tabIndex: number; 'data-key': string; onFocus(): void; 'aria-selected': boolean };
}

export function useListKeys(
  ids: readonly string[],
  handlers: {
    onEnter?(id: string): void;
    onEscape?(id: string): void;
    /** A virtualised list: scroll the row of `id` into the rendered window (it may not be in the DOM). */
    reveal?(id: string): void;
  },
): ListKeys {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const selected = chosen !== undefined && ids.includes(chosen) ? chosen : undefined;
  const focusable = selected ?? ids[0];

  const move = (e: TargetedKeyboardEvent<HTMLElement>, id: string | undefined) => {
    if (id === undefined) return;
    setChosen(id);
    const container = e.currentTarget;
    const find = () => container.querySelector<HTMLElement>(`[data-key="${CSS.escape(id)}"]`);
    const row = find();
    if (row || !handlers.reveal) {
      row?.focus();
      row?.scrollIntoView({ block: 'nearest' });
      return;
    }
    handlers.reveal(id);
    // Rendered once the list re-renders for its new scroll position.
    requestAnimationFrame(() => find()?.focus({ preventScroll: true }));
  };

  return {
    selected,
    select: setChosen,
    containerProps: {
      onKeyDown(e) {
        const at = selected === undefined ? -1 : ids.indexOf(selected);
        switch (e.key) {
          case 'ArrowDown':
            move(e, ids[Math.min(ids.length - 1, at + 1)]);
            break;
          case 'ArrowUp':
            move(e, ids[Math.max(0, at - 1)]);
            break;
          case 'Home':
            move(e, ids[0]);
            break;
          case 'End':
            move(e, ids[ids.length - 1]);
            break;
          case 'Enter':
            if (selected === undefined || !handlers.onEnter) return;
            handlers.onEnter(selected);
            break;
          case 'Escape':
            if (selected === undefined || !handlers.onEscape) return;
            handlers.onEscape(selected);
            break;
          default:
            return;
        }
        e.preventDefault();
        e.stopPropagation();
      },
    },
    rowProps(id) {
      return {
        tabIndex: id === focusable ? 0 : -1,
        'data-key': id,
        onFocus: () => setChosen(id),
        'aria-selected': id === selected,
      };
    },
  };
}
