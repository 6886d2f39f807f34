/**
 * `getInstance`, the classic SDK's only door to an instance, replaced in place on the SDK object (an own data
 * property, as the SDK has it), so that `window.NIM` stays the page's object.
 *
 * Per call: the original runs with the caller's `this` and arguments (unbound it throws, as it did) and its
 * result or exception is returned unchanged; the options it receives are a copy with the hook's callbacks
 * (`options.ts`). Afterwards `sdk.getInstance` says which instance came back, whether it is one the SDK
 * handed out before (the singleton), and which options changed. Events the instance raises *during* the call
 * (the constructor logs "Instance init…") wait until that event is out, so that an instance's story always
 * starts with its `sdk.getInstance`.
 *
 * Whether to observe callbacks the page did not give depends on the SDK's answer, known only afterwards: for
 * an instance the SDK already has, an absent callback means "keep the earlier one", so adding an observer
 * would replace the page's earlier callback. The hook predicts the answer from its own registry (the SDK's
 * key: flavour and account, and chatroom): an instance it does not know cannot be handed out again, except
 * one it never saw created (`register()` called late, `new NIM()`), which is the documented limit.
 */
import type { SdkFlavour } from '../../model/events';
import { defineProperty } from '../../model/intrinsics';
import { findSecrets, redact } from '../redact';
import { callbackOverrides, type InstanceTarget } from './callbacks';
import { mimic } from './function-shape';
import { noteOptions, singletonKey } from './instances';
import { logFuncOverride } from './log-func';
import { copyWithOverrides, readOption } from './options';
import type { AdapterContext, SdkAdapter } from './types';

export interface GetInstanceHooks {
  adapter: SdkAdapter;
  /** Called once for each instance the hook sees for the first time. */
  onNewInstance(instance: object): void;
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Returns false when `sdk.getInstance` cannot be replaced (not a function, or frozen). */
export function wrapGetInstance(
  sdk: object,
  flavour: SdkFlavour,
  context: AdapterContext,
  hooks: GetInstanceHooks,
): boolean {
  const found = findProperty(sdk, 'getInstance');
  if (!found || typeof found.descriptor.value !== 'function') return false;
  const { descriptor, own } = found;
  if (own ? !descriptor.configurable && !descriptor.writable : !Object.isExtensible(sdk)) return false;
  const original = descriptor.value as AnyFunction;
  const { core, frames } = context;

  const getInstance = function (this: unknown, ...args: unknown[]): unknown {
    const call = frames.insideSdk()
      ? undefined
      : core.guard('nim.getInstance', () => prepareCall(args[0], flavour, context, hooks), undefined);
    if (!call) return Reflect.apply(original, this, args);
    let result: unknown;
    try {
      const frame = { kind: 'sdk', instanceId: call.target.record?.id } as const;
      result = frames.run(frame, () => Reflect.apply(original, this, [call.arg, ...args.slice(1)]));
    } catch (error) {
      core.guard('nim.getInstance', () => call.finish(undefined), undefined);
      throw error;
    }
    core.guard('nim.getInstance', () => call.finish(result), undefined);
    return result;
  };
  mimic(getInstance, original);
  context.disguise(getInstance, original);
  // Inherited (a subclass's static): an own property now, the one visible difference, as on the SDK itself.
  defineProperty(sdk, 'getInstance', { ...descriptor, value: getInstance });
  return true;
}

interface PreparedCall {
  arg: object;
  target: InstanceTarget;
  /** `result` is `undefined` when the original threw. */
  finish(result: unknown): void;
}

function prepareCall(
  options: unknown,
  flavour: SdkFlavour,
  context: AdapterContext,
  hooks: GetInstanceHooks,
): PreparedCall | undefined {
  // Anything but an options object goes through untouched: the SDK throws its own error for it.
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
  const pageOptions: object = options;
  const { core, registry } = context;
  const known = registry.liveByKey(singletonKey(flavour, options));
  const given = findSecrets(options, { invokeGetters: true });
  const target: InstanceTarget = { record: known, pending: [], given };

  const overrides = callbackOverrides(options, target, context, known === undefined);
  // An instance the SDK already has keeps the logger it was created with: its logFunc is not read again.
  const logFunc = known === undefined ? logFuncOverride(options, target, context) : undefined;
  if (logFunc) overrides.set('logFunc', logFunc);
  const redacted = redact(options, { ...given, invokeGetters: true });
  const copy = copyWithOverrides(options, overrides);

  return {
    arg: copy.arg,
    target,
    finish(result) {
      core.guard('nim.writeBack', copy.writeBack, undefined);
      const pending = target.pending ?? [];
      target.pending = undefined;
      try {
        if (typeof result === 'object' && result !== null) announce(result);
      } finally {
        // Even if announcing failed (a hook bug), the instance's events are not lost.
        for (const send of pending) send();
      }
    },
  };

  function announce(result: object): void {
    let record = registry.of(result);
    const reused = record !== undefined;
    if (!record) {
      record = registry.create(result, flavour, hooks.adapter);
      hooks.onNewInstance(result);
    }
    // The SDK's view, after its own writes (Chatroom's anonymous login generates the account).
    record.key = singletonKey(flavour, copy.arg);
    const changed = noteOptions(record, pageOptions, given, context.fingerprint, reused);
    target.record = record;
    const account = readOption(copy.arg, 'account');
    core.emit(
      'sdk.getInstance',
      {
        flavour,
        ...((typeof account === 'string' || typeof account === 'number') && { account: String(account) }),
        ...(record.appKey !== undefined && { appKey: record.appKey }),
        reused,
        changed,
        options: typeof redacted === 'object' && redacted !== null && !Array.isArray(redacted) ? redacted : {},
      },
      { instanceId: record.id },
    );
  }
}

function findProperty(object: object, key: string): { descriptor: PropertyDescriptor; own: boolean } | undefined {
  for (let holder: object | null = object; holder !== null; holder = Object.getPrototypeOf(holder)) {
    const descriptor = Object.getOwnPropertyDescriptor(holder, key);
    if (descriptor) return { descriptor, own: holder === object };
  }
  return undefined;
}
