/**
 * Test double for the browser's WebSocket in Node: an EventTarget-based class with the native's observable
 * behaviour that the hook relies on (brand checks, readyState, async error/close, port 0 failing like a dead
 * network), plus server-side controls. Events it dispatches are marked trusted, as the browser's are.
 */
import { runInNewContext } from 'node:vm';
import type { SocketHookWindow } from './socket-natives';

export class FakeCloseEvent extends Event {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  constructor(type: string, init: { code?: number; reason?: string; wasClean?: boolean } = {}) {
    super(type);
    this.code = init.code ?? 0;
    this.reason = init.reason ?? '';
    this.wasClean = init.wasClean ?? false;
  }
}

/** What the browser does for its own events; page-made events stay untrusted. */
function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { get: () => true });
  return event;
}

/** A native socket as the test's "server" sees and drives it. */
export interface FakeNativeWebSocket extends EventTarget {
  readonly readyState: number;
  readonly url: string;
  /** What the server received. */
  readonly received: unknown[];
  /** Arguments of every native `close` call. */
  readonly closeCalls: unknown[][];
  serverOpen(protocol?: string): void;
  serverMessage(data: unknown): void;
  serverClose(code: number, reason: string, wasClean: boolean): void;
}

export interface FakeNetwork {
  /** URLs a native socket really tried to reach (port 0 never does). */
  connections: string[];
  sockets: FakeNativeWebSocket[];
}

export function createFakeWebSocketClass(network: FakeNetwork) {
  return class WebSocket extends EventTarget implements FakeNativeWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    #readyState = 0;
    #url: string;
    #protocol = '';
    readonly received: unknown[] = [];
    readonly closeCalls: unknown[][] = [];

    constructor(url: string, protocols?: string | string[]) {
      super();
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new DOMException(`Failed to construct 'WebSocket': The URL '${url}' is invalid.`, 'SyntaxError');
      }
      if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
        throw new DOMException(
          `Failed to construct 'WebSocket': The URL's scheme must be either 'ws' or 'wss'.`,
          'SyntaxError',
        );
      }
      if (parsed.hash !== '' || url.includes('#')) {
        throw new DOMException(
          `Failed to construct 'WebSocket': The URL contains a fragment identifier.`,
          'SyntaxError',
        );
      }
      if (Array.isArray(protocols) && new Set(protocols).size !== protocols.length) {
        throw new DOMException(`Failed to construct 'WebSocket': duplicate protocol`, 'SyntaxError');
      }
      this.#url = parsed.href;
      network.sockets.push(this);
      if (parsed.port === '0') setTimeout(() => this.#fail(), 1);
      else network.connections.push(parsed.href);
    }

    get readyState(): number {
      return this.#readyState;
    }
    get url(): string {
      return this.#url;
    }
    get protocol(): string {
      return this.#protocol;
    }
    get extensions(): string {
      return '';
    }

    send(...args: unknown[]): void {
      if (!(#readyState in this)) throw new TypeError('Illegal invocation');
      const [data] = args;
      if (args.length === 0) throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required.");
      if (this.#readyState === 0) throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
      if (this.#readyState === 1) this.received.push(data);
    }

    close(...args: unknown[]): void {
      if (!(#readyState in this)) throw new TypeError('Illegal invocation');
      this.closeCalls.push(args);
      if (this.#readyState === 0) {
        this.#readyState = 2;
        setTimeout(() => this.#fail(), 1);
      } else if (this.#readyState === 1) {
        this.#readyState = 2;
        const [code, reason] = args as [number | undefined, string | undefined];
        setTimeout(() => this.serverClose(code ?? 1005, reason ?? '', true), 1);
      }
    }

    #fail(): void {
      this.#readyState = 3;
      this.dispatchEvent(trusted(new Event('error')));
      this.dispatchEvent(trusted(new FakeCloseEvent('close', { code: 1006, reason: '', wasClean: false })));
    }

    // The server's side of the fake.
    serverOpen(protocol = ''): void {
      this.#readyState = 1;
      this.#protocol = protocol;
      this.dispatchEvent(trusted(new Event('open')));
    }
    serverMessage(data: unknown): void {
      this.dispatchEvent(trusted(new MessageEvent('message', { data, origin: new URL(this.#url).origin })));
    }
    serverClose(code: number, reason: string, wasClean: boolean): void {
      this.#readyState = 3;
      this.dispatchEvent(trusted(new FakeCloseEvent('close', { code, reason, wasClean })));
    }
  };
}

export interface FakeWindow {
  win: SocketHookWindow;
  /** The native class, kept before the hook replaces `win.WebSocket`. */
  NativeWebSocket: ReturnType<typeof createFakeWebSocketClass>;
  network: FakeNetwork;
}

/**
 * A window-like global around the fake. `Function` comes from a fresh realm so that the hook's
 * `Function.prototype.toString` mask does not touch the test runner's own.
 */
export function createFakeWindow(): FakeWindow {
  const network: FakeNetwork = { connections: [], sockets: [] };
  const NativeWebSocket = createFakeWebSocketClass(network);
  const win: SocketHookWindow = {
    WebSocket: NativeWebSocket as unknown as typeof WebSocket,
    EventTarget,
    MessageEvent,
    CloseEvent: FakeCloseEvent as unknown as typeof CloseEvent,
    URL,
    ArrayBuffer,
    Blob,
    Function: runInNewContext('Function') as FunctionConstructor,
    // Looked up per call so that Vitest's fake timers (installed per test) drive the hook's timers too.
    setTimeout: ((callback: () => void, ms: number) => setTimeout(callback, ms)) as typeof setTimeout,
    queueMicrotask: (callback: () => void) => queueMicrotask(callback),
    document: { baseURI: 'https://app.example/chat/' },
  };
  return { win, NativeWebSocket, network };
}
