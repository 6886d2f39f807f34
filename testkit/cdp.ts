/**
 * A minimal raw Chrome DevTools Protocol client. Playwright hides DevTools front-end targets; the real
 * NIM panel lives inside one, so tests reach it over the browser's own CDP endpoint.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  title: string;
  parentFrameId?: string;
}

interface CdpReply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export class CdpConnection {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const reply = JSON.parse(String(raw)) as CdpReply;
      if (reply.id === undefined) return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) waiter?.reject(new Error(reply.error.message));
      else waiter?.resolve(reply.result);
    });
  }

  /** Connects to the browser started with `--remote-debugging-port=0` and this user-data dir. */
  static async forProfile(userDataDir: string, timeoutMs = 10_000): Promise<CdpConnection> {
    const file = join(userDataDir, 'DevToolsActivePort');
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`no ${file}: was the browser started with --remote-debugging-port?`);
      await sleep(50);
    }
    const [port, path] = readFileSync(file, 'utf8').split('\n');
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CdpConnection(socket);
  }

  send<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
  }

  async targets(): Promise<TargetInfo[]> {
    const { targetInfos } = await this.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    return targetInfos;
  }

  async attach(targetId: string): Promise<string> {
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    return sessionId;
  }

  /** Evaluates an expression (awaiting a returned promise) in an attached session and returns its JSON value. */
  async evaluate<T = unknown>(sessionId: string, expression: string): Promise<T> {
    const reply = await this.send<{
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (reply.exceptionDetails) {
      throw new Error(
        `evaluate failed: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`,
      );
    }
    return reply.result.value;
  }

  close(): void {
    this.socket.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}
