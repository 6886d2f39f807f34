/** Adapts a WebExtension runtime port to the `MessagePortLike` the browser-agnostic code speaks. */
import type { Runtime } from 'webextension-polyfill';
import type { MessagePortLike } from '../src/model/ports';

export function fromRuntimePort<In, Out>(port: Runtime.Port): MessagePortLike<In, Out> {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.onMessage.addListener((message) => listener(message as In)),
    onDisconnect: (listener) => port.onDisconnect.addListener(() => listener()),
    disconnect: () => port.disconnect(),
  };
}
