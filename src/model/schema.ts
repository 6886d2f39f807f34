/**
 * A small declarative schema language for events and recordings: each schema validates one JSON value and returns a
 * fresh copy of it, so what import hands out is built by us (never an object JSON.parse made, with its own
 * `__proto__` keys). Failures carry a code and the path of the offending value; the path is kept as a stack of
 * segments and formatted only when something fails, which keeps validation of 100k events cheap.
 */
import type { Json } from './events';

/** What any value read through a schema may not exceed: a page or a file is evidence, never a reason to hang. */
export const SCHEMA_LIMITS = {
  stringLength: 1024 * 1024,
  /** Levels of nesting below the document's root (the root's own fields are at depth 1). */
  depth: 32,
} as const;

/** What a schema refuses in a value; a file format adds its own codes (`SchemaErrorCode`). */
export type SchemaErrorCode =
  | 'missing-field'
  | 'unknown-field'
  | 'wrong-type'
  /** The right type but a value the format does not allow (an enum, a range, a date). */
  | 'invalid-value'
  | 'unknown-kind'
  /** `__proto__`, `constructor` or `prototype` as a key, anywhere. */
  | 'forbidden-key'
  | 'too-deep'
  | 'too-many-events'
  | 'string-too-long'
  | 'non-finite-number'
  | 'duplicate-seq'
  | 'decreasing-seq';

export type PathSegment = string | number;

/** Keys that would reach `Object.prototype` or a constructor if some consumer merged the data carelessly. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Thrown inside a read, caught by whoever started it: the first failure ends the read. `Code` widens for a file
 * format that checks fields of its own (a recording's format and version).
 */
export class SchemaFailure<Code extends string = SchemaErrorCode> extends Error {
  constructor(
    readonly code: Code,
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'SchemaFailure';
  }
}

export interface ReadOptions {
  /** Rewrites free text (never enums, dates or keys): how the sharing mask reaches every string at once. */
  mapText?: (text: string) => string;
  /** For a key of free-form JSON that names a secret, the value to write instead; `undefined` for other keys. */
  redactSecret?: (key: string, value: unknown) => Json | undefined;
}

/** The state of one read: where it is (for messages) and how it transforms what it copies. */
export class Reader {
  readonly path: PathSegment[] = [];
  constructor(readonly options: ReadOptions = {}) {}

  fail(code: SchemaErrorCode, detail: string): never {
    throw new SchemaFailure(code, formatPath(this.path), detail);
  }

  /** Reads `value` as the child `segment` of the current value. */
  child<T>(segment: PathSegment, value: unknown, schema: Schema<T>): T {
    this.path.push(segment);
    const result = schema.read(value, this);
    this.path.pop();
    return result;
  }
}

export interface Schema<T> {
  /** What the value should be, for messages: `string`, `string or number`, `object`… */
  readonly expected: string;
  /** The `typeName`s it accepts, so that `either` can pick a branch without trying each. */
  readonly accepts: readonly string[];
  read(value: unknown, reader: Reader): T;
}

/** An optional field: absent (or `undefined` in memory, which JSON drops) is fine. */
export interface Optional<T> {
  readonly optionalOf: Schema<T>;
}

export function optional<T>(schema: Schema<T>): Optional<T> {
  return { optionalOf: schema };
}

// biome-ignore lint/complexity/noBannedTypes: `{}` is the standard test for "this key may be absent".
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/** One schema per field of `T`, optional ones included: adding a field to the event model fails to compile here. */
export type Fields<T> = {
  [K in keyof T]-?: K extends OptionalKeys<T> ? Optional<Exclude<T[K], undefined>> : Schema<T[K]>;
};

export function text(): Schema<string> {
  return {
    expected: 'string',
    accepts: ['string'],
    read(value, reader) {
      if (typeof value !== 'string') return reader.fail('wrong-type', `expected string, got ${typeName(value)}`);
      return readText(value, reader);
    },
  };
}

interface NumberRule {
  integer?: boolean;
  min?: number;
}

