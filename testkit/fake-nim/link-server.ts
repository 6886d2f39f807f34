/**
 * The fake link server: the endpoint the SDK logs into, on both of its transports — the binary WebSocket
 * (`/websocket`) and socket.io 0.9 (`/socket.io/1/…`). Answers login, heartbeat, sync and logout like NetEase's
 * servers, and lets a test misbehave on purpose: refuse connections, stay silent, kick, drop.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { decodeBinaryRequest, encodeBinary } from './binary-wire';
import {
  ClientType,
  Command,
  commandName,
  emptyReply,
  grayscaleConfigReply,
  type KickReason,
  kickPacket,
  loginReply,
  type NimPacket,
  type NimRequest,
  nosCdnHostReply,
  serverTimeReply,
  syncDoneReply,
  v2LoginReply,
} from './nim-packets';
import {
  decodeFrame,
  decodeJsonRequest,
  encodeFrame,
  encodeJson,
  HANDSHAKE_PATH,
  handshakeBody,
  WEBSOCKET_PATH,
} from './socketio-wire';

export type Transport = 'binary' | 'socket.io';

export interface ConnectionInfo {
  id: number;
  transport: Transport;
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

/** A NIM packet the SDK sent, header only: enough to assert "the SDK sent 2_6 before closing". */
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
  /** How often socket.io connections get a `2::` heartbeat; default 25 s, as socket.io 0.9 servers did. */
  socketIoHeartbeatMs?: number;
}

interface Connection extends ConnectionInfo {
  socket: WebSocket;
  /** The v10 SDK's V2 API logged in on this socket (`26_3`): it is kicked with `26_9`, not `2_5`. */
  v2?: boolean;
  remoteAddress: string;
  remotePort: number;
  heartbeatTimer?: NodeJS.Timeout;
}

const BINARY_PATH = '/websocket';
/** Seconds announced in the socket.io handshake: the client closes when it hears nothing for that long. */
const SOCKET_IO_HEARTBEAT_TIMEOUT_S = 60;
const SOCKET_IO_CLOSE_TIMEOUT_S = 60;

export class LinkServer {
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly rawSockets = new Set<Socket>();
  /** socket.io sessions handed out by the handshake and not yet used by a WebSocket. */
  private readonly pendingSessions = new Set<string>();
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
    this.http = createServer((request, response) => this.handshake(request, response));
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
    const details = {
      reason,
      from: options.from ?? (reason === 'samePlatformKick' ? ClientType.Web : ClientType.PC),
      custom: options.custom ?? '',
      customClientType: options.customClientType ?? 0,
    };
    const targets = this.openConnections().filter(
      (connection) => connection.loggedIn && connection.account === account,
    );
    if (targets.length === 0) throw new Error(`fake-nim: no logged-in connection for account "${account}" to kick`);
    for (const connection of targets) {
      this.send(connection, kickPacket(details, connection.v2 ? Command.v2Kicked : Command.kicked));
    }
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
      this.markClosed(connection);
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

  /**
   * While on, NIM packets get no reply (login and heartbeats time out in the SDK). The socket.io layer still
   * connects and beats: silence is the NIM server's, not the network's.
   */
  silent(on: boolean): void {
    this.isSilent = on;
  }

