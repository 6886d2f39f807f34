/**
 * A local page + WebSocket echo server for the transparency probe. Every text or binary frame comes back as
 * it was sent, except a few commands: `close:<code>:<reason>` makes the server close the socket cleanly,
 * `terminate` kills the TCP connection without a close frame.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface EchoServer {
  /** `http://127.0.0.1:<port>`: serves an empty page at `/`. */
  httpUrl: string;
  /** `ws://127.0.0.1:<port>/echo` */
  wsUrl: string;
  /** WebSocket handshakes the server completed (what "reached the server" means). */
  handshakes(): number;
  close(): Promise<void>;
}

export async function startEchoServer(port = 0): Promise<EchoServer> {
  const http: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end('<!doctype html><html><head><title>probe</title></head><body>probe</body></html>');
  });
  const sockets = new WebSocketServer({ server: http, handleProtocols: (protocols) => [...protocols][0] ?? false });
  let handshakes = 0;
  sockets.on('connection', (socket) => {
    handshakes++;
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (text === 'terminate') socket.terminate();
      else if (text.startsWith('close:')) {
        const [, code, reason] = text.split(':');
        socket.close(Number(code), reason);
      } else socket.send(data, { binary: isBinary });
    });
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address() as AddressInfo;
  return {
    httpUrl: `http://127.0.0.1:${address.port}`,
    wsUrl: `ws://127.0.0.1:${address.port}/echo`,
    handshakes: () => handshakes,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
