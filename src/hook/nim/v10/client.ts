/**
 * One v10 client (`new NIM.default(…)` / `getInstance`) made known to the hook: an instance record, its
 * `sdk.getInstance` event, and the instrumentation of what it reaches — replaced on prototypes, once each, so
 * that the client and its services show no new own property:
 * - the client (`NIM.prototype`): `connect`, `disconnect`, `destroy`, `kick`, `setOptions`, and, for a client
 *   of the V1-compatible API, `emit`, which carries its events (`nim.on('logined' | …)`);
 * - for a V2 client, its `V2NIMLoginService`: `login`, `logout`, `kickOffline`, and `emit` (the V2 events);
 * - its `Logger`: `formatArgs` (`logger.ts`).
 *
 * Events are observed in `emit`, before the SDK's own `emit` runs: the app's listeners are never wrapped, so
 * what they receive, their order, `off` and `removeAllListeners` are the SDK's alone. While the SDK's `emit`
 * runs, a page frame names the event, so that a call the app makes from its listener says so (`inCallback`).
 */
import type { SdkApi, SdkFlavour, SdkMethod } from '../../../model/events';
import { maskValue } from '../../../model/secrets';
import { findSecrets, readOwn, redact } from '../../redact';
import { emitFor, type InstanceTarget, secretsOf } from '../callbacks';
import { type InstanceRecord, noteOptions } from '../instances';
import { readOption } from '../options';
import type { AdapterContext, SdkAdapter } from '../types';
import { type CallDetails, reportCall } from './calls';
import { type DescribeEvent, describeV1Event, describeV2Event, V1_EVENTS, V2_LOGIN_EVENTS } from './listener-events';
import { type LoggerOwners, observeLogger } from './logger';
import { type AnyFunction, type ReplacedMethods, replaceMethod } from './prototype-method';

const CLIENT_METHODS: readonly SdkMethod[] = ['connect', 'disconnect', 'destroy', 'kick', 'setOptions'];
const LOGIN_SERVICE_METHODS: readonly SdkMethod[] = ['login', 'logout', 'kickOffline'];

/** What the clients of one adapter share: the replaced prototypes, and whose each emitter and logger is. */
export interface Clients {
  adapter: SdkAdapter;
  context: AdapterContext;
  replaced: ReplacedMethods;
  /** V1-compatible clients, and V2 clients' login services, by the object whose `emit` carries their events. */
  emitters: WeakMap<object, InstanceTarget>;
  loggers: LoggerOwners;
}

export function createClients(adapter: SdkAdapter, context: AdapterContext): Clients {
  return { adapter, context, replaced: new WeakMap(), emitters: new WeakMap(), loggers: new WeakMap() };
}

/** Makes `client` known and instruments what it reaches; a client already known is left as it is. */
export function adoptClient(client: object, flavour: SdkFlavour, clients: Clients): InstanceRecord {
  const { context } = clients;
  const known = context.registry.of(client);
  if (known) return known;
  const record = context.registry.create(client, flavour, clients.adapter);
  const target: InstanceTarget = { record, pending: undefined, given: { secrets: [], masked: [] } };
  const options = ownObject(client, 'options');
  const api: SdkApi = readOption(options, 'apiVersion') === 'v2' ? 'v2' : 'v1';
  announce(record, api, options, ownObject(client, 'otherOptions'), context);

  const recordOf = (self: unknown) => context.registry.of(self);
  for (const method of CLIENT_METHODS) replaceCall(client, method, recordOf, clients);
  if (api === 'v2') {
    const service = ownObject(client, 'V2NIMLoginService');
    clients.emitters.set(service, target);
    const serviceRecord = (self: unknown) => emitterTarget(self, clients)?.record;
    for (const method of LOGIN_SERVICE_METHODS) replaceCall(service, method, serviceRecord, clients);
    replaceEmit(service, V2_LOGIN_EVENTS, describeV2Event, clients);
  } else {
    clients.emitters.set(client, target);
    replaceEmit(client, V1_EVENTS, describeV1Event, clients);
  }
  observeLogger(ownObject(client, 'logger'), target, clients.loggers, clients.replaced, context);
  return record;
}

/**
 * `sdk.getInstance` for a client the SDK just made, with its options as the SDK holds them (defaults merged in,
 * redacted): v10 splits them in two (`getInstance(initOptions, otherOptions)`), shown together as v9's are.
 */
