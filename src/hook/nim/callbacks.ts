/**
 * The connection callbacks of the options (`onconnect`, `onwillreconnect`, `ondisconnect`, `onerror`) become
 * events. The hook's function emits first and then calls the page's with the same `this` and arguments,
 * returning its result (the SDK waits for a Promise from `onwillreconnect` with `authType: 1`) and letting its
 * exceptions through untouched, so the event exists even when the page's code throws.
 */
import type { EventDataByKind, EventKind } from '../../model/events';
import { append } from '../../model/intrinsics';
import { redactText } from '../../model/redact-text';
import type { FoundSecrets } from '../redact';
import { asObserver, mimic } from './function-shape';
import type { InstanceRecord } from './instances';
import { optionNames, readOption } from './options';
import type { AdapterContext } from './types';

export const CONNECTION_CALLBACKS = ['onconnect', 'onwillreconnect', 'ondisconnect', 'onerror'] as const;
export type ConnectionCallback = (typeof CONNECTION_CALLBACKS)[number];

type PageFunction = (...args: unknown[]) => unknown;

/** Whose events these are. Bound after `getInstance` returns, when the instance is known. */
export interface InstanceTarget {
  record: InstanceRecord | undefined;
  /** While set, events wait here (see `get-instance.ts`: an instance's first event is its `sdk.getInstance`). */
  pending: (() => void)[] | undefined;
  /** The secrets of the call that made this target, for text seen before the instance is known. */
  given: FoundSecrets;
}

/** Everything to scrub from this target's text: the call's secrets and all its instance was ever given. */
export function secretsOf(target: InstanceTarget): FoundSecrets {
  const record = target.record;
  if (!record) return target.given;
  return {
    secrets: [...target.given.secrets, ...record.secrets],
    masked: [...target.given.masked, ...record.masked],
  };
}

export function emitFor<K extends EventKind>(
  context: AdapterContext,
  target: InstanceTarget,
  kind: K,
  data: EventDataByKind[K],
): void {
  const send = () => context.core.emit(kind, data, { instanceId: target.record?.id });
  if (target.pending) append(target.pending, send);
  else send();
}

/**
 * The hook's functions for the connection callbacks of `options`. A page callback (an own enumerable function,
 * the only kind the SDK's `cloneDeep` keeps) is chained. A key given but empty (`null`) gets an observer, like
 * the SDK's own empty default would replace it. An absent key gets an observer only with `observeAbsent`:
 * for an instance the SDK already has, an absent key keeps the callback given earlier, which must stay.
 */
export function callbackOverrides(
  options: object,
  target: InstanceTarget,
  context: AdapterContext,
  observeAbsent: boolean,
): Map<string, unknown> {
  const overrides = new Map<string, unknown>();
  const given = optionNames(options);
  for (const name of CONNECTION_CALLBACKS) {
    const present = given.includes(name);
    const value = present ? readOption(options, name) : undefined;
    if (typeof value === 'function') overrides.set(name, chainCallback(name, value as PageFunction, target, context));
    else if (present ? !value : observeAbsent) overrides.set(name, observeCallback(name, target, context));
  }
  return overrides;
}

function chainCallback(
  name: ConnectionCallback,
  page: PageFunction,
  target: InstanceTarget,
  context: AdapterContext,
): (...args: unknown[]) => unknown {
  const chained = function (this: unknown, ...args: unknown[]): unknown {
    context.core.guard(`nim.${name}`, () => report(name, args[0], target, context), undefined);
    const frame = { kind: 'page', callback: name, instanceId: target.record?.id } as const;
    return context.frames.run(frame, () => Reflect.apply(page, this, args));
  };
  mimic(chained, page);
  return chained;
}

function observeCallback(
  name: ConnectionCallback,
  target: InstanceTarget,
  context: AdapterContext,
): (...args: unknown[]) => undefined {
  return asObserver((...args: unknown[]) => {
    context.core.guard(`nim.${name}`, () => report(name, args[0], target, context), undefined);
  });
}

function report(name: ConnectionCallback, arg: unknown, target: InstanceTarget, context: AdapterContext): void {
  const fields = new FieldReader(arg, secretsOf(target));
  switch (name) {
    case 'onconnect':
      emitFor(context, target, 'sdk.connect', {
        ...fields.text('connectionId'),
        ...fields.text('ip'),
        ...fields.textOrNumber('port'),
        ...fields.text('country'),
        ...fields.text('lastLoginDeviceId'),
        ...fields.text('customTag'),
      });
      return;
    case 'onwillreconnect':
      emitFor(context, target, 'sdk.willReconnect', { ...fields.number('retryCount'), ...fields.number('duration') });
      return;
    case 'ondisconnect':
      emitFor(context, target, 'sdk.disconnect', {
        ...fields.textOrNumber('code'),
        ...fields.text('reason'),
        ...fields.text('message'),
        ...fields.boolean('willReconnect'),
        ...fields.text('from'),
        ...fields.text('custom'),
      });
      return;
    case 'onerror':
      emitFor(context, target, 'sdk.error', { ...fields.textOrNumber('code'), ...fields.text('message') });
      return;
  }
}

const MAX_TEXT = 500;

/** Reads the fields of an SDK event object as the event model types them; text is redacted and clipped. */
class FieldReader {
  constructor(
    private readonly source: unknown,
    private readonly known: FoundSecrets,
  ) {}

  private read(key: string): unknown {
    return typeof this.source === 'object' && this.source !== null ? readOption(this.source, key) : undefined;
  }

  private clean(value: string): string {
    return redactText(value, { ...this.known, maxLength: MAX_TEXT });
  }

  text<K extends string>(key: K): { [P in K]?: string } {
    const value = this.read(key);
    if (typeof value === 'string') return { [key]: this.clean(value) } as { [P in K]: string };
    // Connection ids and platforms sometimes come as numbers.
    if (typeof value === 'number' && Number.isFinite(value)) return { [key]: String(value) } as { [P in K]: string };
    return {};
  }

  textOrNumber<K extends string>(key: K): { [P in K]?: string | number } {
    const value = this.read(key);
    if (typeof value === 'number' && Number.isFinite(value)) return { [key]: value } as { [P in K]: number };
    return this.text(key);
  }

  number<K extends string>(key: K): { [P in K]?: number } {
    const value = this.read(key);
    return typeof value === 'number' && Number.isFinite(value) ? ({ [key]: value } as { [P in K]: number }) : {};
  }

  boolean<K extends string>(key: K): { [P in K]?: boolean } {
    const value = this.read(key);
    return typeof value === 'boolean' ? ({ [key]: value } as { [P in K]: boolean }) : {};
  }
}
