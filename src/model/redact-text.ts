/**
 * Scrubbing secrets out of one string, in time linear in what is kept.
 *
 * Long text is cut *before* it is scanned: only the first `maxLength` characters are kept, plus a short reach
 * past the cut so that a secret or a `key=value` pair straddling it is still found and replaced whole. The rest
 * is never read, so a 1 MB chat message costs the same as a 4 KB one.
 *
 * Two kinds of match, collected as spans of the original text and then written out once:
 * - known values (the instance's tokens and appKeys, and their URL-encoded forms), found with `indexOf`; a long
 *   secret is searched for by its first characters and redacted as far as it matches;
 * - a value written after a secret-named key (`"token":"…"`, `token: '…'`, `password=…`, `?access_token=…&`),
 *   found by a single forward pass that never re-reads a character: a regular expression with a greedy name and
 *   a fallible tail re-reads the rest of a long word at every position (issue 20: 10 s for a 64 KB message).
 */
import { append } from './intrinsics';
import { classifyKey, type KeyClass, maskValue, REDACTED } from './secrets';

export interface KnownSecrets {
  /** Values to replace with `[redacted]` wherever they appear (the instance's tokens). */
  secrets?: readonly string[];
  /** Values to show masked wherever they appear (appKeys). */
  masked?: readonly string[];
}

export interface RedactTextOptions extends KnownSecrets {
  /** Characters of the original to keep; the rest is never scanned nor shown, and `…` marks the cut. */
  maxLength?: number;
  /** Counts the scanner's steps, so tests can check that they grow linearly with the input. */
  meter?: { steps: number };
}

export const CUT_MARK = '…';

/**
 * How far past `maxLength` `redactText` may read (a secret straddling the cut is found whole): a caller that
 * assembles the text from parts needs to hand it no more than `maxLength + READ_PAST_CUT` characters.
 */
export const READ_PAST_CUT = 4096;

/** Shorter values are not searched for: replacing `42` in every log line would say nothing useful. */
const MIN_SECRET_LENGTH = 4;
const MIN_MASKED_LENGTH = 8;
/** A long secret is searched for by this many first characters, then followed as far as it matches. */
const SECRET_HEAD = 256;
/** How far past the cut a key name and its separator may reach and still have their value redacted. */
const KEY_REACH = 96;
const MAX_KEY_NAME = 64;
const NOT_A_VALUE = new Set(['null', 'undefined']);

interface Span {
  start: number;
  end: number;
  secret: boolean;
  replacement: string;
}

/** `text` without secrets, cut to `maxLength` characters (then ending in `…`). Never throws on any string. */
export function redactText(text: string, options: RedactTextOptions = {}): string {
  const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  const meter = options.meter ?? { steps: 0 };
  const literals = literalsOf(options);
  const cut = text.length > maxLength;
  const reach = literals.reduce((longest, literal) => Math.max(longest, literal.encodedHead.length), KEY_REACH);
  const window = cut ? text.slice(0, maxLength + reach) : text;

  const spans: Span[] = [];
  for (const literal of literals) findLiteral(window, literal, spans, meter);
  findKeyValues(window, spans, meter);
  const body = writeOut(window, mergeSpans(spans), Math.min(maxLength, text.length));
  return cut ? body + CUT_MARK : body;
}

interface Literal {
  value: string;
  head: string;
  encodedHead: string;
  secret: boolean;
}

function literalsOf({ secrets = [], masked = [] }: KnownSecrets): Literal[] {
  const literals: Literal[] = [];
  const seen = new Set<string>();
  const add = (value: string, secret: boolean, minLength: number) => {
    if (typeof value !== 'string' || value.length < minLength || seen.has(value)) return;
    seen.add(value);
    const head = headOf(value);
    append(literals, { value, head, encodedHead: safeEncode(head) ?? head, secret });
  };
  for (const value of secrets) add(value, true, MIN_SECRET_LENGTH);
  for (const value of masked) add(value, false, MIN_MASKED_LENGTH);
  return literals;
}

/** The first characters of a long value, never ending in half a surrogate pair (it could not be encoded). */
function headOf(value: string): string {
  if (value.length <= SECRET_HEAD) return value;
  const last = value.charCodeAt(SECRET_HEAD - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? SECRET_HEAD - 1 : SECRET_HEAD);
}

function safeEncode(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined; // a lone surrogate
  }
}

function findLiteral(window: string, literal: Literal, spans: Span[], meter: { steps: number }): void {
  const replacement = literal.secret ? REDACTED : maskValue(literal.value);
  const search = (needle: string, extend: (at: number) => number) => {
    meter.steps += window.length; // `indexOf` walks the window once per needle
    let at = window.indexOf(needle);
    while (at !== -1) {
      const end = extend(at);
      meter.steps += end - at;
      append(spans, { start: at, end, secret: literal.secret, replacement });
      at = window.indexOf(needle, end);
    }
  };
  const { value, head, encodedHead } = literal;
  search(head, (at) => {
    // Follow a long secret past its head as far as it matches.
    let end = at + head.length;
    for (let k = head.length; k < value.length && end < window.length; k++, end++) {
      if (window.charCodeAt(end) !== value.charCodeAt(k)) break;
    }
    return end;
  });
  if (encodedHead === head) return;
  search(encodedHead, (at) => {
    // The rest of a long encoded secret is not encoded here (that would cost its whole length on every call):
    // its characters are all URL-safe, so everything URL-safe that follows is taken with it.
    let end = at + encodedHead.length;
    if (value.length > head.length) while (end < window.length && isUrlSafe(window.charCodeAt(end))) end++;
    return end;
  });
}

