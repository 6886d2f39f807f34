/**
 * The v10 SDK generation: `nim-web-sdk-ng` (read from 10.8.1). Its browser build sets
 * `window.NIM = { default: <client class>, V2NIMConst }`; an app makes clients with
 * `NIM.default.getInstance(initOptions, otherOptions)` (one per appkey and account, throwing "Unexpected login"
 * for another) or `new NIM.default(…)` (any number). Either way the constructor ends with
 * `NIM.instance = this`: the hook traps that static, so it sees every client the moment it exists, however it
 * was made, without replacing the class (`instanceof`, subclasses and statics stay the SDK's).
 *
 * `register()` accepts the module, the class, or a client (a bundled app that made one before calling it).
 */
import type { SdkFlavour } from '../../../model/events';
import { readOwn } from '../../redact';
import { trapProperty } from '../globals';
import type { InstanceRecord } from '../instances';
import { readOption } from '../options';
import type { AdapterContext, SdkAdapter } from '../types';
import { adoptClient, announceReuse, type Clients, createClients } from './client';
import { type AnyFunction, replaceMethod } from './prototype-method';

export function createV10Adapter(): SdkAdapter {
  const instrumented = new WeakSet<object>();
  let clients: Clients | undefined;
  const adapter: SdkAdapter = {
    generation: 'v10',
    flavourOf(sdk, hint) {
      if (!clientClassOf(sdk)) return undefined;
      return hint === 'Chatroom' ? 'Chatroom' : 'NIM';
    },
    version(sdk) {
      const version = readOption(clientClassOf(sdk) ?? {}, 'sdkVersionFormat');
      return typeof version === 'string' ? version : undefined;
    },
    instrument(sdk, flavour: SdkFlavour, context) {
      clients ??= createClients(adapter, context);
      const clientClass = clientClassOf(sdk);
      if (!clientClass) return;
      if (!instrumented.has(clientClass)) {
        instrumented.add(clientClass);
        instrumentClass(clientClass, flavour, clients);
      }
      if (readOption(sdk, 'constructor') === clientClass) adoptClient(sdk, flavour, clients);
    },
    socketsOf,
  };
  return adapter;
}

/** The v10 client class `sdk` is, holds as `default` (the module), or made `sdk` (a client). */
function clientClassOf(sdk: object): object | undefined {
  if (isClientClass(sdk)) return sdk;
  const exported = readOption(sdk, 'default');
  if (isClientClass(exported)) return exported;
  const madeBy = readOption(sdk, 'constructor');
  return isClientClass(madeBy) ? madeBy : undefined;
}

/** Statics only the v10 class has together: v9's `NIM` has `getInstance` but neither of the others. */
function isClientClass(value: unknown): value is object {
  return (
    typeof value === 'function' &&
    typeof readOption(value, 'getInstance') === 'function' &&
    typeof readOption(value, 'registerService') === 'function' &&
    typeof readOption(value, 'sdkVersion') === 'number'
  );
}

function instrumentClass(clientClass: object, flavour: SdkFlavour, clients: Clients): void {
  const { context } = clients;
  trapProperty(clientClass, 'instance', (client) => {
    if (typeof client !== 'object' || client === null) return; // `destroy()` clears it
    context.core.guard('nim.v10.client', () => adoptClient(client, flavour, clients), undefined);
  });
  replaceMethod(
    clientClass,
    'getInstance',
    clients.replaced,
    context,
    (original: AnyFunction) =>
      function (this: unknown, ...args: unknown[]): unknown {
        if (context.frames.insideSdk()) return Reflect.apply(original, this, args);
        // The client the SDK would hand back (its latest), if the options match its account and appkey.
        const latest = context.registry.of(readOption(clientClass, 'instance'));
        let result: unknown;
        try {
          result = context.frames.run({ kind: 'sdk', instanceId: latest?.id }, () =>
            Reflect.apply(original, this, args),
          );
        } catch (error) {
          context.core.guard('nim.v10.getInstance', () => reportRefusal(error, latest, context), undefined);
          throw error;
        }
        context.core.guard(
          'nim.v10.getInstance',
          () => {
            const record = context.registry.of(result);
            if (record && record === latest && args[0] !== undefined) announceReuse(record, args[0], context);
          },
          undefined,
        );
        return result;
      },
  );
}

/**
 * `getInstance` threw: with options for another account or appkey while a client exists the SDK says
 * "Unexpected login" (only `destroy()` lets another account in), a v10 pitfall worth an event of its own.
 */
function reportRefusal(error: unknown, latest: InstanceRecord | undefined, context: AdapterContext): void {
  const message = readOption(typeof error === 'object' && error !== null ? error : {}, 'message');
  context.core.emit(
    'sdk.error',
    { event: 'getInstance', ...(typeof message === 'string' && { message: message.slice(0, 500) }) },
    { instanceId: latest?.id },
  );
}

/** A client's live WebSocket: `client.clientSocket.socket.websocket`, in both APIs and on both wires. */
function socketsOf(client: object): unknown[] {
  const socket = own(own(own(client, 'clientSocket'), 'socket'), 'websocket');
  return typeof socket === 'object' && socket !== null ? [socket] : [];
}

function own(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  const read = readOwn(object, key, false);
  return read.kind === 'value' ? read.value : undefined;
}