export function number(rule: NumberRule = {}): Schema<number> {
  const what = `${rule.integer ? 'an integer' : 'a number'}${rule.min === undefined ? '' : ` >= ${rule.min}`}`;
  return {
    expected: 'number',
    accepts: ['number'],
    read(value, reader) {
      if (typeof value !== 'number') return reader.fail('wrong-type', `expected number, got ${typeName(value)}`);
      const finite = readNumber(value, reader);
      if ((rule.integer && !Number.isInteger(finite)) || (rule.min !== undefined && finite < rule.min)) {
        reader.fail('invalid-value', `expected ${what}, got ${finite}`);
      }
      return finite;
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    expected: 'boolean',
    accepts: ['boolean'],
    read(value, reader) {
      if (typeof value !== 'boolean') return reader.fail('wrong-type', `expected boolean, got ${typeName(value)}`);
      return value;
    },
  };
}

/** One of a fixed set of strings (or numbers). Never rewritten by `mapText`: an enum is not text. */
export function literal<const V extends string | number>(...values: readonly V[]): Schema<V> {
  const allowed: ReadonlySet<unknown> = new Set(values);
  const list = values.map((value) => JSON.stringify(value)).join(', ');
  const expected = values.length === 1 ? list : `one of ${list}`;
  const accepts: readonly string[] = [...new Set(values.map((value) => typeof value))];
  return {
    expected,
    accepts,
    read(value, reader) {
      if (allowed.has(value)) return value as V;
      const code = accepts.includes(typeName(value)) ? 'invalid-value' : 'wrong-type';
      return reader.fail(code, `expected ${expected}, got ${describeValue(value)}`);
    },
  };
}

/** Every member of the union `V`, listed as keys so that the compiler notices a member added to the model. */
export function enumOf<V extends string>(members: Record<V, true>): Schema<V> {
  return literal(...(Object.keys(members) as V[]));
}

/** A date as `Date.prototype.toISOString` writes it (an offset is accepted too). */
export function isoDate(): Schema<string> {
  const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
  return {
    expected: 'ISO 8601 date',
    accepts: ['string'],
    read(value, reader) {
      if (typeof value !== 'string') return reader.fail('wrong-type', `expected string, got ${typeName(value)}`);
      if (!shape.test(value) || Number.isNaN(Date.parse(value))) {
        reader.fail('invalid-value', `expected an ISO 8601 date, got ${describeValue(value)}`);
      }
      return value;
    },
  };
}

/** A value of either schema, chosen by its JSON type (`string | number` fields of the SDK's callbacks). */
export function either<A, B>(first: Schema<A>, second: Schema<B>): Schema<A | B> {
  const expected = `${first.expected} or ${second.expected}`;
  return {
    expected,
    accepts: [...first.accepts, ...second.accepts],
    read(value, reader): A | B {
      const type = typeName(value);
      if (first.accepts.includes(type)) return first.read(value, reader);
      if (second.accepts.includes(type)) return second.read(value, reader);
      return reader.fail('wrong-type', `expected ${expected}, got ${typeName(value)}`);
    },
  };
}

export function array<T>(items: Schema<T>): Schema<T[]> {
  return {
    expected: 'array',
    accepts: ['array'],
    read(value, reader) {
      if (!Array.isArray(value)) return reader.fail('wrong-type', `expected array, got ${typeName(value)}`);
      const out: T[] = new Array(value.length);
      for (let index = 0; index < value.length; index++) out[index] = reader.child(index, value[index], items);
      return out;
    },
  };
}

/** An object with exactly these fields: a missing required field, or any other key, is an error. */
export function object<T>(fields: Fields<T>): Schema<T> {
  const entries = Object.entries(fields as Record<string, Schema<unknown> | Optional<unknown>>).map(([key, field]) =>
    'optionalOf' in field ? { key, schema: field.optionalOf, required: false } : { key, schema: field, required: true },
  );
  const known: ReadonlySet<string> = new Set(entries.map((entry) => entry.key));
  return {
    expected: 'object',
    accepts: ['object'],
    read(value, reader) {
      const source = readObject(value, reader);
      for (const key of Object.keys(source)) {
        // `undefined` is how an absent optional field looks in memory; JSON.stringify drops it the same way.
        if (!known.has(key) && source[key] !== undefined) {
          reader.path.push(key);
          reader.fail('unknown-field', 'unexpected field');
        }
      }
      const out: Record<string, unknown> = {};
      for (const { key, schema, required } of entries) {
        const field = Object.hasOwn(source, key) ? source[key] : undefined;
        if (field === undefined) {
          if (required) {
            reader.path.push(key);
            reader.fail('missing-field', `missing (expected ${schema.expected})`);
          }
          continue;
        }
        out[key] = reader.child(key, field, schema);
      }
      return out as T;
    },
  };
}

/** Any JSON value, bounded in depth and sizes (free-form data such as the SDK options a page passed). */
export function json(): Schema<Json> {
  return {
    expected: 'JSON value',
    accepts: ['string', 'number', 'boolean', 'null', 'array', 'object'],
    read: readJson,
  };
}

/** An object of free-form JSON values. */
export function jsonObject(): Schema<{ [key: string]: Json }> {
  return {
    expected: 'object',
    accepts: ['object'],
    read(value, reader) {
      return readJsonObject(readObject(value, reader), reader);
    },
  };
}

function readJson(value: unknown, reader: Reader): Json {
  if (reader.path.length > SCHEMA_LIMITS.depth) {
    reader.fail('too-deep', `nested more than ${SCHEMA_LIMITS.depth} levels deep`);
  }
  switch (typeof value) {
    case 'string':
      return readText(value, reader);
    case 'number':
      return readNumber(value, reader);
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out: Json[] = new Array(value.length);
        for (let index = 0; index < value.length; index++) out[index] = reader.child(index, value[index], JSON_VALUE);
        return out;
      }
      return readJsonObject(readObject(value, reader), reader);
    }
    default:
      return reader.fail('wrong-type', `expected JSON value, got ${typeName(value)}`);
  }
}

