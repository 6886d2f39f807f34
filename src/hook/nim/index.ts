/**
 * The page hook's NIM SDK instrumentation: one entry that traps the SDK's globals and offers `register()` for
 * bundled SDKs, and answers which instance a socket belongs to.
 *
 * Generation-specific work is done by adapters (`types.ts`): v10 (`v10/adapter.ts`) and the classic 8.x/9.x
 * one, asked in that order (a v10 class also has a `getInstance`). The first adapter that
 * recognises an SDK object instruments it, once per object, after `sdk.detected`.
 */
import type { SdkFlavour, SdkSource } from '../../model/events';
import type { KnownSecrets } from '../../model/redact-text';
import type { HookCore } from '../core';
import { createClassicAdapter } from './classic-adapter';
import { createFrameStack } from './frames';
import { trapSdkGlobals } from './globals';
import { createInstanceRegistry } from './instances';
import { createFingerprint, readOption } from './options';
import type { AdapterContext, NimInstanceSummary, SdkAdapter } from './types';
import { createV10Adapter } from './v10/adapter';

export type { NimInstanceSummary, SdkAdapter } from './types';

export interface NimInstrumentation {
  /** Instruments an SDK object the page bundles (no global): an SDK constructor, or a `{ NIM, Chatroom }` module. */
  register(sdk: unknown): void;
  /** The instance whose instrumented method, `getInstance` or callback is running right now, if any. */
  currentInstanceId(): string | undefined;
  /**
   * The instance that made `socket`. Ask while the socket is alive (the SDK forgets a socket once it errors or
   * closes): from a microtask after `new WebSocket()` returns, or at `open`. Answers are remembered.
   */
  ownerOfSocket(socket: object): string | undefined;
  /** The instances the hook has seen that the page still holds. */
  instances(): NimInstanceSummary[];
  /** Every token and appKey given to any instance so far: to scrub from whatever else the hook reports. */
  knownSecrets(): KnownSecrets;
}

export interface NimInstrumentationOptions {
  /** Defaults to the v10 and the classic (8.x / 9.x) adapters. */
  adapters?: readonly SdkAdapter[];
  /** `FunctionMask.disguise` from `function-mask.ts`, so replaced SDK functions print their own source. */
  disguise?(standIn: object, original: object): void;
  /** Monotonic milliseconds; defaults to `performance.now()`. */
  now?(): number;
}

export function instrumentNim(
  win: Window,
  core: HookCore,
  options: NimInstrumentationOptions = {},
): NimInstrumentation {
  const registry = createInstanceRegistry(core);
  const frames = createFrameStack();
  let callIds = 0;
  const context: AdapterContext = {
    core,
    registry,
    frames,
    now: options.now ?? defaultNow(),
    nextCallId: () => ++callIds,
    fingerprint: createFingerprint(),
    disguise: options.disguise ?? (() => {}),
  };
  const adapters = options.adapters ?? [createV10Adapter(), createClassicAdapter()];
  const seen = new WeakSet<object>();
  const owners = new WeakMap<object, string>();

  /** True when `value` is (now or already) instrumented. */
  function consider(value: unknown, source: SdkSource, hint: SdkFlavour | undefined): boolean {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
    if (seen.has(value)) return true;
    for (const adapter of adapters) {
      const flavour = adapter.flavourOf(value, hint);
      if (flavour === undefined) continue;
      seen.add(value);
      const version = adapter.version(value);
      core.emit('sdk.detected', { flavour, source, ...(version !== undefined && { version }) });
      core.guard(`nim.${adapter.generation}.instrument`, () => adapter.instrument(value, flavour, context), undefined);
      return true;
    }
    return false;
  }

  core.guard(
    'nim.globals',
    () =>
      trapSdkGlobals(win, (value, source, hint) =>
        core.guard('nim.global', () => consider(value, source, hint), false),
      ),
    undefined,
  );

  return {
    register(sdk) {
      core.guard(
        'nim.register',
        () => {
          if (consider(sdk, 'register', undefined)) return;
          if ((typeof sdk !== 'object' && typeof sdk !== 'function') || sdk === null) return;
          // `import SDK from '@yxim/nim-web-sdk'` gives the `{ NIM, Chatroom }` module.
          consider(readOption(sdk, 'NIM'), 'register', 'NIM');
          consider(readOption(sdk, 'Chatroom'), 'register', 'Chatroom');
        },
        undefined,
      );
    },
    currentInstanceId: () => frames.currentInstanceId(),
    ownerOfSocket(socket) {
      return core.guard(
        'nim.ownerOfSocket',
        () => {
          const known = owners.get(socket);
          if (known !== undefined) return known;
          const owner = registry
            .live()
            .find(({ record, instance }) => record.adapter.socketsOf(instance).includes(socket));
          if (owner) owners.set(socket, owner.record.id);
          return owner?.record.id;
        },
        undefined,
      );
    },
    instances: () => core.guard('nim.instances', () => registry.summaries(), []),
    knownSecrets: () => core.guard('nim.knownSecrets', () => registry.knownSecrets(), {}),
  };
}

function defaultNow(): () => number {
  const perf = globalThis.performance;
  return perf ? () => perf.now() : () => Date.now();
}
