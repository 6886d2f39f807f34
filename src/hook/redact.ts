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

export const REDACTED = '[redacted]';

export type KeyClass = 'secret' | 'masked' | 'plain';

/** Any key containing one of these is a secret: `token`, `accessToken`, `tokenType`, `appSecret`, `password`… */
const SECRET_PART = /token|passw(?:or)?d|secret|credential|authorization|cookie|signature/i;
/** Whole names that are secrets without a telling part; `loginExt` carries third-party auth data (authType 2). */
const SECRET_NAME = /^(?:pwd|loginext)$/i;
const MASKED_NAME = /^app_?key$/i;
/** camelCase, PascalCase, snake_case and kebab-case words: `privateKey` → `private`, `Key`. */
const WORD = /[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g;

/**
 * `appKey` (any case, `app_key`) is masked. A key is secret when it contains token / password / passwd /
 * secret / credential / authorization / cookie / signature, is `pwd` or `loginExt`, or its last word is `key`
 * (`key`, `privateKey`, `api_key`, `accessKEY`), so `keyword`, `monkey` and `authType` stay readable.
 */
export function classifyKey(name: string): KeyClass {
  if (MASKED_NAME.test(name)) return 'masked';
  if (SECRET_PART.test(name) || SECRET_NAME.test(name)) return 'secret';
  const words = name.match(WORD);
  return words?.[words.length - 1]?.toLowerCase() === 'key' ? 'secret' : 'plain';
}

/** `45c6a1b2c3d4e5f6…` → `45c6…e1f2`: at most a quarter of the characters stay, none below 8 characters. */
export function maskValue(value: string): string {
  const keep = value.length >= 16 ? 4 : value.length >= 8 ? 2 : 0;
  return keep === 0 ? '…' : `${value.slice(0, keep)}…${value.slice(-keep)}`;
}

/** Shorter secrets are not searched for by value: replacing `42` in every log line would say nothing useful. */
const MIN_SECRET_LENGTH = 4;
const MIN_MASKED_LENGTH = 8;

/**
 * `name: value`, `"name":"value"`, `name='value'`, `name=value&…` as they appear in log lines, JSON and URLs.
 * Groups: 1 quote around the name, 2 name, 3 separator, 4 double-quoted, 5 single-quoted, 6 bare value.
 */
const KEY_VALUE =
  /(["']?)([A-Za-z_$][\w$.-]*)\1(\s*[:=]\s*)(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s"',;&)}\]]+))/g;
const NOT_A_VALUE = new Set(['', 'null', 'undefined']);

/**
 * Scrubs one string: every occurrence of a known secret (and its URL-encoded form) becomes `[redacted]`, of a
 * known appKey its masked form, and a value written after a secret-named key is replaced whatever it is.
 */
export function redactText(text: string, secrets: readonly string[] = [], masked: readonly string[] = []): string {
  let out = text;
  for (const secret of byLengthDesc(secrets, MIN_SECRET_LENGTH)) out = replaceLiteral(out, secret, REDACTED);
  for (const value of byLengthDesc(masked, MIN_MASKED_LENGTH)) out = replaceLiteral(out, value, maskValue(value));
  return out.replace(
    KEY_VALUE,
    (match, quote: string, name: string, separator: string, dq?: string, sq?: string, bare?: string) => {
      const keyClass = classifyKey(name);
      const value = dq ?? sq ?? bare ?? '';
      if (keyClass === 'plain' || NOT_A_VALUE.has(value) || value === REDACTED) return match;
      if (keyClass === 'masked' && value.includes('…')) return match; // masked already, by value
      const replaced = keyClass === 'secret' ? REDACTED : maskValue(value);
      const quoted = dq !== undefined ? `"${replaced}"` : sq !== undefined ? `'${replaced}'` : replaced;
      return `${quote}${name}${quote}${separator}${quoted}`;
    },
  );
}

function byLengthDesc(values: readonly string[], minLength: number): string[] {
  // Longest first, so that a token containing another known token is replaced whole.
  return [...new Set(values)].filter((value) => value.length >= minLength).sort((a, b) => b.length - a.length);
}

function replaceLiteral(text: string, literal: string, replacement: string): string {
  let out = text.split(literal).join(replacement);
  const encoded = safeEncode(literal);
  if (encoded !== undefined && encoded !== literal) out = out.split(encoded).join(replacement);
  return out;
}

function safeEncode(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined; // a lone surrogate
  }
}

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
    const clean = redactText(value, secrets, masked);
    return clean.length > limits.maxString ? `${clean.slice(0, limits.maxString)}…` : clean;
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
        items.push(item.kind === 'value' ? walk(item.value, 'plain', depth + 1) : marker(item));
      }
      if (object.length > length) items.push(`[${object.length - length} more]`);
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
  // Everything under a secret-named key is secret: `credentials: { user, pass }` hides `pass` too.
  function visit(object: object, depth: number, underSecret: boolean): void {
    if (depth > maxDepth || seen.has(object) || seen.size > 500) return;
    seen.add(object);
    for (const key of Object.keys(object)) {
      const read = readOwn(object, key, invokeGetters);
      const child = read.kind === 'value' ? read.value : undefined;
      const keyClass = underSecret ? 'secret' : classifyKey(key);
      if (typeof child === 'string' && child !== '') {
        if (keyClass === 'secret') found.secrets.push(child);
        else if (keyClass === 'masked') found.masked.push(child);
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
