/**
 * Everything a page can observe about `WebSocket`, as one JSON snapshot. Run it on a page with the extension and
 * on one without: the two snapshots must be equal. The probe runs inside the page (one `page.evaluate`), needs
 * a WebSocket echo server (`startEchoServer`) and takes a few hundred milliseconds.
 */
import type { Page } from '@playwright/test';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface WebSocketSurface {
  /** `WebSocket` itself: name, length, statics, own keys, descriptors, printed source, global descriptor. */
  constructorSurface: Json;
  /** The errors thrown for misuse: call without `new`, bad URLs, bad protocols, `send`/`close` misuse. */
  errors: Json;
  /** What `url` reports for inputs the constructor normalizes. */
  urls: Json;
  /** A socket's own shape and defaults: instanceof, constructor, prototype, binaryType, readyState. */
  instance: Json;
  /** Subclassing and `new.target`. */
  subclass: Json;
  /** Every event every page listener saw, in order, through `on…` handlers and `addEventListener`. */
  events: Json;
  /** Steps that waited in vain (a socket that never opened, echoed or closed): empty on a healthy page. */
  timeouts: string[];
  /** How many sockets the probe constructed (the hook must have recorded as many `ws.create`). */
  socketsCreated: number;
}

export function probeWebSocketSurface(page: Page, wsUrl: string): Promise<WebSocketSurface> {
  return page.evaluate(runWebSocketProbe, wsUrl);
}

/**
 * The probe itself, for `evaluate` of any driver (Playwright, puppeteer for Firefox). It runs in the page, so it
 * must not close over anything of this module.
 */
