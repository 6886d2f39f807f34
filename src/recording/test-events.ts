/**
 * Test support for the recording tests: a small realistic session, and fast-check arbitraries for any valid event
 * (every kind, every optional field present or not, odd Unicode in every text).
 */
import fc from 'fast-check';
import {
  EVENT_KINDS,
  type EventDataByKind,
  type EventKind,
  type Json,
  type NimEvent,
  type SdkFlavour,
} from '../model/events';
import type { RecordingPage, RecordingTool } from './format';

export const TOOL: RecordingTool = { name: 'nim-devtools', version: '0.1.0' };
export const PAGE: RecordingPage = { url: 'https://im.example.com/chat', userAgent: 'Mozilla/5.0 (X11; Linux) Test' };
export const EXPORTED_AT = new Date('2025-11-26T01:22:03.120Z');

/** A NIM login that gets kicked: the shape of what a real session records. */
export function sampleEvents(): NimEvent[] {
  const t0 = 1_764_120_000_000;
  return [
    {
      seq: 1,
      t: t0,
      kind: 'sdk.detected',
      doc: 'ab12',
      data: { flavour: 'NIM', source: 'window.NIM', version: '9.21.12' },
    },
    {
      seq: 2,
      t: t0 + 5,
      kind: 'sdk.getInstance',
      doc: 'ab12',
      instanceId: 'ab12-i1',
      data: {
        flavour: 'NIM',
        account: 'alice',
        appKey: '45c6…e1f2',
        reused: false,
        changed: [],
        options: { account: 'alice', token: '[redacted]', debug: false, onconnect: '[function]' },
      },
    },
    {
      seq: 3,
      t: t0 + 9,
      kind: 'ws.create',
      doc: 'ab12',
      instanceId: 'ab12-i1',
      socketId: 'ab12-s1',
      data: { url: 'ws://127.0.0.1:9000/websocket', protocols: [] },
    },
    {
      seq: 4,
      t: t0 + 12,
      kind: 'ws.open',
      doc: 'ab12',
      socketId: 'ab12-s1',
      data: { protocol: '', extensions: '' },
    },
    {
      seq: 5,
      t: t0 + 40.5,
      kind: 'sdk.connect',
      doc: 'ab12',
      instanceId: 'ab12-i1',
      data: { connectionId: 'c-1', ip: '127.0.0.1', port: 9000 },
    },
    {
      seq: 6,
      t: t0 + 41,
      kind: 'sdk.log',
      doc: 'ab12',
      instanceId: 'ab12-i1',
      data: { level: 'info', text: '[NIM INFO 11-26 00:30:12:750 IM]  link::notifyLogin: on connect' },
    },
    {
      seq: 7,
      t: t0 + 2000,
      kind: 'sdk.disconnect',
      doc: 'ab12',
      instanceId: 'ab12-i1',
      data: { code: 'kicked', reason: 'samePlatformKick', from: 'Web', willReconnect: false },
    },
    {
      seq: 8,
      t: t0 + 2003,
      kind: 'ws.close',
      doc: 'ab12',
      socketId: 'ab12-s1',
      data: { code: 1000, reason: '', wasClean: true },
    },
  ];
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** ASCII most of the time, sometimes any UTF-16 code unit (lone surrogates included). */
export const textArb = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));
/** -0 does not survive JSON (it is written `0`): the recording normalises it, so inputs leave it out. */
const withoutNegativeZero = (value: number) => (value === 0 ? 0 : value);
const finiteArb = fc.double({ noNaN: true, noDefaultInfinity: true }).map(withoutNegativeZero);
const countArb = fc.nat({ max: 1_000_000 });
const keyArb = fc.oneof(
  fc.constantFrom('account', 'appKey', 'debug', 'token', 'db', 'socketUrl'),
  fc.string({ maxLength: 8 }).filter((key) => !FORBIDDEN.has(key)),
);

export const jsonArb: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    finiteArb,
    textArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

const flavourArb = fc.constantFrom<SdkFlavour>('NIM', 'Chatroom');
const methodArb = fc.constantFrom(
  'connect',
  'disconnect',
  'destroy',
  'setOptions',
  'logout',
  'login',
  'kickOffline',
  'kick' as const,
);
const codeArb = fc.oneof(textArb, fc.integer());
const faultArb = fc.constantFrom('drop', 'offline', 'stall' as const);
const viaArb = fc.constantFrom('api', 'wire' as const);

/** `fc.record` with every key optional except `required`. */
function partial<T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[] = []) {
  return fc.record(model, { requiredKeys: required });
}

