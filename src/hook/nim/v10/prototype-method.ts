/**
 * Replacing an SDK method where it lives — on the prototype that owns it, once per prototype — so that an
 * instance shows no new own property and every instance of the class is covered. The stand-in finds its
 * instance by `this`; it prints like the original (`mimic`, `disguise`).
 */
import { defineProperty } from '../../../model/intrinsics';
import { mimic } from '../function-shape';
import { ownerOf } from '../methods';
import type { AdapterContext } from '../types';

export type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Prototypes already done, per method name: a prototype shared by several clients is replaced once. */
export type ReplacedMethods = WeakMap<object, Set<string>>;

/** Replaces `name` on the object of `target`'s prototype chain that owns it; false when there is none to replace. */
export function replaceMethod(
  target: object,
  name: string,
  replaced: ReplacedMethods,
  context: AdapterContext,
  standInFor: (original: AnyFunction) => AnyFunction,
): boolean {
  const holder = ownerOf(target, name);
  if (!holder) return false;
  const done = replaced.get(holder) ?? new Set<string>();
  if (done.has(name)) return true;
  const descriptor = Object.getOwnPropertyDescriptor(holder, name);
  if (!descriptor || typeof descriptor.value !== 'function') return false;
  if (!descriptor.writable && !descriptor.configurable) return false;
  const original = descriptor.value as AnyFunction;
  const standIn = standInFor(original);
  mimic(standIn, original);
  context.disguise(standIn, original);
  defineProperty(holder, name, { ...descriptor, value: standIn });
  done.add(name);
  replaced.set(holder, done);
  return true;
}
