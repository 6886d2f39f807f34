import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeBinaryRequest } from './binary-wire';
import { type FakeNim, startFakeNim } from './index';
import { LinkServer } from './link-server';
import { Command, loginProperty } from './nim-packets';
import { type PacketHeader, PacketReader, PacketWriter, TAG_HAS_CODE } from './protocol';
import { decodeFrame, encodeFrame, encodeJsonRequest } from './socketio-wire';

const APP_KEY = 'fakeappkey0123456789abcdef012345';
const TOKEN = 'do-not-store-me';

/** A WebSocket client that queues the frames it receives, so a test can await them in order. */
class Client {
  readonly socket: WebSocket;
  private readonly frames: Buffer[] = [];
  private readonly waiters: Array<(frame: Buffer) => void> = [];
  readonly closed: Promise<number>;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data: Buffer) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(data);
      else this.frames.push(data);
    });
    this.closed = new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
    this.socket.on('error', () => {});
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  nextFrame(): Promise<Buffer> {
    const frame = this.frames.shift();
    return frame ? Promise.resolve(frame) : new Promise((resolve) => this.waiters.push(resolve));
  }

  async next(): Promise<{ header: PacketHeader; body: PacketReader }> {
    const body = new PacketReader(await this.nextFrame());
    return { header: body.header(), body };
  }

  async nextText(): Promise<string> {
    return (await this.nextFrame()).toString();
  }

  /** True when nothing arrives within `ms`. */
  async quietFor(ms: number): Promise<boolean> {
    await sleep(ms);
    return this.frames.length === 0;
  }

  send(data: Uint8Array | string): void {
    this.socket.send(data);
  }

  login(account: string, ser = 1): void {
    this.send(encodeBinaryRequest(Command.login, ser, credentials(account)));
  }
}

