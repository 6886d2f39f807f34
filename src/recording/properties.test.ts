/**
 * Property tests: what holds for every recording, not just the examples. (a) what createRecording writes reads back
 * unchanged; (b) no damage to a file makes import throw or answer anything but a clean error; (c) the sharing mask
 * leaves no account or appKey anywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { createRecording } from './create';
import type { Recording, RecordingErrorCode, RecordingResult } from './format';
import { parseRecording } from './parse';
import { EXPORTED_AT, eventsArb, PAGE, pageArb, sampleEvents, TOOL, textArb } from './test-events';

function created(result: RecordingResult): Recording {
  if (!result.ok) throw new Error(`createRecording refused: ${result.error.message}`);
  return result.recording;
}

describe('(a) round trip', () => {
  it('any recording createRecording builds reads back unchanged', () => {
    fc.assert(
      fc.property(eventsArb, pageArb, fc.boolean(), fc.boolean(), (events, page, maskAccounts, maskAppKeys) => {
        const recording = created(
          createRecording({
            events,
            page,
            tool: TOOL,
            exportedAt: EXPORTED_AT,
            redaction: { maskAccounts, maskAppKeys },
          }),
        );
        expect(recording.events.map((event) => event.seq)).toEqual(
          events.map((event) => event.seq).sort((a, b) => a - b),
        );
        expect(parseRecording(JSON.stringify(recording))).toEqual({ ok: true, recording });
      }),
      { numRuns: 500 },
    );
  }, 30_000);

  it('without the mask, the events are the input events in seq order (secrets aside)', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const recording = created(createRecording({ events, page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT }));
        // Free-form JSON (getInstance's options, a status event's detail) has its secret-named keys redacted.
        const withoutOptions = (list: readonly NimEvent[]) =>
          list.map((event) => {
            if (event.kind === 'sdk.getInstance') return { ...event, data: { ...event.data, options: {} } };
            if (event.kind === 'sdk.status') return { ...event, data: { ...event.data, detail: {} } };
            return event;
          });
        const sorted = [...events].sort((a, b) => a.seq - b.seq);
        expect(withoutOptions(recording.events)).toEqual(withoutOptions(sorted));
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

const KNOWN_CODES: ReadonlySet<RecordingErrorCode> = new Set<RecordingErrorCode>([
  'not-json',
  'too-large',
  'not-object',
  'wrong-format',
  'newer-version',
  'older-version',
  'missing-field',
  'unknown-field',
  'wrong-type',
  'invalid-value',
  'unknown-kind',
  'forbidden-key',
  'too-deep',
  'too-many-events',
  'string-too-long',
  'non-finite-number',
  'duplicate-seq',
  'decreasing-seq',
]);

type Container = Record<string, unknown> | unknown[];

/** Every value of the document as (its container, its key, its depth), the root's fields at depth 1. */
function slots(root: Container): { parent: Container; key: string | number; depth: number }[] {
  const out: { parent: Container; key: string | number; depth: number }[] = [];
  const visit = (parent: Container, depth: number) => {
    const keys = Array.isArray(parent) ? parent.map((_, index) => index) : Object.keys(parent);
    for (const key of keys) {
      out.push({ parent, key, depth });
      const value = (parent as Record<string | number, unknown>)[key];
      if (typeof value === 'object' && value !== null) visit(value as Container, depth + 1);
    }
  };
  visit(root, 1);
  return out;
}

type Mutation =
  | { type: 'delete'; pick: number }
  | { type: 'retype'; pick: number; value: unknown }
  | { type: 'forbiddenKey'; pick: number; key: string }
  | { type: 'deepen'; pick: number; levels: number; asArray: boolean }
  | { type: 'version'; value: unknown }
  | { type: 'swapEvents'; first: number; second: number }
  | { type: 'duplicateEvent'; pick: number };

type TextDamage = { type: 'none' } | { type: 'truncate'; at: number } | { type: 'garble'; at: number; char: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    type: fc.constant('retype' as const),
    pick: fc.nat(),
    value: fc.constantFrom(null, true, 0, -1, 1.5, 1e308, '', 'x', [], {}, [1, 'a'], { a: 1 }),
  }),
  fc.record({
    type: fc.constant('forbiddenKey' as const),
    pick: fc.nat(),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
  }),
  fc.record({
    type: fc.constant('deepen' as const),
    pick: fc.nat(),
    levels: fc.integer({ min: 1, max: 60 }),
    asArray: fc.boolean(),
  }),
  fc.record({ type: fc.constant('version' as const), value: fc.constantFrom(0, 2, -1, 1.5, 99, '1', null, [1]) }),
  fc.record({ type: fc.constant('swapEvents' as const), first: fc.nat(), second: fc.nat() }),
  fc.record({ type: fc.constant('duplicateEvent' as const), pick: fc.nat() }),
);

