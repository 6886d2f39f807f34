/**
 * The fake link server: the WebSocket endpoint (`ws://<host>:<port>/websocket`) the SDK logs into.
 * Answers login, heartbeat, sync and logout like NetEase's servers, and lets a test misbehave on purpose:
 * refuse connections, stay silent, kick, drop.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import {
  ClientType,
  Command,
  commandName,
  emptyReply,
  type KickReason,
  kickPacket,
  loginReply,
  nosCdnHostReply,
  parseLoginRequest,
  syncDoneReply,
} from './nim-packets';
import { PacketReader } from './protocol';

export interface ConnectionInfo {
  id: number;
  /** Set by the first login request on this socket, whatever its outcome. */
  account?: string;
  /** True once a login was answered 200 and until logout. */
  loggedIn: boolean;
  open: boolean;
}

export interface LoginRecord {
  account: string;
  appKey: string;
  deviceId?: string;
  sdkVersion?: string;
  /** The code the server answered. */
  code: number;
  connectionId: number;
  /** Date.now() when the request arrived. */
  at: number;
}

/** A frame the SDK sent, header only: enough to assert "the SDK sent 2_6 before closing". */
export interface RequestRecord {
  connectionId: number;
  sid: number;
  cid: number;
  ser: number;
  /** False when the server did not reply (silent mode, or a command this fake does not implement). */
  answered: boolean;
  at: number;
}

export interface KickOptions {
  /** Default 'samePlatformKick'. */
  reason?: KickReason;
  /** Kicking platform (see `ClientType`); default Web for 'samePlatformKick', else PC. */
  from?: number;
  custom?: string;
  customClientType?: number;
}

export interface LinkServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

interface Connection extends ConnectionInfo {
  socket: WebSocket;
  remoteAddress: string;
  remotePort: number;
}

const SOCKET_PATH = '/websocket';

export class LinkServer {
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly rawSockets = new Set<Socket>();
  private readonly connectionList: Connection[] = [];
  private readonly loginList: LoginRecord[] = [];
  private readonly requestList: RequestRecord[] = [];
  private readonly loginCodes = new Map<string, number>();
  /** Pending waitForLogin() calls: each re-checks on every successful login, and fails on close(). */
  private readonly loginWaiters = new Set<{ check: () => void; abort: () => void }>();
  private port = 0;
  private isSilent = false;
  private closed = false;

