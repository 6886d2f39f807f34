/**
 * The fake's HTTP side: the LBS endpoint the SDK asks for link addresses, and static files (test pages, SDK
 * builds) so that pages and SDK share one origin. CORS is open because a page from another origin (the demo,
 * a user's app) also calls the LBS.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export const LBS_PATH = '/lbs/webconf.jsp';

/** `?csp=<name>` on any static URL adds the matching Content-Security-Policy header. */
export const CSP_POLICIES = {
  /** No inline script, no eval, no other origin: a hook must still work under it. */
  strict: "script-src 'self'",
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** URL prefix → directory (relative paths resolve against the current directory). Longest prefix wins. */
  staticRoots: Record<string, string>;
  /** Called per LBS request, so the answer follows the link server's current address. */
  linkAddress: () => string;
}

export interface LbsRequestRecord {
  /** The `id` query parameter: the account. */
  account: string;
  /** The `k` query parameter: the appKey. */
  appKey: string;
  /** The `sv` query parameter: the SDK version, e.g. '92112'. */
  sdkVersion: string;
  at: number;
}

interface StaticRoot {
  prefix: string;
  directory: string;
}

export class HttpServer {
  private readonly server: Server;
  private readonly roots: StaticRoot[];
  private readonly sockets = new Set<Socket>();
  private readonly lbsList: LbsRequestRecord[] = [];

  constructor(private readonly options: HttpServerOptions) {
    this.roots = Object.entries(options.staticRoots)
      .map(([prefix, directory]) => ({
        prefix: prefix.endsWith('/') ? prefix : `${prefix}/`,
        directory: resolve(directory),
      }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`fake-nim: ${String(error)}\n`);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolveListen, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolveListen();
      });
    });
  }

  get url(): string {
    return `http://${this.options.host}:${(this.server.address() as AddressInfo).port}`;
  }

  lbsRequests(): LbsRequestRecord[] {
    return this.lbsList.map((request) => ({ ...request }));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((resolveClose) => this.server.close(() => resolveClose()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('access-control-allow-origin', '*');
    // Always revalidated, never stale; unlike no-store it keeps pages eligible for the back/forward cache.
    response.setHeader('cache-control', 'no-cache');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
      });
      response.end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'method not allowed');
    const url = new URL(request.url ?? '/', 'http://fake-nim');
    if (url.pathname === LBS_PATH) return this.lbs(url, response);
    return this.serveStatic(url, request.method === 'HEAD', response);
  }

  /** The answer NetEase's LBS gives, reduced to what the SDK reads: where the link servers are. */
  private lbs(url: URL, response: ServerResponse): void {
    const query = url.searchParams;
    this.lbsList.push({
      account: query.get('id') ?? '',
      appKey: query.get('k') ?? '',
      sdkVersion: query.get('sv') ?? '',
      at: Date.now(),
    });
    const link = this.options.linkAddress();
    // `mix.link` is what the v10 SDK's V2 API reads first (then `link.default`); v9 and V1 read `link`.
    const body = JSON.stringify({ common: { link: [link], 'link.default': [link], 'mix.link': [link] } });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  }

  private async serveStatic(url: URL, headOnly: boolean, response: ServerResponse): Promise<void> {
    const csp = url.searchParams.get('csp');
    if (csp !== null) {
      if (!Object.hasOwn(CSP_POLICIES, csp)) return sendText(response, 400, `unknown csp "${csp}"`);
      response.setHeader('content-security-policy', CSP_POLICIES[csp as keyof typeof CSP_POLICIES]);
    }
    const file = await this.resolveFile(url.pathname);
    if (!file) return sendText(response, 404, 'not found');
    const body = await readFile(file);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
    });
    response.end(headOnly ? undefined : body);
  }

  /** Maps a URL path to a file inside one of the roots, or undefined; never a path outside the root. */
  private async resolveFile(pathname: string): Promise<string | undefined> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const root = this.roots.find(
      (candidate) => decoded.startsWith(candidate.prefix) || `${decoded}/` === candidate.prefix,
    );
    if (!root) return undefined;
    const candidate = resolve(join(root.directory, decoded.slice(root.prefix.length)));
    if (candidate !== root.directory && !candidate.startsWith(root.directory + sep)) return undefined;
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
    if (!info?.isDirectory()) return undefined;
    const index = join(candidate, 'index.html');
    return (await stat(index).catch(() => undefined))?.isFile() ? index : undefined;
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}
