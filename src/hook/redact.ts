/**
 * Redaction in the page: nothing secret may leave it. Values under a secret-named key become `[redacted]`,
 * `appKey` is shortened (`45c6…e1f2`: an identifier the developer needs to recognise, not a credential), and
 * every string is scrubbed of known secret values, because the SDK also writes tokens where no key names them
 * (the login request's Property key `1000`, JSON inside a log line).
 *
 * The walkers read own enumerable properties through descriptors: a getter runs only when the caller says the
 * SDK reads that object anyway (options objects: the SDK deep-clones them, and Vue 2 makes every field of a
 * reactive object a getter), and a hostile object (throwing traps or getters, revoked proxies) becomes a marker
 * instead of an exception.
 */
import type { Json } from '../model/events';
import { append } from '../model/intrinsics';
import { redactText } from '../model/redact-text';
import { classifyKey, type KeyClass, maskValue, REDACTED } from '../model/secrets';

export interface RedactOptions {
  /** Known secret values to scrub from every string (the instance's tokens). */
  secrets?: readonly string[];
  /** Known appKeys to mask in every string. */
  masked?: readonly string[];
  maxDepth?: number;
  maxKeys?: number;
  maxItems?: number;
  maxString?: number;
  /** Objects, arrays and values visited in total before the rest becomes `[truncated]`. */
  maxNodes?: number;
  /** Run own getters (for objects the SDK reads anyway); otherwise a getter shows as `[getter]`. */
  invokeGetters?: boolean;
}

const DEFAULT_LIMITS = { maxDepth: 6, maxKeys: 100, maxItems: 100, maxString: 2000, maxNodes: 2000 };

/** A JSON-safe, redacted, bounded copy of `value`. Never throws. */
export function redact(value: unknown, options: RedactOptions = {}): Json {
  const limits = { ...DEFAULT_LIMITS, ...options };
  const secrets = options.secrets ?? [];
  const masked = options.masked ?? [];
  const invokeGetters = options.invokeGetters ?? false;
  const ancestors = new Set<object>();
  let nodes = 0;

  function text(value: string): string {
    // Cut before scanning: the part past `maxString` is never read. The original length says what was cut.
    const clean = redactText(value, { secrets, masked, maxLength: limits.maxString });
    return value.length > limits.maxString ? `${clean} [${value.length} chars]` : clean;
  }

  function walk(value: unknown, keyClass: KeyClass, depth: number): Json {
    if (++nodes > limits.maxNodes) return '[truncated]';
    if (keyClass === 'secret') {
      // An absent or empty secret is worth seeing ("the token is empty"); any other value is hidden whole.
      return value === undefined || value === null ? null : value === '' ? '' : REDACTED;
    }
    switch (typeof value) {
      case 'string':
        return keyClass === 'masked' ? maskValue(value) : text(value);
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'bigint':
        return String(value);
      case 'undefined':
        return null;
      case 'symbol':
        return '[symbol]';
      case 'function':
        return '[function]';
    }
    if (value === null) return null;
    const object = value as object;
    if (ancestors.has(object)) return '[cycle]';
    if (depth >= limits.maxDepth) return '[depth]';
    ancestors.add(object);
    try {
      return walkObject(object, depth);
    } catch {
      return '[unreadable]';
    } finally {
      ancestors.delete(object);
    }
  }

  function walkObject(object: object, depth: number): Json {
    if (Array.isArray(object)) {
      const items: Json[] = [];
      const length = Math.min(object.length, limits.maxItems);
      for (let index = 0; index < length; index++) {
        const item = readOwn(object, String(index), invokeGetters);
        append(items, item.kind === 'value' ? walk(item.value, 'plain', depth + 1) : marker(item));
      }
      if (object.length > length) append(items, `[${object.length - length} more]`);
      return items;
    }
    const special = describeSpecial(object);
    if (special !== undefined) return special;
    const out: { [key: string]: Json } = {};
    const keys = Object.keys(object);
    for (const key of keys.slice(0, limits.maxKeys)) {
      const item = readOwn(object, key, invokeGetters);
      if (item.kind === 'absent' || (item.kind === 'value' && item.value === undefined)) continue; // as JSON does
      out[key] = item.kind === 'value' ? walk(item.value, classifyKey(key), depth + 1) : marker(item);
    }
    if (keys.length > limits.maxKeys) out['…'] = `${keys.length - limits.maxKeys} more keys`;
    if (isError(object)) {
      // An Error's name and message are not enumerable: without them a logged error would print as {}.
      out.name ??= walk(ownData(object, 'name') ?? readProtoName(object), 'plain', depth + 1);
      out.message ??= walk(ownData(object, 'message'), 'plain', depth + 1);
    }
    return out;
  }

  return walk(value, 'plain', 0);
}