const JSON_VALUE = json();

function readJsonObject(source: Record<string, unknown>, reader: Reader): { [key: string]: Json } {
  const redactSecret = reader.options.redactSecret;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    reader.path.push(key);
    if (key.length > SCHEMA_LIMITS.stringLength) reader.fail('string-too-long', tooLong(key.length));
    const redacted = redactSecret?.(key, value);
    out[key] = redacted === undefined ? readJson(value, reader) : redacted;
    reader.path.pop();
  }
  return out;
}

/** Checks that `value` is a plain object and has none of the forbidden keys. */
function readObject(value: unknown, reader: Reader): Record<string, unknown> {
  if (typeName(value) !== 'object') return reader.fail('wrong-type', `expected object, got ${typeName(value)}`);
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) {
      reader.path.push(key);
      reader.fail('forbidden-key', `the key ${JSON.stringify(key)} is not allowed`);
    }
  }
  return source;
}

function readText(value: string, reader: Reader): string {
  if (value.length > SCHEMA_LIMITS.stringLength) reader.fail('string-too-long', tooLong(value.length));
  const mapText = reader.options.mapText;
  if (!mapText) return value;
  const mapped = mapText(value);
  // The mask may lengthen a string; what we write must still be readable.
  if (mapped.length > SCHEMA_LIMITS.stringLength) reader.fail('string-too-long', tooLong(mapped.length));
  return mapped;
}

function readNumber(value: number, reader: Reader): number {
  if (!Number.isFinite(value)) reader.fail('non-finite-number', `expected a finite number, got ${value}`);
  // JSON.parse('-0') is -0 but JSON.stringify(-0) is '0': normalise so a round trip is exact.
  return value === 0 ? 0 : value;
}

function tooLong(length: number): string {
  return `string of ${length} characters is longer than the ${SCHEMA_LIMITS.stringLength} allowed`;
}

/** `null`, `array`, `object` (plain), a class name (`Date`, `Map`), or `typeof`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  // A plain object of any realm (in Firefox, a content script sees the page's objects with the page's prototype).
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || Object.getPrototypeOf(proto) === null) return 'object';
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name ? name : 'object';
}

/** A short rendering of a wrong value for a message: strings quoted and cut, other things by type. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeName(value);
}

/** `events[41].data.code`; odd keys quoted (`options["a b"]`) and long ones cut so a message stays readable. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]{0,63}$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment.length > 64 ? `${segment.slice(0, 64)}…` : segment)}]`;
  }
  return out;
}