const DATA_ARBS: { [K in EventKind]: fc.Arbitrary<EventDataByKind[K]> } = {
  'sdk.detected': partial(
    {
      flavour: flavourArb,
      source: fc.constantFrom(
        'window.NIM',
        'window.SDK.NIM',
        'window.SDK.Chatroom',
        'window.Chatroom',
        'register' as const,
      ),
      version: fc.constantFrom('9.21.12', '8.9.132', '10.0.0'),
    },
    ['flavour', 'source'],
  ),
  'sdk.getInstance': partial(
    {
      flavour: flavourArb,
      account: textArb,
      appKey: textArb,
      reused: fc.boolean(),
      changed: fc.array(textArb, { maxLength: 3 }),
      options: fc.dictionary(keyArb, jsonArb, { maxKeys: 5, noNullPrototype: true }),
      via: viaArb,
      api: fc.constantFrom('v1', 'v2' as const),
    },
    ['flavour', 'reused', 'changed', 'options'],
  ),
  'sdk.connect': partial({
    connectionId: textArb,
    ip: textArb,
    port: fc.oneof(fc.integer({ min: 0, max: 65535 }), textArb),
    country: textArb,
    lastLoginDeviceId: textArb,
    customTag: textArb,
    via: viaArb,
    event: textArb,
    status: textArb,
  }),
  'sdk.willReconnect': partial({
    retryCount: finiteArb,
    duration: finiteArb,
    via: viaArb,
    event: textArb,
    status: textArb,
  }),
  'sdk.disconnect': partial({
    code: codeArb,
    reason: textArb,
    message: textArb,
    willReconnect: fc.boolean(),
    from: textArb,
    custom: textArb,
    via: viaArb,
    event: textArb,
  }),
  'sdk.error': partial({ code: codeArb, message: textArb, via: viaArb, event: textArb }),
  'sdk.call': partial(
    {
      method: methodArb,
      callId: countArb,
      changed: fc.array(textArb, { maxLength: 3 }),
      inCallback: textArb,
      account: textArb,
    },
    ['method', 'callId'],
  ),
  'sdk.done': partial(
    {
      method: methodArb,
      callId: countArb,
      afterMs: fc.double({ min: 0, max: 1e6, noNaN: true }).map(withoutNegativeZero),
      error: textArb,
      code: codeArb,
    },
    ['method', 'callId', 'afterMs'],
  ),
  'sdk.status': partial(
    { event: textArb, status: textArb, detail: fc.dictionary(keyArb, jsonArb, { maxKeys: 3, noNullPrototype: true }) },
    ['event'],
  ),
  'sdk.log': fc.record({ level: fc.constantFrom('debug', 'log', 'info', 'warn', 'error' as const), text: textArb }),
  'ws.create': fc.record({ url: textArb, protocols: fc.array(textArb, { maxLength: 2 }) }),
  'ws.open': fc.record({ protocol: textArb, extensions: textArb }),
  'ws.close': fc.record({ code: fc.integer({ min: 1000, max: 4999 }), reason: textArb, wasClean: fc.boolean() }),
  'ws.error': fc.constant({}),
  'ws.traffic': partial(
    { framesIn: countArb, framesOut: countArb, bytesIn: countArb, bytesOut: countArb, heartbeats: countArb },
    ['framesIn', 'framesOut', 'bytesIn', 'bytesOut'],
  ),
  'page.navigate': partial({ url: textArb, title: textArb, restoredFromCache: fc.boolean() }, ['url']),
  'devtools.dropped': fc.record({ count: countArb, where: fc.constantFrom('page', 'session' as const) }),
  'devtools.rejected': fc.record({ count: countArb, reason: textArb }),
  'devtools.hookError': fc.record({ count: countArb, where: textArb, message: textArb }),
  'fault.start': partial({ fault: faultArb, durationMs: fc.nat(), by: fc.constantFrom('panel', 'page' as const) }, [
    'fault',
    'by',
  ]),
  'fault.end': fc.record({ fault: faultArb }),
};

const instanceIdArb = fc.stringMatching(/^[a-z0-9]{4}-i[0-9]$/);
const socketIdArb = fc.stringMatching(/^[a-z0-9]{4}-s[0-9]$/);
const docArb = fc.stringMatching(/^[a-z0-9]{4}$/);

/** Built once per kind (an arbitrary made inside `chain` would be rebuilt, regexes and all, for every value). */
const eventWithoutSeqArb = fc.oneof(
  ...EVENT_KINDS.map((kind) =>
    partial(
      {
        kind: fc.constant(kind),
        data: DATA_ARBS[kind] as fc.Arbitrary<Json>,
        t: finiteArb,
        instanceId: instanceIdArb,
        socketId: socketIdArb,
        frameId: fc.nat({ max: 50 }),
        doc: docArb,
      },
      ['kind', 'data', 't'],
    ),
  ),
) as unknown as fc.Arbitrary<Omit<NimEvent, 'seq'>>;

/** Valid events with distinct seqs, in shuffled order (createRecording sorts them). */
export const eventsArb: fc.Arbitrary<NimEvent[]> = fc
  .array(fc.tuple(eventWithoutSeqArb, fc.integer({ min: 1, max: 1000 })), { maxLength: 25 })
  .map((pairs) => {
    let seq = 0;
    return pairs.map(([event, gap]) => {
      seq += gap;
      return { ...event, seq } as NimEvent;
    });
  })
  .chain((events) => fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));

export const pageArb: fc.Arbitrary<RecordingPage> = partial<RecordingPage>(
  { url: textArb, userAgent: textArb, title: textArb },
  ['url', 'userAgent'],
);