  constructor(private readonly options: LinkServerOptions) {
    this.http = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
    });
    this.http.on('connection', (socket) => {
      this.rawSockets.add(socket);
      socket.once('close', () => this.rawSockets.delete(socket));
    });
    this.http.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
  }

  async start(): Promise<void> {
    await this.listen(this.options.port);
    this.port = (this.http.address() as AddressInfo).port;
  }

  get address(): string {
    return `${this.options.host}:${this.port}`;
  }

  /** The code the next login of `account` gets; `'*'` sets the default for accounts without their own. */
  setLoginResponse(account: string, code: number): void {
    this.loginCodes.set(account, code);
  }

  kick(account: string, options: KickOptions = {}): void {
    const reason = options.reason ?? 'samePlatformKick';
    const packet = kickPacket({
      reason,
      from: options.from ?? (reason === 'samePlatformKick' ? ClientType.Web : ClientType.PC),
      custom: options.custom ?? '',
      customClientType: options.customClientType ?? 0,
    });
    const targets = this.openConnections().filter(
      (connection) => connection.loggedIn && connection.account === account,
    );
    if (targets.length === 0) throw new Error(`fake-nim: no logged-in connection for account "${account}" to kick`);
    for (const connection of targets) connection.socket.send(packet);
  }

  /**
   * Closes the open sockets of `account` (all when omitted). Without `closeCode` the TCP socket is destroyed, as
   * when a server dies (the browser reports close 1006); with it, a WebSocket close frame carries that code.
   */
  drop(account?: string, closeCode?: number): void {
    for (const connection of this.openConnections()) {
      if (account !== undefined && connection.account !== account) continue;
      // Marked now rather than on the 'close' event, so that a waitForLogin() right after drop() cannot be
      // satisfied by the socket being dropped.
      connection.open = false;
      connection.loggedIn = false;
      if (closeCode === undefined) connection.socket.terminate();
      else connection.socket.close(closeCode);
    }
  }

  /**
   * `true` stops listening: new connections get a TCP refusal (ECONNREFUSED), as when the server is down.
   * Open sockets are kept (call `drop()` as well to simulate a crash). `false` listens again on the same port.
   */
  async refuse(on: boolean): Promise<void> {
    if (this.closed) throw new Error('fake-nim: closed');
    if (on === !this.http.listening) return;
    if (on) {
      // close() stops the listener at once; its callback would wait for the open sockets, which stay up.
      this.http.close();
      return;
    }
    await this.listen(this.port);
  }

  /** While on, sockets are accepted but no frame gets a reply (login and heartbeats time out in the SDK). */
  silent(on: boolean): void {
    this.isSilent = on;
  }

  connections(): ConnectionInfo[] {
    return this.connectionList.map(({ id, account, loggedIn, open }) =>
      account === undefined ? { id, loggedIn, open } : { id, account, loggedIn, open },
    );
  }

  logins(): LoginRecord[] {
    return this.loginList.map((login) => ({ ...login }));
  }

  requests(): RequestRecord[] {
    return this.requestList.map((request) => ({ ...request }));
  }

  /** Resolves when `account` has an open, logged-in connection (at once if it already has one). */
  waitForLogin(account: string, timeoutMs = 10_000): Promise<void> {
    const isLoggedIn = () =>
      this.connectionList.some(
        (connection) => connection.open && connection.loggedIn && connection.account === account,
      );
    if (isLoggedIn()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          if (!isLoggedIn()) return;
          finish();
          resolve();
        },
        abort: () => {
          finish();
          reject(new Error(`fake-nim: closed while waiting for a login of "${account}"`));
        },
      };
      const timer = setTimeout(() => {
        finish();
        const seen = this.loginList.map((login) => `${login.account}:${login.code}`).join(', ') || 'none';
        reject(new Error(`fake-nim: no login of "${account}" within ${timeoutMs} ms (logins seen: ${seen})`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.loginWaiters.delete(waiter);
      };
      this.loginWaiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.connectionList) connection.socket.terminate();
    for (const socket of this.rawSockets) socket.destroy();
    for (const waiter of [...this.loginWaiters]) waiter.abort();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    if (this.http.listening) await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.http.once('error', onError);
      this.http.listen(port, this.options.host, () => {
        this.http.off('error', onError);
        resolve();
      });
    });
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://fake-nim').pathname;
    if (path !== SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request.socket));
  }

  private accept(socket: WebSocket, raw: Socket): void {
    const connection: Connection = {
      id: this.connectionList.length + 1,
      loggedIn: false,
      open: true,
      socket,
      remoteAddress: raw.remoteAddress ?? this.options.host,
      remotePort: raw.remotePort ?? 0,
    };
    this.connectionList.push(connection);
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.receive(connection, toBytes(data));
    });
    socket.on('close', () => {
      connection.open = false;
      connection.loggedIn = false;
    });
    // A client that resets the TCP connection makes ws emit 'error'; 'close' follows, nothing else to do.
    socket.on('error', () => {});
  }

  private receive(connection: Connection, frame: Uint8Array): void {
    const reader = new PacketReader(frame);
    let header: ReturnType<PacketReader['header']>;
    try {
      header = reader.header();
    } catch {
      // Not a NIM packet: a real server would drop the link; keeping it open lets a test look at the socket.
      return;
    }
    const record: RequestRecord = {
      connectionId: connection.id,
      sid: header.sid,
      cid: header.cid,
      ser: header.ser,
      answered: false,
      at: Date.now(),
    };
    this.requestList.push(record);
    if (this.isSilent) return;
    const command = commandName(header.sid, header.cid);
    const reply = this.reply(connection, command, header.ser, reader);
    if (!reply) return;
    record.answered = true;
    connection.socket.send(reply);
    if (command === 'login' && connection.loggedIn) for (const waiter of [...this.loginWaiters]) waiter.check();
  }

  private reply(
    connection: Connection,
    command: ReturnType<typeof commandName>,
    ser: number,
    body: PacketReader,
  ): Uint8Array | undefined {
    switch (command) {
      case 'login':
        return this.login(connection, ser, body);
      case 'heartbeat':
        return emptyReply(Command.heartbeat, ser);
      case 'logout':
        connection.loggedIn = false;
        return emptyReply(Command.logout, ser);
      case 'syncDone':
        return syncDoneReply(ser, Date.now());
      case 'getNosCdnHost':
        return nosCdnHostReply(ser);
      default:
        // Anything else the SDK asks (message sending, user info…) is beyond this fake: the SDK's own
        // command timeout reports it, which is also what a test of "no answer" wants to see.
        return undefined;
    }
  }

  private login(connection: Connection, ser: number, body: PacketReader): Uint8Array {
    const at = Date.now();
    const request = parseLoginRequest(body);
    const code = this.loginCodes.get(request.account) ?? this.loginCodes.get('*') ?? 200;
    connection.account = request.account;
    connection.loggedIn = code === 200;
    const record: LoginRecord = {
      account: request.account,
      appKey: request.appKey,
      code,
      connectionId: connection.id,
      at,
    };
    if (request.deviceId !== undefined) record.deviceId = request.deviceId;
    if (request.sdkVersion !== undefined) record.sdkVersion = request.sdkVersion;
    this.loginList.push(record);
    return loginReply(ser, code, {
      connectionId: String(connection.id),
      ip: connection.remoteAddress,
      port: connection.remotePort,
    });
  }

  private openConnections(): Connection[] {
    return this.connectionList.filter((connection) => connection.open);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