const textDamageArb: fc.Arbitrary<TextDamage> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ type: 'none' as const }) },
  fc.record({ type: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    type: fc.constant('garble' as const),
    at: fc.nat(),
    char: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  }),
);

/** Applies one mutation; returns what the result must then be, when a single mutation decides it. */
function mutate(doc: Record<string, unknown>, mutation: Mutation): RecordingErrorCode | 'any' | 'error' {
  const events: unknown[] = Array.isArray(doc.events) ? doc.events : [];
  switch (mutation.type) {
    case 'delete': {
      const all = slots(doc);
      const slot = all[mutation.pick % all.length];
      if (!slot) return 'any';
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return 'any';
    }
    case 'retype': {
      const all = slots(doc);
      const slot = all[mutation.pick % all.length];
      if (slot) (slot.parent as Record<string | number, unknown>)[slot.key] = structuredClone(mutation.value);
      return 'any';
    }
    case 'forbiddenKey': {
      const objects = [
        doc,
        ...slots(doc).map((slot) => (slot.parent as Record<string | number, unknown>)[slot.key]),
      ].filter(
        (value): value is Record<string, unknown> =>
          typeof value === 'object' && value !== null && !Array.isArray(value),
      );
      const target = objects[mutation.pick % objects.length] as Record<string, unknown>;
      // An own property, as JSON.parse would make it (an assignment to `__proto__` would set the prototype instead).
      Object.defineProperty(target, mutation.key, {
        value: { polluted: true },
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return 'forbidden-key';
    }
    case 'deepen': {
      const all = slots(doc);
      const slot = all[mutation.pick % all.length];
      if (!slot) return 'any';
      let value = (slot.parent as Record<string | number, unknown>)[slot.key];
      for (let level = 0; level < mutation.levels; level++) value = mutation.asArray ? [value] : { deeper: value };
      (slot.parent as Record<string | number, unknown>)[slot.key] = value;
      return slot.depth + mutation.levels > 32 ? 'error' : 'any';
    }
    case 'version':
      doc.version = mutation.value;
      return 'error';
    case 'swapEvents': {
      if (events.length < 2) return 'any';
      const first = mutation.first % events.length;
      const second = (first + 1 + (mutation.second % (events.length - 1))) % events.length;
      [events[first], events[second]] = [events[second], events[first]];
      return 'decreasing-seq';
    }
    case 'duplicateEvent': {
      if (events.length === 0) return 'any';
      const index = mutation.pick % events.length;
      events.splice(index, 0, structuredClone(events[index]));
      return 'duplicate-seq';
    }
  }
}

function damage(text: string, damageTo: TextDamage): string {
  switch (damageTo.type) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, damageTo.at % text.length);
    case 'garble': {
      const at = damageTo.at % text.length;
      return text.slice(0, at) + damageTo.char + text.slice(at + 1);
    }
  }
}

function expectClean(result: RecordingResult): void {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) {
    // Whatever import accepts, it accepts again after writing it out.
    expect(parseRecording(JSON.stringify(result.recording))).toEqual(result);
    return;
  }
  const { code, message, path } = result.error;
  expect(KNOWN_CODES.has(code), `unexpected code ${code}: ${message}`).toBe(true);
  expect(typeof message).toBe('string');
  expect(message.length).toBeGreaterThan(0);
  if (path !== undefined) expect(message.startsWith(`${path}: `)).toBe(true);
}

