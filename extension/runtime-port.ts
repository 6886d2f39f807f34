/** Adapts a WebExtension runtime port to the `MessagePortLike` the browser-agnostic code speaks. */
import type { MessagePortLike } from '../src/model/ports';

/** What both a webextension-polyfill port and a plain `chrome.runtime.Port` offer. */
interface RuntimePort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export function fromRuntimePort<In, Out>(port: RuntimePort): MessagePortLike<In, Out> {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.onMessage.addListener((message) => listener(message as In)),
    onDisconnect: (listener) => port.onDisconnect.addListener(() => listener()),
    disconnect: () => port.disconnect(),
  };
}
