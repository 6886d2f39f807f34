// A page that attacks the page hook through everything the hook reads (e2e/hostile-page.spec.ts). It runs in
// <head>, after the hook installed and, maybe, before the relay's handshake reached it:
// - thieves on MessageEvent / MessagePort / Event try to catch the hook's private port and messages;
// - spies replace the builtins a hook would call after install and note every call whose caller is extension
//   code (a hook calling a page-replaced builtin could be broken or read by the page);
// - a fake SDK, registered with `window.__NIM_DEVTOOLS__?.register()`, hands the hook's callbacks and logFunc
//   hostile values: throwing getters, Proxies (throwing traps, revoked), cycles, 10 MB strings, symbol keys,
//   toJSON / valueOf traps, deep and wide objects.
// `window.hostile.run()` returns what the page itself observed, which must be the same with and without the
// extension. Nothing here uses Array.prototype.push: it is spied.
(() => {
  // Chromium names a content script's frames by its chrome-extension:// URL; Firefox shows a MAIN-world content
  // script's frames as `<anonymous code>`.
  const EXTENSION_FRAME = /(?:chrome|moz)-extension:\/\/|<anonymous code>/;
  const SCRIPT_FRAME = /(?:https?|(?:chrome|moz)-extension):\/\/|<anonymous code>/;
  const calls = {};
  const fromExtension = {};
  const stolen = [];

  /** The stack frame of whoever called the spied builtin (frames with a script URL, innermost first). */
  function callerFrame() {
    const lines = String(new Error().stack).split('\n');
    let frames = 0;
    for (const line of lines) {
      if (!SCRIPT_FRAME.test(line)) continue;
      // [0] callerFrame, [1] note, [2] the spy, [3] the caller.
      if (frames++ === 3) return line;
    }
    return '';
  }

  function note(name) {
    calls[name] = (calls[name] ?? 0) + 1;
    if (EXTENSION_FRAME.test(callerFrame())) fromExtension[name] = (fromExtension[name] ?? 0) + 1;
  }

  function spyMethod(holder, key, name) {
    const original = holder[key];
    holder[key] = function (...args) {
      note(name);
      return original.apply(this, args);
    };
  }

  function steal(what) {
    stolen[stolen.length] = what;
  }

  /** Anything the hook or the relay would say: tagged envelopes, hellos, event batches. */
  function looksLikeOurs(value) {
    if (typeof value !== 'object' || value === null) return false;
    const source = Object.getOwnPropertyDescriptor(value, 'source')?.value;
    if (typeof source === 'string' && source.startsWith('nim-devtools')) return true;
    return Object.hasOwn(value, 'doc') || Object.hasOwn(value, 'events');
  }

  // Thieves: read every message and port the page's prototypes hand out.
  function wrapGetter(proto, key, onRead) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    Object.defineProperty(proto, key, {
      ...descriptor,
      get() {
        const value = descriptor.get.call(this);
        onRead(value, this);
        return value;
      },
    });
  }
  wrapGetter(MessageEvent.prototype, 'data', (data) => {
    if (looksLikeOurs(data)) steal('MessageEvent.data');
  });
  wrapGetter(MessageEvent.prototype, 'ports', (ports) => {
    if (ports.length > 0) steal('MessageEvent.ports');
  });
  const stopImmediate = Event.prototype.stopImmediatePropagation;
  Event.prototype.stopImmediatePropagation = function () {
    if (this instanceof MessageEvent && looksLikeOurs(this.data)) steal('stopImmediatePropagation');
    return stopImmediate.call(this);
  };
  // Ports the page made itself (the SDK may use a MessageChannel as a task queue); any other port came in from
  // outside the page's code.
  const pagePorts = new WeakSet();
  const NativeMessageChannel = MessageChannel;
  window.MessageChannel = class MessageChannel extends NativeMessageChannel {
    constructor() {
      super();
      pagePorts.add(this.port1);
      pagePorts.add(this.port2);
    }
  };
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...onmessage,
    set(listener) {
      if (!pagePorts.has(this)) steal('MessagePort.onmessage');
      onmessage.set.call(this, listener);
    },
  });
  const postPortMessage = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message, ...rest) {
    note('MessagePort.prototype.postMessage');
    if (!pagePorts.has(this) || looksLikeOurs(message)) steal('MessagePort.postMessage');
    return postPortMessage.call(this, message, ...rest);
  };

  // Forgers: a handshake of the relay's shape, before the relay's own reaches the hook, synchronously (an
  // untrusted event) and posted; a hook that took one would talk to the page instead of the relay.
  for (const send of [
    (message, port) =>
      window.dispatchEvent(new MessageEvent('message', { data: message, source: window, ports: [port] })),
    (message, port) => window.postMessage(message, '*', [port]),
  ]) {
    const forged = new MessageChannel();
    forged.port1.onmessage = () => steal('a forged handshake answered');
    send({ source: 'nim-devtools-relay', version: 1, type: 'connect' }, forged.port2);
  }

  // Spies: the builtins the issue names, replaced after the hook installed.
  spyMethod(JSON, 'stringify', 'JSON.stringify');
  spyMethod(Array.prototype, 'push', 'Array.prototype.push');
  spyMethod(Object, 'defineProperty', 'Object.defineProperty');
  spyMethod(EventTarget.prototype, 'addEventListener', 'EventTarget.prototype.addEventListener');
  spyMethod(WebSocket.prototype, 'send', 'WebSocket.prototype.send');

  const SECRET = 'hostile-s3cr3t-token';
  const throwing = () => {
    throw new Error('trap');
  };

  function attackValues() {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const trapEverything = new Proxy(
      {},
      {
        get: throwing,
        has: throwing,
        ownKeys: throwing,
        getOwnPropertyDescriptor: throwing,
        getPrototypeOf: throwing,
        set: throwing,
        defineProperty: throwing,
        deleteProperty: throwing,
        isExtensible: throwing,
        preventExtensions: throwing,
      },
    );
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const cycle = { code: 'cycle' };
    cycle.self = cycle;
    cycle.list = [cycle, { back: cycle }];
    const getters = {};
    for (const key of ['code', 'message', 'reason', 'retryCount', 'token', 'appKey']) {
      Object.defineProperty(getters, key, { get: throwing, enumerable: true });
    }
    const symbols = { [Symbol('token')]: SECRET, code: Symbol('code'), message: Symbol.iterator };
    const coercion = { toJSON: throwing, valueOf: throwing, toString: throwing, [Symbol.toPrimitive]: throwing };
    coercion.code = { toJSON: throwing, valueOf: throwing, toString: throwing, [Symbol.toPrimitive]: throwing };
    let deep = { token: SECRET };
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    const wide = {};
    for (let i = 0; i < 200_000; i++) wide[`key${i}`] = `value${i}`;
    const longArray = [];
    longArray.length = 2 ** 32 - 1;
    const hugeFields = { code: huge, message: huge, reason: `token=${huge}`, custom: huge, ip: huge };
    return {
      huge,
      hugeKeyValue: `"token":"${SECRET}" ${huge}`,
      trapEverything,
      revoked: revocable.proxy,
      cycle,
      getters,
      symbols,
      coercion,
      deep,
      wide,
      longArray,
      hugeFields,
      aFunction: throwing,
    };
  }

  /** The fake SDK: just what the hook instruments (`getInstance`, options' callbacks and logFunc). */
  function FakeNIM(options) {
    this.options = options;
  }
  FakeNIM.info = { version: '9.99.0-hostile' };
  FakeNIM.getInstance = (options) => new FakeNIM(options);
  FakeNIM.prototype.fire = function (name, arg) {
    return this.options[name].call(this, arg);
  };
  FakeNIM.prototype.log = function (level, args) {
    const logFunc = this.options.logFunc;
    return logFunc[level].apply(logFunc, args);
  };

  /** What a call did, as the page sees it. */
  function outcome(call) {
    try {
      const result = call();
      return `returned ${typeof result === 'string' ? result : typeof result}`;
    } catch (error) {
      return `threw ${error instanceof Error ? error.message : typeof error}`;
    }
  }

  function openEcho(url, observed) {
    return new Promise((resolve) => {
      const socket = new WebSocket(url);
      let echoes = 0;
      socket.addEventListener('open', () => {
        observed.socket = 'open';
        for (const frame of ['one', 'two', 'three']) socket.send(frame);
      });
      socket.addEventListener('message', () => {
        if (++echoes === 3) socket.close(1000, 'done');
      });
      socket.addEventListener('close', (event) => {
        observed.socket = `open, ${echoes} echoes, close ${event.code} ${event.wasClean}`;
        resolve();
      });
    });
  }

  /** With the extension: the caller check really sees the hook (it calls a subscriber directly). */
  async function checkCallerDetection(api, echoUrl) {
    const unsubscribe = api.subscribe(JSON.stringify);
    await openEcho(echoUrl, {});
    unsubscribe();
    const seen = fromExtension['JSON.stringify'] > 0;
    for (const key of Object.keys(fromExtension)) delete fromExtension[key];
    return seen;
  }

  window.hostile = {
    SECRET,
    /** Plays every attack; returns what the page observed (compared with a run without the extension). */
    async run(echoUrl) {
      const api = window.__NIM_DEVTOOLS__;
      const callerDetection = api ? await checkCallerDetection(api, echoUrl) : undefined;
      const observed = {};
      const values = attackValues();
      for (const [name, value] of Object.entries(values)) {
        observed[`register ${name}`] = outcome(() => api?.register(value));
      }
      observed.register = outcome(() => api?.register(FakeNIM));

      const received = {};
      const callback = (name, result) => (arg) => {
        received[name] = arg;
        if (name === 'onerror') throw new Error('the page’s own onerror threw');
        return result;
      };
      const instance = FakeNIM.getInstance({
        appKey: 'hostileappkey0123456789abcdef01',
        account: 'mallory',
        token: SECRET,
        onconnect: callback('onconnect', 'connect-result'),
        onwillreconnect: callback('onwillreconnect', 'reconnect-result'),
        ondisconnect: callback('ondisconnect', 'disconnect-result'),
        onerror: callback('onerror'),
        logFunc: {
          info: (...args) => {
            received.info = args;
            return 'info-result';
          },
          error: (...args) => {
            received.error = args;
            return 'error-result';
          },
        },
        attack: values,
      });
      for (const [name, value] of Object.entries(values)) {
        observed[`getInstance ${name}`] = outcome(() => FakeNIM.getInstance(value));
        for (const event of ['onconnect', 'onwillreconnect', 'ondisconnect', 'onerror']) {
          const result = outcome(() => instance.fire(event, value));
          observed[`${event} ${name}`] = `${result}, ${received[event] === value ? 'same' : 'other'} argument`;
        }
        for (const level of ['info', 'error']) {
          const args = ['line', value, SECRET, value];
          const result = outcome(() => instance.log(level, args));
          const same = received[level].every((arg, i) => arg === args[i]);
          observed[`log.${level} ${name}`] = `${result}, ${same ? 'same' : 'other'} arguments`;
        }
      }

      await openEcho(echoUrl, observed);
      // The page's own use of a port, so the postMessage spy is seen to work.
      const channel = new MessageChannel();
      channel.port1.postMessage('the page’s own message');
      channel.port1.close();
      return { observed, callerDetection };
    },
    /** What the thieves and spies caught. */
    report() {
      return { calls: { ...calls }, fromExtension: { ...fromExtension }, stolen: stolen.slice() };
    },
  };
})();