describe('(b) damaged recordings', () => {
  it('never throw and always give either a recording or a clean error', () => {
    const good = JSON.stringify(
      created(createRecording({ events: sampleEvents(), page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT })),
    );
    fc.assert(
      fc.property(
        eventsArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        textDamageArb,
        (events, mutations, textDamage) => {
          const recording = created(createRecording({ events, page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT }));
          const doc = JSON.parse(JSON.stringify(recording)) as Record<string, unknown>;
          const expectations = mutations.map((mutation) => mutate(doc, mutation));
          const original = JSON.stringify(doc);
          const text = damage(original, textDamage);

          let result: RecordingResult | undefined;
          expect(() => {
            result = parseRecording(text);
          }).not.toThrow();
          if (!result) return;
          expectClean(result);

          if (textDamage.type === 'truncate' && text.length < original.length) {
            expect(result.ok || result.error.code).toBe('not-json');
          } else if (textDamage.type === 'none' && mutations.length === 1) {
            const expected = expectations[0];
            if (expected === 'error') expect(result.ok).toBe(false);
            else if (expected !== 'any') expect(result.ok || result.error.code).toBe(expected);
          }

          // Nothing leaked into the shared prototype, and a good file still reads.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(parseRecording(good).ok).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000);
});

describe('(c) the sharing mask', () => {
  // Accounts and appKeys that no word of the format itself (kinds, keys, labels, dates) can contain.
  const accountArb = fc.stringMatching(/^acc[0-9]{4,8}$/);
  const appKeyArb = fc.stringMatching(/^[0-9a-f]{32}$/);
  const caseArb = fc.constantFrom(
    (text: string) => text,
    (text: string) => text.toUpperCase(),
    (text: string) => encodeURIComponent(`${text}@x`).replace('%40x', ''),
  );

  it('leaves no account or appKey anywhere, and labels them consistently', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(accountArb, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(appKeyArb, { minLength: 1, maxLength: 2 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat(), textArb, caseArb), { maxLength: 8 }),
        // Other events around them; their own getInstance calls would add identities of random text.
        eventsArb.map((events) => events.filter((event) => event.kind !== 'sdk.getInstance')),
        (accounts, appKeys, shortenInData, mentions, noise) => {
          const at = <T>(list: readonly T[], index: number) => list[index % list.length] as T;
          const shorten = (key: string) => `${key.slice(0, 4)}…${key.slice(-4)}`;
          // One getInstance per account and per appKey, so that every identity mentioned is one the page passed.
          const instances: NimEvent[] = Array.from(
            { length: Math.max(accounts.length, appKeys.length) },
            (_, index) => {
              const account = at(accounts, index);
              const appKey = at(appKeys, index);
              return {
                seq: 100_000 + index,
                t: 0,
                kind: 'sdk.getInstance',
                instanceId: `mask-${index}`,
                data: {
                  flavour: 'NIM',
                  account,
                  appKey: shortenInData ? shorten(appKey) : appKey,
                  reused: false,
                  changed: ['account'],
                  options: { account, appKey, nested: { hint: `user ${account}` }, token: '[redacted]' },
                },
              };
            },
          );
          const logs: NimEvent[] = mentions.map(([accountIndex, keyIndex, filler, shape], index) => ({
            seq: 200_000 + index,
            t: 0,
            kind: 'sdk.log',
            data: {
              level: 'info',
              text: `${filler}${shape(at(accounts, accountIndex))} k=${shape(at(appKeys, keyIndex))}${filler}`,
            },
          }));
          const page = {
            url: `https://x.test/?uid=${accounts[0]}&k=${appKeys[0]}`,
            userAgent: 'UA',
            title: `${accounts[0]}`,
          };
          const recording = created(
            createRecording({
              events: [...noise, ...instances, ...logs],
              page,
              tool: TOOL,
              exportedAt: EXPORTED_AT,
              redaction: { maskAccounts: true, maskAppKeys: true },
            }),
          );

          const written = JSON.stringify(recording).toLowerCase();
          for (const secret of [...accounts, ...appKeys, ...appKeys.map(shorten)]) {
            expect(written).not.toContain(secret.toLowerCase());
          }
          // Coherent: an account's label in its getInstance is the label its log lines show.
          const labels = new Map<string, string>();
          for (const event of recording.events) {
            if (event.kind !== 'sdk.getInstance' || !event.instanceId?.startsWith('mask-')) continue;
            const index = Number(event.instanceId.slice('mask-'.length));
            labels.set(at(accounts, index), event.data.account as string);
            expect(event.data.options.account).toBe(event.data.account);
            expect(event.data.account).toMatch(/^account-\d+$/);
            expect(event.data.appKey).toMatch(/^appkey-\d+$/);
          }
          const maskedLogs = recording.events.filter((event) => event.seq >= 200_000);
          maskedLogs.forEach((event, index) => {
            const [accountIndex] = mentions[index] as [number, number, string, unknown];
            const label = labels.get(at(accounts, accountIndex)) as string;
            expect((event.data as { text: string }).text).toContain(`${label} k=appkey-`);
          });
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});