  connections(): ConnectionInfo[] {
    return this.connectionList.map(({ id, transport, account, loggedIn, open }) =>
      account === undefined ? { id, transport, loggedIn, open } : { id, transport, account, loggedIn, open },
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
    for (const connection of this.connectionList) {
      this.markClosed(connection);
      connection.socket.terminate();
    }
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

  /**
   * socket.io's XHR handshake. The page is on another origin (the HTTP server's port) and the client sends
   * credentials, so CORS must name the origin rather than say `*`.
   */
  private handshake(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://fake-nim').pathname;
    if (request.method !== 'GET' || !HANDSHAKE_PATH.test(path)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const session = randomBytes(10).toString('hex');
    this.pendingSessions.add(session);
    response.writeHead(200, {
      'content-type': 'text/plain',
      'access-control-allow-origin': request.headers.origin ?? '*',
      'access-control-allow-credentials': 'true',
    });
    response.end(handshakeBody(session, SOCKET_IO_HEARTBEAT_TIMEOUT_S, SOCKET_IO_CLOSE_TIMEOUT_S));
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://fake-nim').pathname;
    const session = WEBSOCKET_PATH.exec(path)?.[1];
    const transport: Transport | undefined =
      path === BINARY_PATH ? 'binary' : session && this.pendingSessions.delete(session) ? 'socket.io' : undefined;
    if (!transport) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, transport, request.socket));
  }

  private accept(socket: WebSocket, transport: Transport, raw: Socket): void {
    const connection: Connection = {
      id: this.connectionList.length + 1,
      transport,
      loggedIn: false,
      open: true,
      socket,
      remoteAddress: raw.remoteAddress ?? this.options.host,
      remotePort: raw.remotePort ?? 0,
    };
    this.connectionList.push(connection);
    socket.on('message', (data, isBinary) => this.receive(connection, data, isBinary));
    socket.on('close', () => this.markClosed(connection));
    // A client that resets the TCP connection makes ws emit 'error'; 'close' follows, nothing else to do.
    socket.on('error', () => {});
    if (transport === 'socket.io') {
      // The client counts itself connected on `1::`, and closes if it hears nothing for the heartbeat timeout.
      socket.send(encodeFrame('connect'));
      const interval = this.options.socketIoHeartbeatMs ?? 25_000;
      connection.heartbeatTimer = setInterval(() => socket.send(encodeFrame('heartbeat')), interval);
    }
  }

  private markClosed(connection: Connection): void {
    connection.open = false;
    connection.loggedIn = false;
    clearInterval(connection.heartbeatTimer);
  }

  private receive(connection: Connection, data: RawData, isBinary: boolean): void {
    const request = this.decode(connection.transport, data, isBinary);
    // Not a NIM packet: a real server would drop the link; keeping it open lets a test look at the socket.
    if (!request) return;
    const record: RequestRecord = {
      connectionId: connection.id,
      sid: request.sid,
      cid: request.cid,
      ser: request.ser,
      answered: false,
      at: Date.now(),
    };
    this.requestList.push(record);
    if (this.isSilent) return;
    const command = commandName(request.sid, request.cid);
    const reply = this.reply(connection, command, request);
    if (!reply) return;
    record.answered = true;
    this.send(connection, reply);
    if ((command === 'login' || command === 'v2Login') && connection.loggedIn)
      for (const waiter of [...this.loginWaiters]) waiter.check();
  }

  private decode(transport: Transport, data: RawData, isBinary: boolean): NimRequest | undefined {
    if (transport === 'binary') {
      if (!isBinary) return undefined;
      try {
        return decodeBinaryRequest(toBytes(data));
      } catch {
        return undefined;
      }
    }
    if (isBinary) return undefined;
    // Other socket.io frames (the client's `2::` answers, `0::` before it closes) carry no NIM packet.
    const frame = decodeFrame(toBytes(data).toString());
    return frame?.type === 'message' ? decodeJsonRequest(frame.data) : undefined;
  }

  private send(connection: Connection, packet: NimPacket): void {
    if (connection.transport === 'binary') connection.socket.send(encodeBinary(packet));
    else connection.socket.send(encodeFrame('message', encodeJson(packet)));
  }

  private reply(connection: Connection, command: ReturnType<typeof commandName>, request: NimRequest) {
    switch (command) {
      case 'login':
      case 'v2Login':
        return request.login ? this.login(connection, request.ser, request.login, command === 'v2Login') : undefined;
      case 'heartbeat':
        return emptyReply(Command.heartbeat, request.ser);
      case 'logout':
      case 'v2Logout':
        connection.loggedIn = false;
        return emptyReply(Command[command], request.ser);
      case 'getServerTime':
        return serverTimeReply(request.ser, Date.now());
      case 'getGrayscaleConfig':
        return grayscaleConfigReply(request.ser);
      case 'v2ConversationSync':
        return emptyReply(Command.v2ConversationSync, request.ser);
      case 'syncDone':
        return syncDoneReply(request.ser, Date.now());
      case 'getNosCdnHost':
        return nosCdnHostReply(request.ser);
      default:
        // Anything else the SDK asks (message sending, user info…) is beyond this fake: the SDK's own
        // command timeout reports it, which is also what a test of "no answer" wants to see.
        return undefined;
    }
  }

  private login(
    connection: Connection,
    ser: number,
    request: NonNullable<NimRequest['login']>,
    v2: boolean,
  ): NimPacket {
    const code = this.loginCodes.get(request.account) ?? this.loginCodes.get('*') ?? 200;
    connection.account = request.account;
    connection.loggedIn = code === 200;
    connection.v2 = v2;
    const record: LoginRecord = {
      account: request.account,
      appKey: request.appKey,
      code,
      connectionId: connection.id,
      at: Date.now(),
    };
    if (request.deviceId !== undefined) record.deviceId = request.deviceId;
    if (request.sdkVersion !== undefined) record.sdkVersion = request.sdkVersion;
    this.loginList.push(record);
    const session = { connectionId: String(connection.id), ip: connection.remoteAddress, port: connection.remotePort };
    if (v2)
      return v2LoginReply(ser, code, {
        ...session,
        ...(request.deviceId !== undefined && { deviceId: request.deviceId }),
      });
    return loginReply(ser, code, session);
  }

  private openConnections(): Connection[] {
    return this.connectionList.filter((connection) => connection.open);
  }
}

function toBytes(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return data;
}