const credentials = (account: string) =>
  loginProperty({ account, appKey: APP_KEY, token: TOKEN, deviceId: 'device-1' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fake: FakeNim;
const clients: Client[] = [];

async function connect(): Promise<Client> {
  const client = new Client(`ws://${fake.linkAddress}/websocket`);
  clients.push(client);
  await client.opened();
  return client;
}

async function loggedIn(account: string): Promise<Client> {
  const client = await connect();
  client.login(account);
  const reply = await client.next();
  expect(reply.header.code).toBe(200);
  return client;
}

describe('link server', () => {
  beforeEach(async () => {
    fake = await startFakeNim();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await fake.close();
  });

  it('answers a login with 200, the connection id and the client address', async () => {
    const client = await connect();
    client.login('alice', 5);
    const { header, body } = await client.next();
    expect(header).toMatchObject({ ...Command.login, ser: 5, tag: 0, code: 200 });
    const loginRes = body.property();
    expect(loginRes[102]).toBe('1');
    expect(loginRes[103]).toBe('127.0.0.1');
    expect(Number(loginRes[104])).toBeGreaterThan(0);
    expect(body.propertyArray()).toEqual([]);
    expect(body.property()).toEqual({});
    expect(body.remaining).toBe(0);

    expect(fake.logins()).toEqual([
      expect.objectContaining({ account: 'alice', appKey: APP_KEY, deviceId: 'device-1', code: 200, connectionId: 1 }),
    ]);
    expect(JSON.stringify([fake.logins(), fake.connections(), fake.requests()])).not.toContain(TOKEN);
    expect(fake.connections()).toEqual([{ id: 1, transport: 'binary', account: 'alice', loggedIn: true, open: true }]);
  });

  it('answers with a header-only error code, per account or for every account', async () => {
    fake.setLoginResponse('*', 417);
    fake.setLoginResponse('bob', 302);
    const bob = await connect();
    bob.login('bob');
    const bobReply = await bob.next();
    expect(bobReply.header).toMatchObject({ ...Command.login, tag: TAG_HAS_CODE, code: 302 });
    expect(bobReply.body.remaining).toBe(0);

    const carol = await connect();
    carol.login('carol');
    expect((await carol.next()).header.code).toBe(417);
    expect(fake.logins().map((login) => [login.account, login.code])).toEqual([
      ['bob', 302],
      ['carol', 417],
    ]);
    expect(fake.connections().every((connection) => !connection.loggedIn)).toBe(true);
  });

  it('answers heartbeat, sync and getNosCdnHost, and records a command it does not know without answering', async () => {
    const client = await loggedIn('alice');
    client.send(new PacketWriter().header({ ...Command.heartbeat, ser: 0, tag: 0 }).bytes());
    const heartbeat = await client.next();
    expect(heartbeat.header).toMatchObject({ ...Command.heartbeat, ser: 0, code: 200 });
    expect(heartbeat.body.remaining).toBe(0);

    const before = Date.now();
    client.send(
      new PacketWriter()
        .header({ ...Command.syncDone, ser: 2, tag: 0 })
        .property({})
        .bytes(),
    );
    const sync = await client.next();
    expect(sync.header).toMatchObject({ ...Command.syncDone, ser: 2 });
    expect(Number(sync.body.u64())).toBeGreaterThanOrEqual(before);

    client.send(new PacketWriter().header({ ...Command.getNosCdnHost, ser: 3, tag: 0 }).bytes());
    const nos = await client.next();
    expect(nos.header).toMatchObject({ ...Command.getNosCdnHost, ser: 3 });
    expect(nos.body.property()).toEqual({});

    client.send(new PacketWriter().header({ sid: 7, cid: 1, ser: 4, tag: 0 }).bytes());
    expect(await client.quietFor(150)).toBe(true);
    expect(fake.requests().map(({ sid, cid, answered }) => [`${sid}_${cid}`, answered])).toEqual([
      ['2_3', true],
      ['1_2', true],
      ['5_1', true],
      ['6_26', true],
      ['7_1', false],
    ]);
  });

  it('marks the connection logged out on logout', async () => {
    const client = await loggedIn('alice');
    client.send(new PacketWriter().header({ ...Command.logout, ser: 2, tag: 0 }).bytes());
    expect((await client.next()).header).toMatchObject({ ...Command.logout, ser: 2, code: 200 });
    expect(fake.connections()[0]?.loggedIn).toBe(false);
  });

  it('kicks with a 2_5 push: same platform from Web by default, or what the test says', async () => {
    const client = await loggedIn('alice');
    fake.kick('alice');
    const kick = await client.next();
    expect(kick.header).toMatchObject({ ...Command.kicked, ser: 0, tag: 0 });
    expect(readKick(kick.body)).toEqual({ from: 16, reason: 1, custom: '', customClientType: 0 });

    fake.kick('alice', 'otherPlatformKick', { from: 1, custom: 'bye' });
    expect(readKick((await client.next()).body)).toMatchObject({ from: 1, reason: 3, custom: 'bye' });
    expect(() => fake.kick('nobody')).toThrow(/no logged-in connection/);
  });

  it('speaks the v10 V2 API: 26_3 login, the post-login commands, 26_9 kick, 26_5 logout', async () => {
    const client = await connect();
    client.send(encodeBinaryRequest(Command.v2Login, 1, credentials('alice')));
    const login = await client.next();
    expect(login.header).toMatchObject({ ...Command.v2Login, ser: 1, code: 200 });
    expect(login.body.property()).toMatchObject({ 1: 'device-1', 2: '1', 3: '127.0.0.1', 5: '16' });
    expect(login.body.propertyArray()).toEqual([]);
    expect(login.body.remaining).toBe(0);

    const before = Date.now();
    client.send(encodeBinaryRequest(Command.getServerTime, 2));
    expect(Number((await client.next()).body.u64())).toBeGreaterThanOrEqual(before);
    client.send(encodeBinaryRequest(Command.getGrayscaleConfig, 3, {}));
    expect((await client.next()).body.property()).toEqual({});
    client.send(encodeBinaryRequest(Command.v2ConversationSync, 4, {}));
    expect((await client.next()).header).toMatchObject({ ...Command.v2ConversationSync, ser: 4, code: 200 });

    fake.kick('alice', 'serverKick', { custom: 'bye' });
    const kick = await client.next();
    expect(kick.header).toMatchObject({ ...Command.v2Kicked, ser: 0 });
    expect(readKick(kick.body)).toMatchObject({ reason: 2, custom: 'bye' });

    client.send(encodeBinaryRequest(Command.v2Logout, 5));
    expect((await client.next()).header).toMatchObject({ ...Command.v2Logout, ser: 5, code: 200 });
    expect(fake.connections()[0]?.loggedIn).toBe(false);

    fake.setLoginResponse('bob', 302);
    const bob = await connect();
    bob.send(encodeBinaryRequest(Command.v2Login, 1, credentials('bob')));
    const refused = await bob.next();
    expect(refused.header).toMatchObject({ ...Command.v2Login, code: 302 });
    expect(refused.body.remaining).toBe(0);
  });

  it('drops like a dead server (1006) or with a close code, only for the account asked', async () => {
    const alice = await loggedIn('alice');
    const bob = await loggedIn('bob');
    fake.drop('alice');
    expect(await alice.closed).toBe(1006);
    expect(bob.socket.readyState).toBe(WebSocket.OPEN);
    fake.drop(undefined, 4000);
    expect(await bob.closed).toBe(4000);
    expect(fake.connections().map((connection) => connection.open)).toEqual([false, false]);
  });

  it('refuses TCP connections while refusing, and accepts again on the same port', async () => {
    const before = await loggedIn('alice');
    await fake.refuse(true);
    const refused = new Client(`ws://${fake.linkAddress}/websocket`);
    await expect(refused.opened()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(before.socket.readyState).toBe(WebSocket.OPEN);
    await fake.refuse(false);
    await loggedIn('alice');
  });

  it('accepts but never answers while silent', async () => {
    fake.silent(true);
    const client = await connect();
    client.login('alice');
    expect(await client.quietFor(200)).toBe(true);
    expect(fake.requests()).toEqual([expect.objectContaining({ sid: 2, cid: 3, answered: false })]);
    expect(fake.logins()).toEqual([]);
    fake.silent(false);
    client.login('alice', 2);
    expect((await client.next()).header.code).toBe(200);
  });

  it('waits for a login: at once when logged in, until the next one after a drop, and fails on timeout', async () => {
    await loggedIn('alice');
    await fake.waitForLogin('alice', 50);
    fake.drop('alice');
    const waiting = fake.waitForLogin('alice', 2000);
    await loggedIn('alice');
    await waiting;
    await expect(fake.waitForLogin('bob', 50)).rejects.toThrow(
      /no login of "bob" within 50 ms \(logins seen: alice:200/,
    );
  });

  it('rejects pending waits and ends every socket on close', async () => {
    const client = await loggedIn('alice');
    const pending = expect(fake.waitForLogin('bob', 5000)).rejects.toThrow(/closed/);
    await fake.close();
    await pending;
    expect(await client.closed).toBe(1006);
    const late = new Client(`ws://${fake.linkAddress}/websocket`);
    await expect(late.opened()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('upgrades only /websocket', async () => {
    const client = new Client(`ws://${fake.linkAddress}/other`);
    await expect(client.opened()).rejects.toThrow(/404/);
  });

  describe('socket.io transport', () => {
    const handshake = (origin = 'http://127.0.0.1:1234') =>
      fetch(`http://${fake.linkAddress}/socket.io/1/?t=${Date.now()}`, { headers: { origin } });

    it('handshakes over HTTP with credentialed CORS for the page origin', async () => {
      const response = await handshake();
      expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:1234');
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(await response.text()).toMatch(/^[0-9a-f]{20}:60:60:websocket$/);
    });

    it('connects with 1::, answers NIM packets as JSON messages and kicks the same way', async () => {
      const session = (await (await handshake()).text()).split(':')[0];
      const client = new Client(`ws://${fake.linkAddress}/socket.io/1/websocket/${session}`);
      clients.push(client);
      await client.opened();
      expect(await client.nextText()).toBe('1::');

      client.send(encodeFrame('message', encodeJsonRequest(Command.login, 1, credentials('alice'))));
      const reply = decodeFrame(await client.nextText());
      expect(reply?.type).toBe('message');
      expect(JSON.parse(reply?.data ?? '')).toEqual({
        ...Command.login,
        ser: 1,
        code: 200,
        r: [{ 102: '1', 103: '127.0.0.1', 104: expect.stringMatching(/^\d+$/) }, [], {}],
      });
      expect(fake.connections()).toEqual([
        { id: 1, transport: 'socket.io', account: 'alice', loggedIn: true, open: true },
      ]);
      expect(fake.logins()[0]).toMatchObject({ account: 'alice', deviceId: 'device-1', code: 200 });

      client.send(encodeFrame('heartbeat'));
      fake.kick('alice');
      expect(await client.nextText()).toBe('3:::{"sid":2,"cid":5,"ser":0,"code":200,"r":[16,1,"",0]}');
      expect(fake.requests()).toHaveLength(1);
    });

    it('accepts each handshake session once, and no unknown session', async () => {
      const session = (await (await handshake()).text()).split(':')[0];
      const first = new Client(`ws://${fake.linkAddress}/socket.io/1/websocket/${session}`);
      clients.push(first);
      await first.opened();
      const again = new Client(`ws://${fake.linkAddress}/socket.io/1/websocket/${session}`);
      await expect(again.opened()).rejects.toThrow(/404/);
      const unknown = new Client(`ws://${fake.linkAddress}/socket.io/1/websocket/nope`);
      await expect(unknown.opened()).rejects.toThrow(/404/);
    });

    it('sends socket.io heartbeats so the client does not time out, until the socket closes', async () => {
      const link = new LinkServer({ host: '127.0.0.1', port: 0, socketIoHeartbeatMs: 40 });
      await link.start();
      try {
        const response = await fetch(`http://${link.address}/socket.io/1/`);
        const session = (await response.text()).split(':')[0];
        const client = new Client(`ws://${link.address}/socket.io/1/websocket/${session}`);
        clients.push(client);
        await client.opened();
        expect([await client.nextText(), await client.nextText(), await client.nextText()]).toEqual([
          '1::',
          '2::',
          '2::',
        ]);
        link.drop();
        await client.closed;
      } finally {
        await link.close();
      }
    });
  });
});

describe('http server', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fake-nim-'));
    await mkdir(join(root, 'pages', 'nested'), { recursive: true });
    await writeFile(join(root, 'pages', 'index.html'), '<p>home</p>');
    await writeFile(join(root, 'pages', 'nested', 'app.js'), 'export {};');
    await writeFile(join(root, 'sdk.js'), 'window.SDK = 1;');
    await writeFile(join(root, 'secret.txt'), 'outside the root');
    fake = await startFakeNim({ staticRoots: { '/': join(root, 'pages'), '/sdk/': root } });
  });

  afterAll(async () => {
    await fake.close();
    await rm(root, { recursive: true });
  });

  it('answers the LBS with the link address and records the request', async () => {
    const response = await fetch(`${fake.privateConf().lbs_web}?id=alice&sv=92112&pv=1&k=${APP_KEY}`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const link = [fake.linkAddress];
    expect(await response.json()).toEqual({ common: { link, 'link.default': link, 'mix.link': link } });
    expect(fake.lbsRequests()).toEqual([
      expect.objectContaining({ account: 'alice', appKey: APP_KEY, sdkVersion: '92112' }),
    ]);
  });

  it('gives the privateConf that keeps the SDK here', () => {
    expect(fake.privateConf()).toEqual({
      lbs_web: `${fake.httpUrl}/lbs/webconf.jsp`,
      link_web: fake.linkAddress,
      link_ssl_web: false,
      isDataReportEnable: false,
      isABTestEnable: false,
      isMixStoreEnable: false,
    });
    expect(fake.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves files with their content type, the longest prefix first, and index.html for a directory', async () => {
    const home = await fetch(`${fake.httpUrl}/`);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toBe('<p>home</p>');
    const script = await fetch(`${fake.httpUrl}/nested/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await fetch(`${fake.httpUrl}/sdk/sdk.js`)).text()).toBe('window.SDK = 1;');
    expect((await fetch(`${fake.httpUrl}/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside its root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/nested/..%2f..%2fsecret.txt']) {
      expect(await rawGet(path), path).toBe(404);
    }
  });

  it('adds a strict Content-Security-Policy on ?csp=strict and refuses unknown policies', async () => {
    const strict = await fetch(`${fake.httpUrl}/?csp=strict`);
    expect(strict.headers.get('content-security-policy')).toBe("script-src 'self'");
    expect((await fetch(`${fake.httpUrl}/`)).headers.get('content-security-policy')).toBeNull();
    expect((await fetch(`${fake.httpUrl}/?csp=loose`)).status).toBe(400);
  });

  it('answers CORS preflights', async () => {
    const response = await fetch(`${fake.httpUrl}/sdk/sdk.js`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

function readKick(body: PacketReader) {
  return { from: body.u32(), reason: body.u32(), custom: body.string(), customClientType: body.u32() };
}

/** fetch() normalises `..` away; node:http sends the path as written. */
function rawGet(path: string): Promise<number> {
  const { hostname, port } = new URL(fake.httpUrl);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}
