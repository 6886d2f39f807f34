/**
 * What the relay accepts from the page hook. The page world is hostile territory (any script there can post
 * to our port once it has it, or patch the builtins our hook uses), so every message is checked for shape
 * and size before it is forwarded; what fails is counted, never forwarded, never thrown.
 */

import { EVENT_SCHEMA } from '../model/event-schema';
import { isEventKind, type NimEvent } from '../model/events';
import { type HookToRelay, LIMITS } from '../model/protocol';
import { FORBIDDEN_KEYS, Reader, SchemaFailure, typeName } from '../model/schema';

export type Verdict<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A JSON-like value within the relay's size limits, with no prototype-polluting keys. */
function checkValue(value: unknown, depth: number): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'non-finite number';
  if (typeof value === 'string') return value.length <= LIMITS.stringLength ? undefined : 'string too long';
  if (typeof value !== 'object') return `unexpected ${typeof value}`;
  if (depth >= LIMITS.depth) return 'nested too deeply';
  if (Array.isArray(value)) {
    if (value.length > LIMITS.arrayLength) return 'array too long';
    for (const item of value) {
      const problem = checkValue(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  // A plain object of whichever realm (Firefox shows the relay page objects through Xrays).
  if (typeName(value) !== 'object') return 'not a plain object';
  const keys = Object.keys(value);
  if (keys.length > LIMITS.keysPerObject) return 'too many keys';
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) return `forbidden key ${key}`;
    const problem = checkValue((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * First the relay's own tight bounds (cheap, and they cap the work a flood can cause), then the recording
 * format's schema for the event's kind: what the relay forwards is exactly what a recording may hold, built
 * from fresh objects, so an export of it always reads back.
 */
export function validateEvent(raw: unknown): Verdict<NimEvent> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'event is not an object' };
  const kind = (raw as { kind?: unknown }).kind;
  if (!isEventKind(kind)) return { ok: false, reason: 'unknown event kind' };
  const problem = checkValue(raw, 0);
  if (problem) return { ok: false, reason: `${kind}: ${problem}` };
  try {
    return { ok: true, value: new Reader().child('event', raw, EVENT_SCHEMA) };
  } catch (error) {
    if (error instanceof SchemaFailure) return { ok: false, reason: `${kind}: ${error.message.slice(0, 200)}` };
    throw error;
  }
}

export interface ValidatedBatch {
  message: HookToRelay;
  /** Reasons for the events that were dropped from an otherwise valid batch. */
  rejected: string[];
}

export function validateHookMessage(raw: unknown): Verdict<ValidatedBatch> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'message is not an object' };
  const message = raw as Record<string, unknown>;
  if (message.type === 'hello') {
    if (typeof message.doc !== 'string' || message.doc.length > 64) return { ok: false, reason: 'bad doc' };
    if (typeof message.url !== 'string' || message.url.length > LIMITS.stringLength)
      return { ok: false, reason: 'bad url' };
    const title = typeof message.title === 'string' ? message.title.slice(0, 512) : undefined;
    return { ok: true, value: { message: { type: 'hello', doc: message.doc, url: message.url, title }, rejected: [] } };
  }
  if (message.type === 'events') {
    if (!Array.isArray(message.events)) return { ok: false, reason: 'events is not an array' };
    if (message.events.length > LIMITS.eventsPerBatch) return { ok: false, reason: 'batch too large' };
    const events: NimEvent[] = [];
    const rejected: string[] = [];
    for (const raw of message.events) {
      const verdict = validateEvent(raw);
      if (verdict.ok) events.push(verdict.value);
      else rejected.push(verdict.reason);
    }
    return { ok: true, value: { message: { type: 'events', events }, rejected } };
  }
  return { ok: false, reason: 'unknown message type' };
}