function announce(record: InstanceRecord, api: SdkApi, options: object, other: object, context: AdapterContext) {
  noteOptions(record, options, findSecrets(options), context.fingerprint, false);
  const appkey = readOption(options, 'appkey');
  if (typeof appkey === 'string') {
    record.appKey = maskValue(appkey);
    record.masked.add(appkey);
  }
  emitGetInstance(record, { ...options, ...other }, { reused: false, changed: [], api }, context);
}

/** `getInstance` handed back a client the hook knows: the options it was given now, and what they changed. */
export function announceReuse(record: InstanceRecord, options: unknown, context: AdapterContext): void {
  const given = typeof options === 'object' && options !== null ? options : {};
  const changed = noteOptions(record, given, findSecrets(given), context.fingerprint, true);
  emitGetInstance(record, given, { reused: true, changed }, context);
}

function emitGetInstance(
  record: InstanceRecord,
  options: object,
  how: { reused: boolean; changed: string[]; api?: SdkApi },
  context: AdapterContext,
): void {
  const shown = redact(options, { secrets: [...record.secrets], masked: [...record.masked] });
  context.core.emit(
    'sdk.getInstance',
    {
      flavour: record.flavour,
      ...(record.account !== undefined && { account: record.account }),
      ...(record.appKey !== undefined && { appKey: record.appKey }),
      ...how,
      options: typeof shown === 'object' && shown !== null && !Array.isArray(shown) ? shown : {},
    },
    { instanceId: record.id },
  );
}

function replaceCall(
  holder: object,
  method: SdkMethod,
  recordOf: (self: unknown) => InstanceRecord | undefined,
  clients: Clients,
): void {
  const { context } = clients;
  replaceMethod(
    holder,
    method,
    clients.replaced,
    context,
    (original: AnyFunction) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const record = recordOf(this);
        if (!record || context.frames.insideSdk()) return Reflect.apply(original, this, args);
        const details = context.core.guard('nim.v10.arguments', () => noteArguments(method, args, record, context), {});
        return reportCall(context, record, method, details, () => Reflect.apply(original, this, args));
      },
  );
}

/**
 * What a call's arguments tell before the SDK runs: `login(accountId, token)` names the account, and its token
 * joins the secrets scrubbed from every line (the SDK logs it in the login packet at `debugLevel: 'debug'`);
 * `setOptions` may bring a new token too.
 */
function noteArguments(method: SdkMethod, args: unknown[], record: InstanceRecord, context: AdapterContext) {
  const details: CallDetails = {};
  const [first, second] = args;
  if (method === 'login') {
    if (typeof first === 'string') record.account = details.account = first;
    if (typeof second === 'string' && second !== '') record.secrets.add(second);
  } else if (method === 'setOptions' && typeof first === 'object' && first !== null) {
    details.changed = noteOptions(record, first, findSecrets(first), context.fingerprint, true);
  }
  return details;
}

function replaceEmit(holder: object, names: ReadonlySet<string>, toEvents: DescribeEvent, clients: Clients): void {
  const { context } = clients;
  replaceMethod(
    holder,
    'emit',
    clients.replaced,
    context,
    (original: AnyFunction) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const [name] = args;
        const target = typeof name === 'string' && names.has(name) ? emitterTarget(this, clients) : undefined;
        if (!target || typeof name !== 'string') return Reflect.apply(original, this, args);
        context.core.guard(
          'nim.v10.emit',
          () => toEvents(name, args.slice(1), secretsOf(target), (kind, data) => emitFor(context, target, kind, data)),
          undefined,
        );
        const frame = { kind: 'page', callback: name, instanceId: target.record?.id } as const;
        return context.frames.run(frame, () => Reflect.apply(original, this, args));
      },
  );
}

function emitterTarget(self: unknown, clients: Clients): InstanceTarget | undefined {
  return typeof self === 'object' && self !== null ? clients.emitters.get(self) : undefined;
}

/** An own data property holding an object, or an empty object: no getter of the page runs. */
function ownObject(object: object, key: string): object {
  const read = readOwn(object, key, false);
  return read.kind === 'value' && typeof read.value === 'object' && read.value !== null ? read.value : {};
}
