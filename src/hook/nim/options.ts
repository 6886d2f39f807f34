/**
 * Handing the SDK an options object with the hook's callbacks in it, without the page noticing.
 *
 * The SDK gets a *copy* of the page's object: same prototype, same property descriptors, same extensibility,
 * with the hook's functions as the only difference. Why a copy and not the page's object with the callbacks
 * swapped in and out: the SDK keeps some argument objects and reads them later (`destroy({done})` calls
 * `e.done` when the disconnect completes), and swapping would make the hook's functions visible on, or
 * write through the setters/proxies of (Vue), the page's own object. Why a copy is not visible either:
 * - every SDK entry point the hook wraps deep-clones its options before keeping them (`getInstance` via the
 *   constructor's `cloneDeep`, `setOptions` likewise), so a later change to the page's object never reached
 *   the SDK anyway;
 * - what the SDK writes into the argument during the call is written back to the page's object afterwards
 *   (`getInstance` sets `nosSurvivalTime = Infinity`; Chatroom's anonymous login writes the generated
 *   `account` there, and pages read it back), by ordinary assignment as the SDK would have done.
 */
import { stringify } from '../../model/intrinsics';
import { readOwn } from '../redact';

export interface OptionsCopy {
  /** What the SDK receives. */
  arg: object;
  /** Replays the SDK's writes to `arg` (except to the overridden keys) onto the page's object. */
  writeBack(): void;
}

export function copyWithOverrides(options: object, overrides: ReadonlyMap<string, unknown>): OptionsCopy {
  const descriptors = Object.getOwnPropertyDescriptors(options) as Record<PropertyKey, PropertyDescriptor>;
  for (const [key, value] of overrides) {
    const own = descriptors[key];
    descriptors[key] = {
      value,
      writable: own?.writable ?? true,
      enumerable: own?.enumerable ?? true,
      configurable: own?.configurable ?? true,
    };
  }
  const copy = Object.create(Object.getPrototypeOf(options), descriptors) as object;
  if (!Object.isExtensible(options)) Object.preventExtensions(copy);
  const given = Object.getOwnPropertyDescriptors(copy) as Record<PropertyKey, PropertyDescriptor>;
  return {
    arg: copy,
    writeBack() {
      const now = Object.getOwnPropertyDescriptors(copy) as Record<PropertyKey, PropertyDescriptor>;
      for (const key of Reflect.ownKeys(now)) {
        if (typeof key === 'string' && overrides.has(key)) continue;
        const after = now[key] as PropertyDescriptor;
        const before = given[key];
        if (before !== undefined && sameDescriptor(before, after)) continue;
        if ('value' in after) Reflect.set(options, key, after.value);
      }
      for (const key of Reflect.ownKeys(given)) {
        if (!(key in now)) Reflect.deleteProperty(options, key);
      }
    },
  };
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/** Reads an option the way the SDK does (getters run: Vue 2 reactive objects have nothing else); never throws. */
export function readOption(options: object, key: string): unknown {
  try {
    return Reflect.get(options, key);
  } catch {
    return undefined;
  }
}

/** The names of the options the SDK copies (its `cloneDeep` takes own enumerable properties only). */
export function optionNames(options: object): string[] {
  try {
    return Object.keys(options);
  } catch {
    return [];
  }
}

/**
 * Compares option values across calls without keeping the page's objects: a canonical string per value,
 * functions by identity (a page that passes a new closure each time did replace its callback).
 */
export type Fingerprint = (value: unknown) => string;

export function createFingerprint(): Fingerprint {
  const functionIds = new WeakMap<object, number>();
  let nextFunctionId = 0;
  const fingerprint = (value: unknown, depth: number, ancestors: Set<object>, budget: { nodes: number }): string => {
    if (typeof value === 'function') {
      let id = functionIds.get(value);
      if (id === undefined) {
        id = ++nextFunctionId;
        functionIds.set(value, id);
      }
      return `f${id}`;
    }
    if (typeof value !== 'object' || value === null) {
      return typeof value === 'string' ? stringPrint(value) : `${typeof value}:${String(value)}`;
    }
    if (ancestors.has(value) || depth > 5 || --budget.nodes < 0) return '…';
    ancestors.add(value);
    try {
      const keys = Object.keys(value);
      // A page may pass any object as an option: the print reads a bounded part of it (a change past that part
      // goes unnoticed, which only costs a `changed` entry).
      const printed = keys.slice(0, PRINT_KEYS).sort();
      const parts = printed.map((key) => {
        const read = readOwn(value, key, true);
        const print = read.kind === 'value' ? fingerprint(read.value, depth + 1, ancestors, budget) : read.kind;
        return `${stringify(key)}:${print}`;
      });
      const more = keys.length > printed.length ? `,+${keys.length - printed.length}` : '';
      return `${Array.isArray(value) ? '[' : '{'}${parts.join(',')}${more}`;
    } catch {
      return '?';
    } finally {
      ancestors.delete(value);
    }
  };
  return (value) => fingerprint(value, 0, new Set(), { nodes: PRINT_NODES });
}

/** What one option's print reads at most: keys per object, and objects in all. */
const PRINT_KEYS = 100;
const PRINT_NODES = 500;

/** Long strings are compared by length and hash: a 1 MB option is not kept twice per instance to be compared. */
const PRINT_WHOLE = 256;

function stringPrint(value: string): string {
  return value.length <= PRINT_WHOLE ? stringify(value) : `s${value.length}#${fnv1a(value)}`;
}

/** 32-bit FNV-1a over UTF-16 code units: one multiply per character, no allocation. */
function fnv1a(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}
