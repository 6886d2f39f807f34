/**
 * The event model as data: one schema per event kind's `data`, and the event envelope. The relay checks what a
 * page sends with it; the recording format reads its files' events with it. `Fields<T>` makes each schema list
 * every field of the model's type, so a field or kind added to `events.ts` does not compile until the schema
 * knows it (and a reader of version 1 files keeps its promise).
 */
import {
  type CountsByKind,
  EVENT_KINDS,
  type EventDataByKind,
  type EventEnvelopeFields,
  type EventKind,
  type FaultKind,
  type LogLevel,
  type NimEvent,
  type SdkApi,
  type SdkFlavour,
  type SdkMethod,
  type SdkSource,
  type SdkVia,
} from './events';
import {
  array,
  boolean,
  either,
  enumOf,
  type Fields,
  isoDate,
  jsonObject,
  literal,
  number,
  object,
  optional,
  type Schema,
  text,
  typeName,
} from './schema';

const flavour = enumOf<SdkFlavour>({ NIM: true, Chatroom: true });
const source = enumOf<SdkSource>({
  'window.NIM': true,
  'window.SDK.NIM': true,
  'window.SDK.Chatroom': true,
  'window.Chatroom': true,
  register: true,
});
const method = enumOf<SdkMethod>({
  connect: true,
  disconnect: true,
  destroy: true,
  setOptions: true,
  logout: true,
  login: true,
  kickOffline: true,
  kick: true,
});
const api = enumOf<SdkApi>({ v1: true, v2: true });
const logLevel = enumOf<LogLevel>({ debug: true, log: true, info: true, warn: true, error: true });
const via = optional(enumOf<SdkVia>({ api: true, wire: true }));
const fault = enumOf<FaultKind>({ drop: true, offline: true, stall: true });
const count = number({ integer: true, min: 0 });
const duration = number({ min: 0 });
/** The SDK passes codes as given: numbers at login (302), strings once connected (`kicked`). */
const code = either(text(), number());

type Data<K extends EventKind> = EventDataByKind[K];

/** Per kind, only known kinds: what a cap dropped. */
const countsByKind = object<CountsByKind>(
  Object.fromEntries(EVENT_KINDS.map((kind) => [kind, optional(count)])) as Fields<CountsByKind>,
);

export const EVENT_DATA_SCHEMAS: { [K in EventKind]: Schema<Data<K>> } = {
  'sdk.detected': object<Data<'sdk.detected'>>({ flavour, source, version: optional(text()) }),
  'sdk.getInstance': object<Data<'sdk.getInstance'>>({
    flavour,
    account: optional(text()),
    appKey: optional(text()),
    reused: boolean(),
    changed: array(text()),
    options: jsonObject(),
    via,
    api: optional(api),
  }),
  'sdk.connect': object<Data<'sdk.connect'>>({
    connectionId: optional(text()),
    ip: optional(text()),
    port: optional(either(number(), text())),
    country: optional(text()),
    lastLoginDeviceId: optional(text()),
    customTag: optional(text()),
    via,
    event: optional(text()),
    status: optional(text()),
  }),
  'sdk.willReconnect': object<Data<'sdk.willReconnect'>>({
    retryCount: optional(number()),
    duration: optional(number()),
    via,
    event: optional(text()),
    status: optional(text()),
  }),
  'sdk.disconnect': object<Data<'sdk.disconnect'>>({
    code: optional(code),
    reason: optional(text()),
    message: optional(text()),
    willReconnect: optional(boolean()),
    from: optional(text()),
    custom: optional(text()),
    via,
    event: optional(text()),
  }),
  'sdk.error': object<Data<'sdk.error'>>({
    code: optional(code),
    message: optional(text()),
    via,
    event: optional(text()),
  }),
  'sdk.call': object<Data<'sdk.call'>>({
    method,
    callId: count,
    changed: optional(array(text())),
    inCallback: optional(text()),
    account: optional(text()),
  }),
  'sdk.done': object<Data<'sdk.done'>>({
    method,
    callId: count,
    afterMs: duration,
    error: optional(text()),
    code: optional(code),
  }),
  'sdk.status': object<Data<'sdk.status'>>({
    event: text(),
    status: optional(text()),
    detail: optional(jsonObject()),
    via,
  }),
  'sdk.log': object<Data<'sdk.log'>>({
    level: logLevel,
    text: text(),
    truncated: optional(boolean()),
    length: optional(count),
  }),
  'ws.create': object<Data<'ws.create'>>({ url: text(), protocols: array(text()), counted: optional(boolean()) }),
  'ws.open': object<Data<'ws.open'>>({ protocol: text(), extensions: text() }),
  'ws.close': object<Data<'ws.close'>>({ code: number({ integer: true }), reason: text(), wasClean: boolean() }),
  'ws.error': object<Data<'ws.error'>>({}),
  'ws.traffic': object<Data<'ws.traffic'>>({
    framesIn: count,
    framesOut: count,
    bytesIn: count,
    bytesOut: count,
    heartbeats: optional(count),
  }),
  'page.navigate': object<Data<'page.navigate'>>({
    url: text(),
    title: optional(text()),
    restoredFromCache: optional(boolean()),
  }),
  'devtools.dropped': object<Data<'devtools.dropped'>>({
    count,
    where: enumOf({ page: true, session: true }),
    byKind: optional(countsByKind),
  }),
  'devtools.rejected': object<Data<'devtools.rejected'>>({ count, reason: text() }),
  'devtools.hookError': object<Data<'devtools.hookError'>>({ count, where: text(), message: text() }),
  'fault.start': object<Data<'fault.start'>>({
    fault,
    durationMs: optional(duration),
    by: enumOf({ panel: true, page: true }),
  }),
  'fault.end': object<Data<'fault.end'>>({ fault }),
};

const ENVELOPE_FIELDS: Fields<EventEnvelopeFields> = {
  seq: count,
  t: number(),
  instanceId: optional(text()),
  socketId: optional(text()),
  frameId: optional(count),
  doc: optional(text()),
};

/** Looked up in a Map, so that a `kind` of `"constructor"` finds nothing rather than `Object.prototype`'s. */
const EVENT_SCHEMAS: ReadonlyMap<string, Schema<NimEvent>> = new Map(
  EVENT_KINDS.map((kind) => [
    kind,
    object<NimEvent>({ ...ENVELOPE_FIELDS, kind: literal(kind), data: EVENT_DATA_SCHEMAS[kind] } as Fields<NimEvent>),
  ]),
);

/** An event: its `kind` picks the schema of the rest. The relay checks what a page sends with it too. */
export const EVENT_SCHEMA: Schema<NimEvent> = {
  expected: 'object',
  accepts: ['object'],
  read(value, reader) {
    if (typeName(value) !== 'object') return reader.fail('wrong-type', `expected object, got ${typeName(value)}`);
    const kind = Object.hasOwn(value as object, 'kind') ? (value as { kind: unknown }).kind : undefined;
    const schema = typeof kind === 'string' ? EVENT_SCHEMAS.get(kind) : undefined;
    if (schema) return schema.read(value, reader);
    reader.path.push('kind');
    if (kind === undefined) return reader.fail('missing-field', 'missing (expected an event kind)');
    if (typeof kind !== 'string') return reader.fail('wrong-type', `expected string, got ${typeName(kind)}`);
    return reader.fail('unknown-kind', `unknown event kind ${JSON.stringify(kind.slice(0, 64))}`);
  },
};
