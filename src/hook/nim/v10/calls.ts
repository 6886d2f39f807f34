/**
 * A v10 client method call as events: `sdk.call` when the app calls it, `sdk.done` when the Promise it returns
 * settles (with the rejection's code: a V2NIMError's `code`, e.g. 302 for `login`).
 *
 * The app gets a Promise derived from the SDK's (`then` on it, resolving to the same value or rejecting with
 * the same reason), not the SDK's own: observing the SDK's Promise in place would mark its rejection handled,
 * and an app that forgot `.catch()` would lose its "Uncaught (in promise)" in the console. The cost is one
 * microtask later. A call the SDK makes to itself (`destroy` calls `logout`) runs inside an SDK frame and is
 * not reported (`frames.ts`).
 */
import type { SdkMethod } from '../../../model/events';
import { emitFor, type InstanceTarget, secretsOf } from '../callbacks';
import type { InstanceRecord } from '../instances';
import type { AdapterContext } from '../types';
import { describeFailure } from './listener-events';

export interface CallDetails {
  /** `login(accountId, …)`'s account. */
  account?: string;
  /** `setOptions`: the options whose value it changes. */
  changed?: string[];
}

/** Runs `invoke` (the SDK's method) as an instrumented call of `record`'s client. */
export function reportCall(
  context: AdapterContext,
  record: InstanceRecord,
  method: SdkMethod,
  details: CallDetails,
  invoke: () => unknown,
): unknown {
  const { core, frames } = context;
  const started = core.guard('nim.v10.call', () => startCall(context, record, method, details), undefined);
  if (!started) return frames.run({ kind: 'sdk', instanceId: record.id }, invoke);
  let result: unknown;
  try {
    result = frames.run({ kind: 'sdk', instanceId: record.id }, invoke);
  } catch (error) {
    started.settle(false, error);
    throw error;
  }
  const then = thenOf(result);
  if (!then) return result;
  return Reflect.apply(then, result, [
    (value: unknown) => {
      started.settle(true, undefined);
      return value;
    },
    (reason: unknown) => {
      started.settle(false, reason);
      throw reason;
    },
  ]);
}

function startCall(context: AdapterContext, record: InstanceRecord, method: SdkMethod, details: CallDetails) {
  const callId = context.nextCallId();
  const startedAt = context.now();
  const inCallback = context.frames.pageCallback();
  const target: InstanceTarget = { record, pending: undefined, given: { secrets: [], masked: [] } };
  context.core.emit(
    'sdk.call',
    {
      method,
      callId,
      ...(details.account !== undefined && { account: details.account }),
      ...(inCallback && { inCallback }),
    },
    { instanceId: record.id },
  );
  return {
    settle(ok: boolean, failure: unknown): void {
      context.core.guard(
        'nim.v10.done',
        () => {
          const afterMs = Math.round((context.now() - startedAt) * 10) / 10;
          const described = ok ? {} : describeFailure(failure, secretsOf(target));
          emitFor(context, target, 'sdk.done', { method, callId, afterMs, ...described });
          if (ok && method === 'destroy') record.destroyed = true;
        },
        undefined,
      );
    },
  };
}

/** The `then` of a thenable (the SDK's Promise, or its polyfill's), read once; never a getter's exception. */
function thenOf(value: unknown): ((...args: unknown[]) => unknown) | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    const then = (value as { then?: unknown }).then;
    return typeof then === 'function' ? (then as (...args: unknown[]) => unknown) : undefined;
  } catch {
    return undefined;
  }
}
