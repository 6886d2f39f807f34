/**
 * Test double of the classic NIM SDK (9.21), only as deep as the hook reaches, written from the SDK's source:
 * - `getInstance` must be called on the SDK (`this.genInstanceName`), writes `nosSurvivalTime = Infinity`
 *   into the argument, and keeps one instance per `"NIM-account-" + account` until `destroy` completes;
 *   again for the same account it merges the options (new callbacks replace old ones) and calls `connect`;
 * - the constructor and `setOptions` deep-clone the options (own enumerable properties only);
 * - `wrapSafeCallback` wraps `on…` callbacks whose tag is `[object Function]`: logs `trigger cb`, catches;
 * - absent callbacks default to an empty function;
 * - the logger calls `logFunc[level].apply(logFunc, args)` on its clone, or writes to `console` itself when a
 *   log level is on and there is no logFunc;
 * - methods live on prototypes; `destroy({done})` reads `done` from its argument when the disconnect is done;
 * - the socket of a connect attempt sits at `protocol.imsocket.sockets[0].websocket`.
 * Plus a driver (`fire`, `openSocket`…) that plays the SDK's side of a connection.
 */
import type { EventKind, NimEventOf } from '../../model/events';
import { createHookCore } from '../core';
import { instrumentNim } from './index';

type AnyFunction = (...args: unknown[]) => unknown;
type Options = Record<string, unknown>;

export interface FakeConsole {
  lines: { method: string; args: unknown[] }[];
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function createFakeConsole(): FakeConsole {
  const lines: FakeConsole['lines'] = [];
  const write =
    (method: string) =>
    (...args: unknown[]) =>
      lines.push({ method, args });
  return { lines, log: write('log'), info: write('info'), warn: write('warn'), error: write('error') };
}

export interface FakeInstance {
  account: string;
  options: Options;
  protocol: {
    options: Options;
    imsocket: { sockets: { websocket: object | null }[] };
    socket: { websocket: object | null } | null;
  };
  logger: FakeLogger;
  connect(): void;
  disconnect(options?: Options): void;
  destroy(options?: Options): void;
  setOptions(options: Options): void;
  logout(options?: Options): void;
}

export interface FakeSdk {
  (this: FakeInstance, options: Options): FakeInstance;
  getInstance(options: Options): FakeInstance;
  genInstanceName(options: Options): string;
  info: { version: string };
  prototype: object;
}

export interface FakeDriver {
  sdk: FakeSdk;
  console: FakeConsole;
  /** Exceptions the SDK's safe wrapper caught (the real one rethrows them in a timer). */
  swallowed: unknown[];
  /** Calls the instance's current callback as the SDK does; returns what it returned. */
  fire(instance: FakeInstance, name: string, arg?: unknown): unknown;
  /** Starts a connect attempt: a socket object referenced where the real SDK keeps it. */
  openSocket(instance: FakeInstance): object;
  connectCalls: number;
}

const CALLBACKS = ['onconnect', 'onwillreconnect', 'ondisconnect', 'onerror'];
const LEVELS: Record<string, number> = { debug: 1000, log: 3000, info: 3000, warn: 4000, error: 5000, off: 6000 };

function cloneDeep(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const out: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
  seen.set(value, out);
  for (const key in value) {
    if (Object.hasOwn(value, key)) out[key] = cloneDeep((value as Record<string, unknown>)[key], seen);
  }
  return out;
}

class FakeLogger {
  private readonly logFunc: unknown;
  readonly level: string;
  constructor(
    options: Options,
    private readonly out: FakeConsole,
  ) {
    this.logFunc = options.logFunc;
    const logLevel = options.logLevel || (options.debug ? 'debug' : '');
    this.level = logLevel ? String(logLevel).toLowerCase() : 'off';
  }

