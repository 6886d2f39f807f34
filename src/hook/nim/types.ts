/**
 * The seams of the NIM instrumentation. An *adapter* knows one SDK generation (the classic `getInstance`
 * SDK of 8.x/9.x today; v10 `nim-web-sdk-ng` or "Elite" builds with `nim.on(...)` could be added): it
 * recognises an SDK object, instruments it, and can find an instance's sockets. Everything else — global
 * traps, the instance registry, the call stack, socket ownership — is shared and knows no generation.
 */
import type { SdkFlavour } from '../../model/events';
import type { HookCore } from '../core';
import type { FrameStack } from './frames';
import type { InstanceRegistry } from './instances';
import type { Fingerprint } from './options';

export interface AdapterContext {
  core: HookCore;
  registry: InstanceRegistry;
  frames: FrameStack;
  /** Monotonic milliseconds, for `afterMs`. */
  now(): number;
  /** Numbers each reported SDK call (`sdk.call` / `sdk.done` pairs). */
  nextCallId(): number;
  /** Compares option values across calls. */
  fingerprint: Fingerprint;
  /** Makes a stand-in print like the function it replaces (`function-mask.ts`), when the hook has one. */
  disguise(standIn: object, original: object): void;
}

export interface SdkAdapter {
  /** Names the generation in `devtools.hookError` reports. */
  readonly generation: string;
  /** The flavour when this adapter can instrument `sdk`; `hint` comes from the global the SDK was found in. */
  flavourOf(sdk: object, hint: SdkFlavour | undefined): SdkFlavour | undefined;
  version(sdk: object): string | undefined;
  /** Instruments `sdk` in place (called once per SDK object). */
  instrument(sdk: object, flavour: SdkFlavour, context: AdapterContext): void;
  /** The socket objects an instance references right now (live sockets only: the SDK drops closed ones). */
  socketsOf(instance: object): unknown[];
}

/** What `instances()` tells about one SDK instance the hook has seen. */
export interface NimInstanceSummary {
  id: string;
  flavour: SdkFlavour;
  account?: string;
  /** Masked. */
  appKey?: string;
  /** Its `destroy` completed (`done` called). */
  destroyed: boolean;
}
