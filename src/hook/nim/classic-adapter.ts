/**
 * The classic SDK generation: `@yxim/nim-web-sdk` 8.x and 9.x (`NIM.getInstance(options)` with `on…`
 * callbacks in the options; Chatroom alike). Read from the 8.9.132 and 9.21.12 builds.
 */
import type { SdkFlavour } from '../../model/events';
import { append } from '../../model/intrinsics';
import { readOwn } from '../redact';
import { wrapGetInstance } from './get-instance';
import { instrumentMethods } from './methods';
import { readOption } from './options';
import type { SdkAdapter } from './types';

export function createClassicAdapter(): SdkAdapter {
  const replacedMethods = new WeakMap<object, Set<string>>();
  const adapter: SdkAdapter = {
    generation: 'classic',
    flavourOf(sdk, hint) {
      if (typeof readOption(sdk, 'getInstance') !== 'function') return undefined;
      // Chatroom's prototype has the chatroom API; the global's name only helps when the shape says nothing.
      return isChatroom(sdk) ? 'Chatroom' : (hint ?? 'NIM');
    },
    version(sdk) {
      // `NIM.info = { version: '9.21.12', sdkVersion: '92112', sdkHumanVersion, hash, … }`.
      const info = readOption(sdk, 'info');
      if (typeof info !== 'object' || info === null) return undefined;
      const version = readOption(info, 'version') ?? readOption(info, 'sdkHumanVersion');
      return typeof version === 'string' ? version : undefined;
    },
    instrument(sdk, flavour: SdkFlavour, context) {
      wrapGetInstance(sdk, flavour, context, {
        adapter,
        onNewInstance: (instance) => instrumentMethods(instance, context, replacedMethods),
      });
    },
    socketsOf,
  };
  return adapter;
}

function isChatroom(sdk: object): boolean {
  const prototype = readOption(sdk, 'prototype');
  return (
    typeof prototype === 'object' && prototype !== null && typeof readOption(prototype, 'getChatroom') === 'function'
  );
}

/**
 * Where an instance keeps its WebSocket (9.21 source, same in 8.9 and Chatroom):
 * - `instance.protocol.imsocket.sockets[i]` are the connection attempts of the current connect, each an
 *   `IMWebSocket` whose `.websocket` is the `WebSocket` it made with `new WebSocket(url)`;
 * - `instance.protocol.socket` is the attempt that connected.
 * With `binaryWebsocket: false` (or without TextDecoder) an attempt is a socket.io client instead, its
 * WebSocket at `.socket.transport.websocket`. The SDK sets `.websocket` right after the constructor returns
 * and clears it (`_clean`) when the socket errors or closes: ask while the socket is alive.
 * Only own data properties are read: no getter of the page runs.
 */
function socketsOf(instance: object): unknown[] {
  const protocol = own(instance, 'protocol');
  const sockets = own(own(protocol, 'imsocket'), 'sockets');
  const attempts = [own(protocol, 'socket'), ...(Array.isArray(sockets) ? sockets : [])];
  const found: unknown[] = [];
  for (const attempt of attempts) {
    append(found, own(attempt, 'websocket'), own(own(own(attempt, 'socket'), 'transport'), 'websocket'));
  }
  return found.filter((socket) => typeof socket === 'object' && socket !== null);
}

function own(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  const read = readOwn(object, key, false);
  return read.kind === 'value' ? read.value : undefined;
}
