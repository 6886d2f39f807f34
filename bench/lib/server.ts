/**
 * The bench's own local server on 127.0.0.1: the bench pages over http (content scripts do not run on data:
 * URLs) and one WebSocket endpoint that echoes every frame, or, asked with `burst:<count>:<bytes>:<text|binary>`,
 * pushes `count` frames of `bytes` bytes at once. The same endpoint answers at `/websocket`, the path of a NIM
 * link, where `nimburst:<count>:<bytes>` pushes binary NIM chat frames (a `7_2` header, then filler): what the page
 * hook reads a header of on every frame of a NIM link socket.
 *
 * A burst is framed ahead of time and written to the TCP socket in one call: sending frame by frame through
 * `ws` costs Node about as much per frame as the page spends receiving it, and a burst paced by the server
 * would hide whatever the page's side costs.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

const PAGES_DIR = resolve(import.meta.dirname, '../pages');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Serves `dir` under `/<prefix>/` (the built panel harness). */
  mount(prefix: string, dir: string): void;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const mounts = new Map<string, string>([['pages', PAGES_DIR]]);
  const http: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const [, prefix = '', ...rest] = path.split('/');
    const root = mounts.get(prefix);
    const file = root && normalize(join(root, rest.join('/') || 'index.html'));
    if (!root || !file?.startsWith(root)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      // No caching: every navigation parses and runs the page's scripts as a first visit would.
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const sockets = new WebSocketServer({ noServer: true });
  const bursts = new Map<string, Buffer>();
  http.on('upgrade', (request, tcp: Duplex, head) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/socket' && path !== '/websocket') {
      tcp.destroy();
      return;
    }
    sockets.handleUpgrade(request, tcp, head, (socket) => serve(socket, tcp));
  });

  function serve(socket: WebSocket, tcp: Duplex): void {
    socket.on('message', (data, isBinary) => {
      const command = isBinary ? '' : data.toString();
      const burst = /^(burst|nimburst):(\d+):(\d+)(?::(text|binary))?$/.exec(command);
      if (!burst) {
        socket.send(data, { binary: isBinary });
        return;
      }
      let frames = bursts.get(command);
      if (!frames) {
        const [, name, count, bytes, kind] = burst;
        const payload = name === 'nimburst' ? 'nim' : kind === 'binary' ? 'binary' : 'text';
        frames = framed(Number(count), Number(bytes), payload);
        bursts.set(command, frames);
      }
      tcp.write(frames);
    });
  }
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    mount: (prefix, dir) => mounts.set(prefix, resolve(dir)),
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((done) => sockets.close(() => done()));
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
}

/** A NIM chat push's header: length 0, sid 7, cid 2 (`msg`), ser 0, tag 0 (no code). */
const NIM_CHAT_HEADER = [0, 7, 2, 0, 0, 0];

/** `count` unmasked server frames (RFC 6455 §5.2) of `bytes` bytes each (under 64 KiB), back to back. */
function framed(count: number, bytes: number, kind: 'text' | 'binary' | 'nim'): Buffer {
  if (bytes >= 65_536) throw new Error('burst frames must be under 64 KiB');
  const header = bytes < 126 ? Buffer.from([0, bytes]) : Buffer.from([0, 126, bytes >> 8, bytes & 0xff]);
  header[0] = 0x80 | (kind === 'text' ? 0x1 : 0x2); // FIN + opcode
  const payload = Buffer.alloc(bytes, kind === 'text' ? 'x'.charCodeAt(0) : 7);
  if (kind === 'nim') payload.set(NIM_CHAT_HEADER);
  const frame = Buffer.concat([header, payload]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}
