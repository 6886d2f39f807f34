/**
 * What a hostile page can hand the hook's readers: they read a bounded part of any object, and the builtins they
 * call are the ones captured at install (e2e/hostile-page.spec.ts plays the same through the real extension).
 */
import { describe, expect, it } from 'vitest';
import { append, stringify } from '../model/intrinsics';
import { createFingerprint } from './nim/options';
import { findSecrets } from './redact';

/** An object whose every key is a counting getter, `width` keys per level, `depth` levels. */
function countingTree(width: number, depth: number, reads: { count: number }): object {
  const node: Record<string, unknown> = {};
  for (let i = 0; i < width; i++) {
    const child = depth > 1 ? countingTree(width, depth - 1, reads) : `value${i}`;
    Object.defineProperty(node, `key${i}`, {
      enumerable: true,
      get() {
        reads.count++;
        return child;
      },
    });
  }
  return node;
}

describe('the hook reads a bounded part of what the page gives it', () => {
  it('findSecrets stops after a fixed number of keys, however wide the object', () => {
    const reads = { count: 0 };
    findSecrets(countingTree(100_000, 1, reads), { invokeGetters: true });
    expect(reads.count).toBeLessThanOrEqual(5000);
  });

  it('an option’s fingerprint reads a bounded part of a wide and deep object', () => {
    const reads = { count: 0 };
    // 12^5 ≈ 250,000 leaves if read whole.
    const print = createFingerprint()(countingTree(12, 5, reads));
    expect(reads.count).toBeLessThanOrEqual(500 * 12);
    expect(print.length).toBeLessThan(200_000);
  });

  it('an option’s fingerprint of a wide object says how many keys it left out', () => {
    const wide = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`key${i}`, i]));
    expect(createFingerprint()(wide)).toMatch(/,\+150$/);
  });
});

describe('the builtins the hook calls were captured at install', () => {
  it('a page that replaces Array.prototype.push and JSON.stringify neither sees nor breaks them', () => {
    const { push } = Array.prototype;
    const { stringify: pageStringify } = JSON;
    const seen: unknown[] = [];
    const list: string[] = [];
    let printed: string | undefined;
    Array.prototype.push = (...items: unknown[]) => {
      seen[seen.length] = items;
      throw new Error('replaced by the page');
    };
    JSON.stringify = () => {
      throw new Error('replaced by the page');
    };
    try {
      append(list, 'a', 'b');
      printed = stringify({ token: 'x' });
    } finally {
      // Before anything else runs: the test runner itself pushes.
      Array.prototype.push = push;
      JSON.stringify = pageStringify;
    }
    expect(list).toEqual(['a', 'b']);
    expect(printed).toBe('{"token":"x"}');
    expect(seen).toEqual([]);
  });
});
