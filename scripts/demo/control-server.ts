/**
 * The demo page's remote control for the fake NIM server: the situations that need the server to act (reject a
 * token, kick an account, drop a connection) are buttons in the page, so the page must be able to ask. A second
 * tiny HTTP server on 127.0.0.1, apart from the fake deployment, keeps the fake free of demo-only routes.
 *
 *   GET  /control/config                              → { appKey, privateConf }: the SDK options that stay local
 *   POST /control/login-response?account=A&code=302   → the server answers A's next logins with that code
 *   POST /control/kick?account=A[&reason=R]           → the server kicks A's logged-in sockets (2_5)
 *   POST /control/drop?account=A                      → the server kills A's sockets without a close frame
 *
 * POSTs answer `{ did }` (what the server did, for the page's log) or `{ error }`. Only the demo page's origin
 * may call it: CORS names that origin alone, and a request from any other origin is refused.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeNim, KickReason } from '../../testkit/fake-nim';

export interface ControlServerOptions {
  fake: FakeNim;
  appKey: string;
  /** The demo page's origin, e.g. the fake's `httpUrl`. */
  pageOrigin: string;
}

export interface ControlServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

const KICK_REASONS: readonly KickReason[] = ['samePlatformKick', 'serverKick', 'otherPlatformKick', 'silentlyKick'];

type Reply = { status: number; body: Record<string, unknown> };

class BadRequest extends Error {}

export async function startControlServer({ fake, appKey, pageOrigin }: ControlServerOptions): Promise<ControlServer> {
  const route = (method: string, url: URL): Reply => {
    const action = `${method} ${url.pathname}`;
    if (action === 'GET /control/config') return ok({ appKey, privateConf: fake.privateConf() });
    if (method !== 'POST') return { status: 404, body: { error: `no route ${action}` } };
    const account = required(url, 'account');
    switch (url.pathname) {
      case '/control/login-response': {
        const code = Number(required(url, 'code'));
        if (!Number.isInteger(code) || code < 100 || code > 999) throw new BadRequest('code: expected 100–999');
        fake.setLoginResponse(account, code);
        return ok({ did: `answers ${account}'s logins with code ${code}` });
      }
      case '/control/kick': {
        const reason = (url.searchParams.get('reason') ?? 'samePlatformKick') as KickReason;
        if (!KICK_REASONS.includes(reason)) throw new BadRequest(`reason: expected one of ${KICK_REASONS.join(', ')}`);
        fake.kick(account, reason);
        return ok({ did: `kicked ${account} (${reason})` });
      }
      case '/control/drop': {
        const open = fake.connections().filter((c) => c.account === account && c.open).length;
        if (open === 0) throw new BadRequest(`${account} has no open connection`);
        fake.drop(account);
        return ok({ did: `dropped ${account}'s connection without a close frame, as a dead network does` });
      }
      default:
        return { status: 404, body: { error: `no route ${action}` } };
    }
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const origin = request.headers.origin;
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'access-control-allow-origin': pageOrigin,
      vary: 'Origin',
    };
    let reply: Reply;
    if (origin !== undefined && origin !== pageOrigin) {
      reply = { status: 403, body: { error: `origin ${origin} may not control the demo` } };
    } else {
      try {
        reply = route(request.method ?? 'GET', new URL(request.url ?? '/', 'http://127.0.0.1'));
      } catch (error) {
        // fake.kick throws when the account is not logged in: a request that came too early, not a crash.
        const message = error instanceof Error ? error.message : String(error);
        reply = { status: error instanceof BadRequest ? 400 : 409, body: { error: message } };
      }
    }
    response.writeHead(reply.status, headers);
    response.end(JSON.stringify(reply.body));
  };

  const server = createServer(handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      // Keep-alive connections from the browser would otherwise hold `close` open.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function ok(body: Record<string, unknown>): Reply {
  return { status: 200, body };
}

function required(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (!value) throw new BadRequest(`${name}: required`);
  return value;
}
