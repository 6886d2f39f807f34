/**
 * Stand-in functions that the SDK (and the page) cannot tell from the functions they replace.
 *
 * The SDK's `wrapSafeCallback` wraps a page callback (log line `trigger cb: <name>`, try/catch, rethrow in a
 * timer) only when `Object.prototype.toString.call(fn) === '[object Function]'`: an `async function` callback
 * is not wrapped. A hook stand-in therefore carries its original's class tag, and an observer the hook adds
 * where the page gave no callback carries a tag of its own, so that the SDK treats it like the empty default
 * it replaces (no extra `trigger cb` line in the page's console).
 */

import { defineProperty } from '../../model/intrinsics';

/** Gives `standIn` the `name`, `length` and `Object.prototype.toString` tag of `original`. */
export function mimic(standIn: object, original: object): void {
  for (const key of ['name', 'length']) {
    const descriptor = Object.getOwnPropertyDescriptor(original, key);
    if (descriptor && 'value' in descriptor) defineProperty(standIn, key, { ...descriptor });
  }
  const tag = Object.prototype.toString.call(original).slice(8, -1);
  if (tag !== 'Function') defineProperty(standIn, Symbol.toStringTag, { value: tag, configurable: true });
}

/** Marks a hook-only callback so that the SDK does not wrap (and log) it as a page callback. */
export function asObserver<T extends object>(observer: T): T {
  defineProperty(observer, Symbol.toStringTag, { value: 'NimDevtoolsObserver', configurable: true });
  return observer;
}