  write(level: string, ...args: unknown[]): void {
    const off = this.level === 'off';
    if (off && !this.logFunc) return;
    if (!off && (LEVELS[level] ?? 0) < (LEVELS[this.level] ?? 0)) return;
    const sent = off && level === 'debug' ? 'log' : level;
    const line = [`[NIM ${sent.toUpperCase()} 11-26 00:30:12:750 IM]  ${String(args[0])}`, ...args.slice(1)];
    const logFunc = this.logFunc as Record<string, unknown> | undefined;
    if (logFunc && typeof logFunc[sent] === 'function') (logFunc[sent] as AnyFunction).apply(logFunc, line);
    if (!off && !logFunc) {
      const method = sent === 'debug' ? 'log' : sent;
      (this.out as unknown as Record<string, AnyFunction>)[method]?.(`%c${line[0]}`, 'color:blue;', ...line.slice(1));
    }
  }
}

export function createFakeSdk(): FakeDriver {
  const registry: Record<string, FakeInstance | null> = {};
  const swallowed: unknown[] = [];
  const out = createFakeConsole();

  function wrapSafeCallback(options: Options, instance: FakeInstance): Options {
    for (const name of Object.keys(options)) {
      const callback = options[name];
      if (!name.startsWith('on') || Object.prototype.toString.call(callback) !== '[object Function]') continue;
      options[name] = function (this: unknown, ...args: unknown[]) {
        instance.logger.write('info', `trigger cb: ${name} Object()`);
        try {
          return (callback as AnyFunction).apply(this, args);
        } catch (error) {
          swallowed.push(error);
          return undefined;
        }
      };
    }
    return options;
  }

  function defaultCallbacks(options: Options, names: string[]): void {
    for (const name of names) if (!options[name]) options[name] = () => {};
  }

  const sdk = function (this: FakeInstance, options: Options) {
    const clone = cloneDeep(options) as Options;
    this.account = String(clone.account);
    this.logger = new FakeLogger(clone, out);
    this.options = wrapSafeCallback(clone, this);
    defaultCallbacks(clone, CALLBACKS);
    this.protocol = { options: clone, imsocket: { sockets: [] }, socket: null };
    this.logger.write(
      'info',
      `Instance init, version:9.21.12, appkey:${String(clone.appKey)}, accountId:${this.account}`,
    );
    this.logger.write(
      'debug',
      `protocol::sendCmd: {"SID":2,"CID":3,"Q":[{"t":"Property","v":{"1000":"${String(clone.token)}"}}]}`,
    );
    return this;
  } as unknown as FakeSdk;

  const base = {
    connect(this: FakeInstance) {
      driver.connectCalls++;
    },
    setOptions(this: FakeInstance, options: Options) {
      const clone = wrapSafeCallback(cloneDeep(options) as Options, this);
      defaultCallbacks(
        clone,
        CALLBACKS.filter((name) => name in clone),
      );
      Object.assign(this.protocol.options, clone);
    },
    destroy(this: FakeInstance, options?: Options) {
      const argument = options || {};
      const name = sdk.genInstanceName({ account: this.account });
      this.disconnect({
        done: (error: unknown) => {
          registry[name] = null;
          for (const key of Object.keys(this)) (this as unknown as Options)[key] = undefined;
          if (argument.done instanceof Function) argument.done(error);
        },
      });
    },
    logout(this: FakeInstance, options?: Options) {
      const argument = options || {};
      setTimeout(() => (argument.done as AnyFunction | undefined)?.(null), 0);
    },
  };
  const prototype = Object.create(base) as Record<string, unknown>;
  prototype.disconnect = function (this: FakeInstance, options?: Options) {
    const argument = options || {};
    const done = (argument.done as AnyFunction | undefined) ?? (() => {});
    (this.protocol.options.ondisconnect as AnyFunction)({ code: 'alreadyDisconnected', message: 'manually' });
    setTimeout(() => done(null), 5);
  };
  sdk.prototype = prototype;
  sdk.info = { version: '9.21.12' };
  sdk.genInstanceName = (options: Options) => `NIM-account-${String(options.account)}`;
  sdk.getInstance = function (this: FakeSdk, options: Options) {
    if (!options.nosSurvivalTime) options.nosSurvivalTime = Number.POSITIVE_INFINITY;
    if (!options.account) throw new Error('api::Base.getInstance: account is required');
    const name = this.genInstanceName(options);
    const existing = registry[name];
    if (existing) {
      existing.setOptions(options);
      if (!options.skipConnectionOnInitialize) existing.connect();
      return existing;
    }
    const created = new (this as unknown as new (options: Options) => FakeInstance)(options);
    registry[name] = created;
    return created;
  };

  const driver: FakeDriver = {
    sdk,
    console: out,
    swallowed,
    connectCalls: 0,
    fire(instance, name, arg) {
      return (instance.protocol.options[name] as AnyFunction)(arg);
    },
    openSocket(instance) {
      const socket = { url: 'ws://127.0.0.1:1/websocket' };
      instance.protocol.imsocket.sockets = [{ websocket: socket }];
      return socket;
    },
  };
  return driver;
}

/** A hook core, the instrumentation on a bare `window` stand-in, and the fake SDK assigned to `window.NIM`. */
export function setupInstrumented(options: { assign?: boolean } = {}) {
  const core = createHookCore({ capacity: 10_000, doc: 'd' });
  const win: Record<string, unknown> = {};
  let clock = 0;
  const nim = instrumentNim(win as unknown as Window, core, { now: () => clock });
  const fake = createFakeSdk();
  if (options.assign !== false) win.NIM = fake.sdk;
  return {
    core,
    win,
    nim,
    fake,
    NIM: fake.sdk,
    advance(ms: number) {
      clock += ms;
    },
    events<K extends EventKind>(kind: K): NimEventOf<K>[] {
      return core.events().filter((event) => event.kind === kind) as NimEventOf<K>[];
    },
    kinds: () => core.events().map((event) => event.kind),
  };
}