/**
 * One forward pass: every name-like run (`[A-Za-z_$][\w$.-]*`) is read once; when a separator (`:` or `=`)
 * follows a secret-named key, its value (quoted, or bare up to a delimiter) becomes a span and the scan goes on
 * after it. After a plain key the scan goes on inside the value, where JSON or a URL may hold a secret key.
 */
function findKeyValues(text: string, spans: Span[], meter: { steps: number }): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    meter.steps++;
    if (!isNameStart(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const nameStart = i;
    while (++i < length && isNameChar(text.charCodeAt(i))) meter.steps++;
    const nameEnd = i;
    if (nameEnd - nameStart > MAX_KEY_NAME) continue;
    i = skipClosingQuote(text, i);
    i = skipSpaces(text, i, meter);
    const separator = text.charCodeAt(i);
    if (separator !== COLON && separator !== EQUALS) continue;
    const keyClass = classifyName(text.slice(nameStart, nameEnd));
    i = skipSpaces(text, i + 1, meter);
    if (keyClass === 'plain') continue;
    const value = readValue(text, i, meter);
    i = value.next;
    if (text.startsWith(REDACTED, value.start)) {
      i = Math.max(i, value.start + REDACTED.length); // redacted already (`[redacted]` is no bare value)
      continue;
    }
    const raw = text.slice(value.start, value.end);
    if (raw === '' || (raw.length <= 9 && NOT_A_VALUE.has(raw))) continue;
    if (keyClass === 'masked' && raw.includes(CUT_MARK)) continue; // masked already
    append(spans, {
      start: value.start,
      end: value.end,
      secret: keyClass === 'secret',
      replacement: keyClass === 'secret' ? REDACTED : maskValue(raw),
    });
  }
}

/**
 * Log lines and JSON repeat the same few dozen keys: their classes are remembered (a bounded table, emptied
 * when full) so that a line with hundreds of keys does not run the key rules hundreds of times.
 */
const knownNames = new Map<string, KeyClass>();
const KNOWN_NAMES_LIMIT = 512;

function classifyName(name: string): KeyClass {
  let keyClass = knownNames.get(name);
  if (keyClass === undefined) {
    if (knownNames.size >= KNOWN_NAMES_LIMIT) knownNames.clear();
    keyClass = classifyKey(name);
    knownNames.set(name, keyClass);
  }
  return keyClass;
}

/**
 * After `"token` (or `\"token`) comes its closing quote. The opening one is not required: a line cut just
 * before it (`token":"…`) still names a secret.
 */
function skipClosingQuote(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === QUOTE || c === APOSTROPHE) return at + 1;
  const next = text.charCodeAt(at + 1);
  return c === BACKSLASH && (next === QUOTE || next === APOSTROPHE) ? at + 2 : at;
}

function skipSpaces(text: string, at: number, meter: { steps: number }): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) {
    i++;
    meter.steps++;
  }
  return i;
}

interface ValueRange {
  start: number;
  end: number;
  /** Where the scan goes on: past the closing quote, if any. */
  next: number;
}

/** A quoted value up to its closing quote (or the end: an unterminated secret is hidden whole), or a bare one. */
function readValue(text: string, at: number, meter: { steps: number }): ValueRange {
  const first = text.charCodeAt(at);
  const escapedQuote = first === BACKSLASH && text.charCodeAt(at + 1) === QUOTE; // JSON inside a JSON string
  if (first === QUOTE || first === APOSTROPHE || escapedQuote) {
    const quote = escapedQuote ? QUOTE : first;
    const start = at + (escapedQuote ? 2 : 1);
    let i = start;
    while (i < text.length) {
      meter.steps++;
      const c = text.charCodeAt(i);
      if (escapedQuote ? c === BACKSLASH && text.charCodeAt(i + 1) === quote : c === quote) {
        return { start, end: i, next: i + (escapedQuote ? 2 : 1) };
      }
      i += c === BACKSLASH && !escapedQuote ? 2 : 1;
    }
    return { start, end: text.length, next: text.length };
  }
  let i = at;
  while (i < text.length && !isValueEnd(text.charCodeAt(i))) {
    i++;
    meter.steps++;
  }
  return { start: at, end: i, next: i };
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last === undefined || span.start >= last.end) {
      append(merged, { ...span });
      continue;
    }
    // Overlapping matches become one: hidden whole if either was a secret.
    last.end = Math.max(last.end, span.end);
    if (span.secret && !last.secret) {
      last.secret = true;
      last.replacement = REDACTED;
    }
  }
  return merged;
}

/** The text up to `limit` with each span replaced; a span that starts before the cut is replaced whole. */
function writeOut(text: string, spans: readonly Span[], limit: number): string {
  let out = '';
  let position = 0;
  for (const span of spans) {
    if (span.start >= limit) break;
    out += text.slice(position, span.start) + span.replacement;
    position = span.end;
  }
  if (position < limit) out += text.slice(position, limit);
  return out;
}

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const EQUALS = 0x3d;

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24; // a-z A-Z _ $
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d; // 0-9 . -
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Where a bare value ends: white space, a quote, `,;&#` or a closing bracket. */
function isValueEnd(c: number): boolean {
  return (
    isSpace(c) ||
    c === QUOTE ||
    c === APOSTROPHE ||
    c === 0x2c || // ,
    c === 0x3b || // ;
    c === 0x26 || // &
    c === 0x23 || // #
    c === 0x29 || // )
    c === 0x7d || // }
    c === 0x5d // ]
  );
}

/** What `encodeURIComponent` leaves or writes: A-Z a-z 0-9 - _ . ! ~ * ' ( ) and `%`. */
function isUrlSafe(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x25 ||
    c === 0x2d ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x21 ||
    c === 0x7e ||
    c === 0x2a ||
    c === 0x27 ||
    c === 0x28 ||
    c === 0x29
  );
}
