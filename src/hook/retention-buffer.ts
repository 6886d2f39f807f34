/**
 * The hook's bounded event buffer, which forgets the chatty first: when it is full, the oldest log or traffic
 * event goes before any lifecycle event (`model/retention.ts`), so that a long debug session still holds the
 * `getInstance`, `connect` and `ws.create` it began with. The newest logs are never all lost to lifecycle
 * events, though: a tenth of the room stays theirs, because the last lines before an export tell what was
 * happening then.
 *
 * O(1) per event: one FIFO queue per class; `events()` merges the two by seq, in O(n), when someone reads.
 */
import type { NimEvent } from '../model/events';
import { append } from '../model/intrinsics';
import { isEvictedFirst } from '../model/retention';

export interface RetentionBuffer {
  /** Stores `event`; returns the event evicted to make room, if any. */
  push(event: NimEvent): NimEvent | undefined;
  /** Everything held, oldest first. */
  events(): NimEvent[];
}

export function createRetentionBuffer(capacity: number): RetentionBuffer {
  const lifecycle = new Queue<NimEvent>();
  const chatty = new Queue<NimEvent>();
  const chattyFloor = Math.floor(capacity / 10);
  return {
    push(event) {
      (isEvictedFirst(event.kind) ? chatty : lifecycle).push(event);
      if (lifecycle.size + chatty.size <= capacity) return undefined;
      return chatty.size > chattyFloor || lifecycle.size === 0 ? chatty.shift() : lifecycle.shift();
    },
    events() {
      return mergeBySeq(lifecycle.toArray(), chatty.toArray());
    },
  };
}

/** A FIFO queue with O(1) amortised `shift`: the consumed head is cut off once it is half the array. */
class Queue<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    append(this.items, item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  toArray(): T[] {
    return this.items.slice(this.head);
  }
}

/** Both are in seq order: one linear merge. */
function mergeBySeq(a: readonly NimEvent[], b: readonly NimEvent[]): NimEvent[] {
  const merged: NimEvent[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const x = a[i];
    const y = b[j];
    if (x === undefined) return merged.concat(b.slice(j));
    if (y === undefined) return merged.concat(a.slice(i));
    if (x.seq < y.seq) {
      append(merged, x);
      i++;
    } else {
      append(merged, y);
      j++;
    }
  }
}