export async function runWebSocketProbe(wsUrl: string): Promise<WebSocketSurface> {
  const print = (fn: unknown): string => Function.prototype.toString.call(fn);
  const thrown = (fn: () => unknown): Json => {
    try {
      fn();
      return 'nothing thrown';
    } catch (error) {
      const e = error as { name?: unknown; message?: unknown; code?: unknown; constructor?: { name?: unknown } };
      return {
        tag: Object.prototype.toString.call(error),
        constructor: String(e?.constructor?.name),
        name: String(e?.name),
        message: String(e?.message),
        code: typeof e?.code === 'number' ? e.code : null,
        isDOMException: error instanceof DOMException,
        isTypeError: error instanceof TypeError,
      };
    }
  };
  const describeFunction = (fn: unknown): Json =>
    typeof fn === 'function'
      ? {
          name: fn.name,
          length: fn.length,
          source: print(fn),
          // Sorted: SpiderMonkey lists a native function's lazily resolved `name`/`length` in the order they were
          // resolved, and a JIT-warm read resolves neither while a read through a Proxy resolves it, so the order
          // depends on engine state, not on the page. Which keys exist is what tells a wrapper apart.
          ownKeys: Reflect.ownKeys(fn).map(String).sort(),
          hasPrototype: Object.hasOwn(fn, 'prototype'),
          constructible: (() => {
            try {
              Reflect.construct(String, [], fn as new () => unknown);
              return true;
            } catch {
              return false;
            }
          })(),
        }
      : null;
  const describeProperty = (target: object, key: PropertyKey): Json => {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) return null;
    return {
      enumerable: descriptor.enumerable ?? null,
      configurable: descriptor.configurable ?? null,
      writable: descriptor.writable ?? null,
      valueType: 'value' in descriptor ? typeof descriptor.value : 'accessor',
      value: typeof descriptor.value === 'number' || typeof descriptor.value === 'string' ? descriptor.value : null,
      function: describeFunction(descriptor.value),
      get: describeFunction(descriptor.get),
      set: describeFunction(descriptor.set),
    };
  };
  const describeObject = (target: object): Json =>
    Object.fromEntries(Reflect.ownKeys(target).map((key) => [String(key), describeProperty(target, key)]));
  const describeData = (data: unknown): Json => {
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return { ArrayBuffer: Array.from(new Uint8Array(data)) };
    if (data instanceof Blob) return { Blob: data.size };
    return Object.prototype.toString.call(data);
  };
  // A broken wrapper must show up as a difference, not hang the probe: every wait gives up after 5 s.
  const timeouts: string[] = [];
  const within = <T>(label: string, promise: Promise<T>): Promise<T | undefined> =>
    Promise.race([
      promise,
      new Promise<undefined>((resolve) =>
        setTimeout(() => {
          timeouts.push(label);
          resolve(undefined);
        }, 5000),
      ),
    ]);
  const opened: WebSocket[] = [];
  const make = (...args: unknown[]): WebSocket => {
    const socket = new (WebSocket as unknown as new (...a: unknown[]) => WebSocket)(...args);
    opened.push(socket);
    return socket;
  };
  // Through the prototype: a socket built with another `new.target` may not inherit these.
  const readyStateOf = (socket: WebSocket): number =>
    Object.getOwnPropertyDescriptor(WebSocket.prototype, 'readyState')?.get?.call(socket);
  const settle = (socket: WebSocket) =>
    new Promise<void>((resolve) => {
      if (readyStateOf(socket) === WebSocket.CLOSED) resolve();
      else EventTarget.prototype.addEventListener.call(socket, 'close', () => resolve());
    });

  const globalDescriptor = Object.getOwnPropertyDescriptor(window, 'WebSocket');
  const constructorSurface: Json = {
    typeof: typeof WebSocket,
    function: describeFunction(WebSocket),
    string: String(WebSocket),
    statics: [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED],
    ownNames: Object.getOwnPropertyNames(WebSocket),
    prototypeNames: Object.getOwnPropertyNames(WebSocket.prototype),
    prototypeSymbols: Object.getOwnPropertySymbols(WebSocket.prototype).map(String),
    ownProperties: describeObject(WebSocket),
    prototypeProperties: describeObject(WebSocket.prototype),
    prototypeConstructorIsWebSocket: WebSocket.prototype.constructor === WebSocket,
    prototypeOfConstructorIsEventTarget: Object.getPrototypeOf(WebSocket) === EventTarget,
    prototypeOfPrototypeIsEventTargetPrototype: Object.getPrototypeOf(WebSocket.prototype) === EventTarget.prototype,
    extensible: [Object.isExtensible(WebSocket), Object.isExtensible(WebSocket.prototype)],
    // Two reads give the same function (a wrapper built per read would not).
    sendIsStable: [WebSocket.prototype.send, WebSocket.prototype.send].every((send, _, [first]) => send === first),
    global: {
      enumerable: globalDescriptor?.enumerable ?? null,
      configurable: globalDescriptor?.configurable ?? null,
      writable: globalDescriptor?.writable ?? null,
      valueIsWebSocket: globalDescriptor?.value === WebSocket,
      inWindowKeys: Object.keys(window).includes('WebSocket'),
    },
    functionToString: describeProperty(Function.prototype, 'toString'),
    functionToStringOfItself: print(Function.prototype.toString),
    eventTargetPrototype: describeObject(EventTarget.prototype),
  };

  let converted = 0;
  const countingUrl = {
    toString() {
      converted++;
      return wsUrl;
    },
  };
  const connecting = make(wsUrl);
  const errors: Json = {
    callWithoutNew: thrown(() => (WebSocket as unknown as (url: string) => unknown)(wsUrl)),
    noArguments: thrown(() => make()),
    invalidUrl: thrown(() => make('not a url')),
    emptyHost: thrown(() => make('ws://')),
    wrongScheme: thrown(() => make('ftp://127.0.0.1/')),
    fragment: thrown(() => make(`${wsUrl}#fragment`)),
    emptyFragment: thrown(() => make(`${wsUrl}#`)),
    symbolUrl: thrown(() => make(Symbol('url'))),
    duplicateProtocols: thrown(() => make(wsUrl, ['chat', 'chat'])),
    invalidProtocol: thrown(() => make(wsUrl, 'not a token')),
    sendOnPlainObject: thrown(() => WebSocket.prototype.send.call({} as WebSocket, 'x')),
    sendWithoutArguments: thrown(() => (connecting.send as () => void)()),
    sendWhileConnecting: thrown(() => connecting.send('x')),
    closeOnPlainObject: thrown(() => WebSocket.prototype.close.call({} as WebSocket)),
    closeWithInvalidCode: thrown(() => connecting.close(1)),
    closeWithLongReason: thrown(() => connecting.close(1000, 'x'.repeat(124))),
    sendAsConstructor: thrown(() => new (WebSocket.prototype.send as unknown as new (data: string) => unknown)('x')),
    urlGetterOnPlainObject: thrown(() => Object.getOwnPropertyDescriptor(WebSocket.prototype, 'url')?.get?.call({})),
    toStringOnPlainObject: thrown(() => Function.prototype.toString.call({})),
    urlObjectConvertedOnce: thrown(() => make(countingUrl)),
  };
  (errors as { [key: string]: Json }).toStringCalls = converted;

  const httpUrl = wsUrl.replace(/^ws:/, 'http:');
  const urls: Json = [
    wsUrl,
    httpUrl,
    `${httpUrl.toUpperCase().replace('/ECHO', '/echo')}?q=a b`,
    '/relative/path?x=1',
    new URL(wsUrl) as unknown as string,
  ].map((input) => {
    const socket = make(input);
    return { input: String(input), url: socket.url };
  });

  const instanceSocket = make(wsUrl, ['chat', 'superchat']);
  const instanceBefore = {
    instanceofWebSocket: instanceSocket instanceof WebSocket,
    instanceofEventTarget: instanceSocket instanceof EventTarget,
    constructorIsWebSocket: instanceSocket.constructor === WebSocket,
    prototypeIsWebSocketPrototype: Object.getPrototypeOf(instanceSocket) === WebSocket.prototype,
    ownKeys: Reflect.ownKeys(instanceSocket).map(String),
    forInKeys: (() => {
      const keys: string[] = [];
      for (const key in instanceSocket) keys.push(key);
      return keys;
    })(),
    tag: Object.prototype.toString.call(instanceSocket),
    json: JSON.stringify(instanceSocket),
    readyState: instanceSocket.readyState,
    binaryType: instanceSocket.binaryType,
    bufferedAmount: instanceSocket.bufferedAmount,
    protocol: instanceSocket.protocol,
    extensions: instanceSocket.extensions,
    handlers: [instanceSocket.onopen, instanceSocket.onmessage, instanceSocket.onerror, instanceSocket.onclose].map(
      (handler) => handler === null,
    ),
  };
  instanceSocket.binaryType = 'arraybuffer';
  const afterArrayBuffer = instanceSocket.binaryType;
  (instanceSocket as { binaryType: string }).binaryType = 'bogus';
  await within('instance open', new Promise((resolve) => instanceSocket.addEventListener('open', resolve)));
  const instance: Json = {
    ...instanceBefore,
    binaryTypeAfterSet: afterArrayBuffer,
    binaryTypeAfterBogus: instanceSocket.binaryType,
    openReadyState: instanceSocket.readyState,
    negotiatedProtocol: instanceSocket.protocol,
    extensionsAfterOpen: instanceSocket.extensions,
  };

  class Tagged extends WebSocket {
    static readonly kind = 'tagged';
    readonly newTargetIsTagged: boolean;
    constructor(url: string) {
      super(url);
      this.newTargetIsTagged = new.target === Tagged;
    }
    hello(): string {
      return 'hello';
    }
  }
  const tagged = new Tagged(wsUrl);
  opened.push(tagged);
  function Plain() {}
  const viaReflect = Reflect.construct(WebSocket, [wsUrl], Plain) as WebSocket;
  opened.push(viaReflect);
  const taggedEcho = await within(
    'subclass echo',
    new Promise<Json>((resolve) => {
      tagged.onopen = () => tagged.send('to subclass');
      tagged.onmessage = (event) => resolve(describeData(event.data));
    }),
  );
  const subclass: Json = {
    instanceofTagged: tagged instanceof Tagged,
    instanceofWebSocket: tagged instanceof WebSocket,
    prototypeIsTaggedPrototype: Object.getPrototypeOf(tagged) === Tagged.prototype,
    constructorIsTagged: tagged.constructor === Tagged,
    newTargetIsTagged: tagged.newTargetIsTagged,
    ownKeys: Reflect.ownKeys(tagged).map(String),
    method: tagged.hello(),
    inheritedStatic: Tagged.OPEN,
    ownStatic: Tagged.kind,
    classPrototypeOf: Object.getPrototypeOf(Tagged) === WebSocket,
    echo: taggedEcho ?? null,
    reflectPrototypeIsPlain: Object.getPrototypeOf(viaReflect) === Plain.prototype,
    reflectInstanceofWebSocket: viaReflect instanceof WebSocket,
    reflectTag: Object.prototype.toString.call(viaReflect),
    reflectUrl: Object.getOwnPropertyDescriptor(WebSocket.prototype, 'url')?.get?.call(viaReflect) ?? null,
  };

  const log: Json[] = [];
  const describeEvent = (listener: string, event: Event, self: unknown, socket: WebSocket): Json => {
    const message = event as MessageEvent;
    const close = event as CloseEvent;
    return {
      listener,
      type: event.type,
      constructor: event.constructor.name,
      trusted: event.isTrusted,
      phase: event.eventPhase,
      targetIsSocket: event.target === socket && event.currentTarget === socket,
      thisIsSocket: self === socket,
      bubbles: event.bubbles,
      cancelable: event.cancelable,
      composed: event.composed,
      readyState: socket.readyState,
      data: 'data' in event ? describeData(message.data) : null,
      origin: 'origin' in event ? message.origin : null,
      lastEventId: 'lastEventId' in event ? message.lastEventId : null,
      ports: 'ports' in event ? message.ports.length : null,
      sourceIsNull: 'source' in event ? message.source === null : null,
      code: 'code' in event ? close.code : null,
      reason: 'reason' in event ? close.reason : null,
      wasClean: 'wasClean' in event ? close.wasClean : null,
    };
  };
  const runConversation = (binaryType: BinaryType, script: (socket: WebSocket) => void, name: string, url = wsUrl) =>
    within(
      name,
      new Promise<void>((resolve) => {
        const socket = make(url);
        socket.binaryType = binaryType;
        const listen = (label: string) =>
          function (this: unknown, event: Event) {
            log.push(describeEvent(`${name}:${label}`, event, this, socket));
          };
        socket.onopen = listen('onopen');
        socket.addEventListener('open', listen('open'));
        socket.addEventListener('open', () => script(socket));
        socket.addEventListener('message', listen('once'), { once: true });
        socket.onmessage = listen('onmessage-first');
        socket.addEventListener('message', listen('message'));
        socket.addEventListener('message', (event) => {
          if (event.data === 'stop') event.stopImmediatePropagation();
        });
        socket.addEventListener('message', listen('after-stopper'));
        socket.onmessage = listen('onmessage-replaced'); // keeps the first handler's place
        socket.onerror = listen('onerror');
        socket.addEventListener('error', listen('error'));
        socket.onclose = listen('onclose');
        socket.addEventListener('close', listen('close'));
        socket.addEventListener('close', () => resolve());
      }),
    );
  await runConversation(
    'blob',
    (socket) => {
      socket.send('one');
      socket.send('stop');
      socket.send('héllo €😀');
      socket.send(new Uint8Array([1, 2, 3]));
      socket.send('close:4001:bye');
    },
    'blob',
  );
  await runConversation(
    'arraybuffer',
    (socket) => {
      socket.send(new Uint8Array([4, 5]).buffer);
      socket.send(new Blob(['blob!']));
      socket.send('terminate');
    },
    'arraybuffer',
  );
  await runConversation(
    'blob',
    (socket) => {
      socket.addEventListener('message', () => socket.close(), { once: true });
      socket.send('x');
    },
    'client-close',
  );
  // Port 1 is refused by the browser itself: error, then close 1006, without any network.
  await runConversation('blob', () => {}, 'failed', 'ws://127.0.0.1:1/');
  const events: Json = log;

  for (const socket of opened) {
    if (readyStateOf(socket) < WebSocket.CLOSING) WebSocket.prototype.close.call(socket);
  }
  await within('all closed', Promise.all(opened.map(settle)));
  return { constructorSurface, errors, urls, instance, subclass, events, timeouts, socketsCreated: opened.length };
}
