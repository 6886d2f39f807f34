/**
 * The native pieces the socket hook calls, captured once at install (document_start, before any page script).
 * The hook never goes through the page-visible prototypes afterwards: a page that later patches
 * `addEventListener`, `dispatchEvent` or `setTimeout` (a mock library, fake timers) neither sees nor
 * disturbs the hook's own calls.
 */

/** What the socket hook needs of the page's global object; `window` satisfies it. */
export type SocketHookWindow = Pick<
  typeof globalThis,
  | 'WebSocket'
  | 'EventTarget'
  | 'MessageEvent'
  | 'CloseEvent'
  | 'URL'
  | 'ArrayBuffer'
  | 'Blob'
  | 'Function'
  | 'setTimeout'
  | 'queueMicrotask'
> & { readonly document?: { readonly baseURI: string } };

type Getter<T> = (this: WebSocket) => T;

export interface SocketNatives {
  readonly WebSocket: typeof WebSocket;
  readonly addEventListener: EventTarget['addEventListener'];
  readonly dispatchEvent: EventTarget['dispatchEvent'];
  readonly send: WebSocket['send'];
  readonly close: WebSocket['close'];
  readonly readyState: Getter<number>;
  readonly url: Getter<string>;
  readonly protocol: Getter<string>;
  readonly extensions: Getter<string>;
  readonly MessageEvent: typeof MessageEvent;
  readonly CloseEvent: typeof CloseEvent;
  readonly URL: typeof URL;
  /** `setTimeout` bound to the page's global object. */
  later(callback: () => void, ms: number): void;
  /** The native `queueMicrotask` (not a page's patched Promise: zone.js would run change detection for it). */
  microtask(callback: () => void): void;
  /** The document's base URL, which relative socket URLs resolve against. */
  baseUrl(): string | undefined;
}

/** Null when something the hook relies on is missing: the hook then leaves `WebSocket` alone. */
export function captureSocketNatives(win: SocketHookWindow): SocketNatives | null {
  const NativeWebSocket = win.WebSocket;
  if (typeof NativeWebSocket !== 'function' || typeof win.setTimeout !== 'function') return null;
  if (typeof win.queueMicrotask !== 'function') return null;
  const proto = NativeWebSocket.prototype;
  const target = win.EventTarget?.prototype;
  const addEventListener = target?.addEventListener;
  const dispatchEvent = target?.dispatchEvent;
  const send = proto.send;
  const close = proto.close;
  const readyState = getter<number>(proto, 'readyState');
  const url = getter<string>(proto, 'url');
  const protocol = getter<string>(proto, 'protocol');
  const extensions = getter<string>(proto, 'extensions');
  if (!addEventListener || !dispatchEvent || !readyState || !url || !protocol || !extensions) return null;
  if (typeof send !== 'function' || typeof close !== 'function') return null;
  if (!win.MessageEvent || !win.CloseEvent || !win.URL) return null;
  const nativeSetTimeout = win.setTimeout;
  const nativeQueueMicrotask = win.queueMicrotask;
  return {
    WebSocket: NativeWebSocket,
    addEventListener,
    dispatchEvent,
    send,
    close,
    readyState,
    url,
    protocol,
    extensions,
    MessageEvent: win.MessageEvent,
    CloseEvent: win.CloseEvent,
    URL: win.URL,
    later(callback, ms) {
      Reflect.apply(nativeSetTimeout, win, [callback, ms]);
    },
    microtask(callback) {
      Reflect.apply(nativeQueueMicrotask, win, [callback]);
    },
    baseUrl() {
      return win.document?.baseURI;
    },
  };
}

function getter<T>(proto: object, name: string): Getter<T> | undefined {
  return Object.getOwnPropertyDescriptor(proto, name)?.get;
}