export type OwnRead =
  | { kind: 'value'; value: unknown }
  | { kind: 'getter' }
  | { kind: 'unreadable' }
  | { kind: 'absent' };

/** Reads an own property; a getter runs only if `invokeGetters`, and one that throws reads as `unreadable`. */
export function readOwn(object: object, key: string, invokeGetters: boolean): OwnRead {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (!descriptor) return { kind: 'absent' };
  if ('value' in descriptor) return { kind: 'value', value: descriptor.value };
  if (!invokeGetters || !descriptor.get) return { kind: 'getter' };
  try {
    return { kind: 'value', value: Reflect.apply(descriptor.get, object, []) };
  } catch {
    return { kind: 'unreadable' };
  }
}

function marker(read: OwnRead): Json {
  return read.kind === 'getter' ? '[getter]' : '[unreadable]';
}

function ownData(object: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function tagOf(object: object): string {
  return Object.prototype.toString.call(object);
}

function isError(object: object): boolean {
  return tagOf(object) === '[object Error]';
}

function readProtoName(object: object): unknown {
  const proto = Object.getPrototypeOf(object) as object | null;
  return proto ? ownData(proto, 'name') : undefined;
}

function describeSpecial(object: object): Json | undefined {
  if (object instanceof ArrayBuffer) return `[binary ${object.byteLength} bytes]`;
  if (ArrayBuffer.isView(object)) return `[binary ${object.byteLength} bytes]`;
  if (tagOf(object) === '[object Date]') {
    const time = Date.prototype.getTime.call(object);
    return Number.isFinite(time) ? new Date(time).toISOString() : 'Invalid Date';
  }
  return undefined;
}

export interface FoundSecrets {
  secrets: string[];
  masked: string[];
}

/** The string values under secret-named keys (`secrets`) and appKey-named keys (`masked`), searched deep. */
export function findSecrets(value: unknown, { invokeGetters = false, maxDepth = 4 } = {}): FoundSecrets {
  const found: FoundSecrets = { secrets: [], masked: [] };
  const seen = new Set<object>();
  // Bounded like `redact`: a page may hand over an object with a million keys. The SDK's own options have tens.
  let keysLeft = 5000;
  // Everything under a secret-named key is secret: `credentials: { user, pass }` hides `pass` too.
  function visit(object: object, depth: number, underSecret: boolean): void {
    if (depth > maxDepth || seen.has(object) || seen.size > 500) return;
    seen.add(object);
    for (const key of Object.keys(object)) {
      if (--keysLeft < 0) return;
      const read = readOwn(object, key, invokeGetters);
      const child = read.kind === 'value' ? read.value : undefined;
      const keyClass = underSecret ? 'secret' : classifyKey(key);
      if (typeof child === 'string' && child !== '') {
        if (keyClass === 'secret') append(found.secrets, child);
        else if (keyClass === 'masked') append(found.masked, child);
      } else if (typeof child === 'object' && child !== null) visit(child, depth + 1, keyClass === 'secret');
    }
  }
  try {
    if (typeof value === 'object' && value !== null) visit(value, 0, false);
  } catch {
    // A hostile object: what was found so far still counts.
  }
  return found;
}
