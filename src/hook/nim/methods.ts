/**
 * The instance methods that change a connection — `connect`, `disconnect`, `destroy`, `setOptions`,
 * `logout` — as `sdk.call` events, and their `done` callback as `sdk.done`.
 *
 * The SDK defines them on prototypes (`NIM.prototype`, and the shared base prototype for `connect`,
 * `destroy`, `setOptions`, `logout`), so they are replaced where they live, once per prototype: an instance
 * shows no new own property. A replaced method finds its instance by `this`; an object the hook did not see
 * come out of `getInstance` goes straight through. Calls the SDK makes to itself (`destroy` calls
 * `disconnect`, `getInstance` calls `setOptions` and `connect`) are not reported (see `frames.ts`).
 */
import type { SdkMethod } from '../../model/events';
import { defineProperty } from '../../model/intrinsics';
import { redactText } from '../../model/redact-text';
import { findSecrets } from '../redact';
import { callbackOverrides, emitFor, type InstanceTarget, secretsOf } from './callbacks';
import { mimic } from './function-shape';
import { type InstanceRecord, noteOptions } from './instances';
import { copyWithOverrides, readOption } from './options';
import type { AdapterContext } from './types';

export const SDK_METHODS: readonly SdkMethod[] = ['connect', 'disconnect', 'destroy', 'setOptions', 'logout'];

/** Methods whose first argument is `{ done }`; the SDK treats a missing argument as `{}`. */
const WITH_DONE: ReadonlySet<SdkMethod> = new Set<SdkMethod>(['disconnect', 'destroy', 'logout']);

type AnyFunction = (...args: unknown[]) => unknown;

/** Replaces the methods `instance` can reach; `replaced` remembers prototypes already done. */
export function instrumentMethods(instance: object, context: AdapterContext, replaced: WeakMap<object, Set<string>>) {
  for (const method of SDK_METHODS) {
    const holder = ownerOf(instance, method);
    if (!holder) continue;
    const done = replaced.get(holder) ?? new Set<string>();
    if (done.has(method)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(holder, method);
    if (!descriptor || typeof descriptor.value !== 'function') continue;
    if (!descriptor.writable && !descriptor.configurable) continue;
    const original = descriptor.value as AnyFunction;
    const stand = wrapMethod(method, original, context);
    mimic(stand, original);
    context.disguise(stand, original);
    defineProperty(holder, method, { ...descriptor, value: stand });
    done.add(method);
    replaced.set(holder, done);
  }
}

/** The object on `instance`'s prototype chain that owns `key`, short of the built-in prototypes. */
export function ownerOf(instance: object, key: string): object | undefined {
  for (let holder: object | null = instance; holder !== null; holder = Object.getPrototypeOf(holder)) {
    if (holder === Object.prototype || holder === Function.prototype) return undefined;
    if (Object.hasOwn(holder, key)) return holder;
  }
  return undefined;
}

function wrapMethod(method: SdkMethod, original: AnyFunction, context: AdapterContext): AnyFunction {
  const { core, frames, registry } = context;
  return function (this: unknown, ...args: unknown[]): unknown {
    const record = registry.of(this);
    const call =
      record && !frames.insideSdk()
        ? core.guard(`nim.${method}`, () => prepareCall(method, record, args, context), undefined)
        : undefined;
    if (!call || !record) return Reflect.apply(original, this, args);
    try {
      return frames.run({ kind: 'sdk', instanceId: record.id }, () => Reflect.apply(original, this, call.args));
    } finally {
      core.guard(`nim.${method}`, call.after, undefined);
    }
  };
}

interface PreparedCall {
  args: unknown[];
  /** Writes the SDK's changes to a copied argument back to the page's object. */
  after(): void;
}

function prepareCall(
  method: SdkMethod,
  record: InstanceRecord,
  args: unknown[],
  context: AdapterContext,
): PreparedCall {
  const callId = context.nextCallId();
  const startedAt = context.now();
  const inCallback = context.frames.pageCallback();
  const target: InstanceTarget = { record, pending: undefined, given: { secrets: [], masked: [] } };
  const first = args[0];
  const isObject = typeof first === 'object' && first !== null && !Array.isArray(first);
  let prepared: PreparedCall = { args, after: () => {} };
  let changed: string[] | undefined;

  if (method === 'setOptions' && isObject) {
    target.given = findSecrets(first, { invokeGetters: true });
    changed = noteOptions(record, first, target.given, context.fingerprint, true);
    // New callbacks replace the instance's: chain them too. Absent ones keep the ones chained before.
    const copy = copyWithOverrides(first, callbackOverrides(first, target, context, false));
    prepared = { args: [copy.arg, ...args.slice(1)], after: copy.writeBack };
  } else if (WITH_DONE.has(method) && (first === undefined || isObject)) {
    const page = isObject ? readOption(first, 'done') : undefined;
    if (typeof page === 'function' || page === undefined || page === null) {
      const done = wrapDone(method, callId, startedAt, (page ?? undefined) as AnyFunction | undefined, target, context);
      const overrides = new Map<string, unknown>([['done', done]]);
      if (isObject) {
        const copy = copyWithOverrides(first, overrides);
        prepared = { args: [copy.arg, ...args.slice(1)], after: copy.writeBack };
      } else {
        prepared = { args: [{ done }, ...args.slice(1)], after: () => {} };
      }
    }
  }

  context.core.emit(
    'sdk.call',
    { method, callId, ...(changed && { changed }), ...(inCallback !== undefined && { inCallback }) },
    { instanceId: record.id },
  );
  return prepared;
}

function wrapDone(
  method: SdkMethod,
  callId: number,
  startedAt: number,
  page: AnyFunction | undefined,
  target: InstanceTarget,
  context: AdapterContext,
): AnyFunction {
  const report = (error: unknown) =>
    context.core.guard(
      'nim.done',
      () => {
        const afterMs = Math.round((context.now() - startedAt) * 10) / 10;
        const described = describeError(error, target);
        emitFor(context, target, 'sdk.done', { method, callId, afterMs, ...(described && { error: described }) });
        if (method === 'destroy' && target.record) target.record.destroyed = true;
      },
      undefined,
    );
  if (!page) return (...args: unknown[]) => report(args[0]);
  const done = function (this: unknown, ...args: unknown[]): unknown {
    report(args[0]);
    const frame = { kind: 'page', callback: 'done', instanceId: target.record?.id } as const;
    return context.frames.run(frame, () => Reflect.apply(page, this, args));
  };
  mimic(done, page);
  return done;
}

/** `done(null)` is success; an error is shown by its message (or code), strings as they are. */
function describeError(error: unknown, target: InstanceTarget): string | undefined {
  if (error === null || error === undefined) return undefined;
  let text: string;
  if (typeof error === 'object') {
    const message = readOption(error, 'message');
    const code = readOption(error, 'code');
    if (typeof message === 'string' && message !== '') text = message;
    else text = typeof code === 'string' || typeof code === 'number' ? String(code) : '[object]';
  } else {
    text = String(error);
  }
  return redactText(text, { ...secretsOf(target), maxLength: 500 });
}
