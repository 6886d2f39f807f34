/** The link reader inside the socket hook: which sockets it reads, and the events a NIM session's frames become. */
import { describe, expect, it } from 'vitest';
import { encodeBinary, encodeBinaryRequest } from '../../testkit/fake-nim/binary-wire';
import { Command, emptyReply, kickPacket, loginProperty, loginReply } from '../../testkit/fake-nim/nim-packets';
import { encodeFrame, encodeJson, encodeJsonRequest } from '../../testkit/fake-nim/socketio-wire';
import type { NimEvent } from '../model/events';
import { createLinkWatch } from '../wire/reader';
import { createHookCore } from './core';
import { instrumentWebSocket } from './websocket';
import { createFakeWindow, type FakeNativeWebSocket } from './websocket.fixture';

const TOKEN = 'secret-token-123';
const APP_KEY = 'fakeappkey0123456789abcdef012345';
const SESSION = { connectionId: '42', ip: '127.0.0.1', port: 5555 };

function setup(apiInstances: Record<string, string> = {}) {
  const fake = createFakeWindow();
  const core = createHookCore({ capacity: 10_000, doc: 'doc1' });
  const link = createLinkWatch(globalThis, core, { apiInstanceFor: (account) => apiInstances[account] });
  instrumentWebSocket(fake.win, core, { link, ownerOf: () => undefined });
  const PageWebSocket = fake.win.WebSocket;
  const open = (url: string) => {
    const page = new PageWebSocket(url);
    page.binaryType = 'arraybuffer';
    const native = fake.network.sockets.at(-1) as FakeNativeWebSocket;
    native.serverOpen();
    return { page, native };
  };
  const sdk = (events = core.events()) =>
    events
      .filter((event) => event.kind.startsWith('sdk.'))
      .map(({ kind, instanceId, data }) => ({ kind, instanceId, data }));
  return { core, open, sdk };
}

const buffer = (bytes: Uint8Array) => bytes.slice().buffer;
const binaryLogin = (account: string) =>
  buffer(encodeBinaryRequest(Command.login, 1, loginProperty({ account, appKey: APP_KEY, token: TOKEN })));

async function closed(native: FakeNativeWebSocket, code = 1006): Promise<void> {
  native.serverClose(code, '', false);
  await Promise.resolve();
}

describe('a bundled SDK seen only on the wire (binary)', () => {
  it('login, connect, lost link, reconnect, kick: one instance with its account, via the wire', async () => {
    const { core, open, sdk } = setup();
    const first = open('ws://127.0.0.1:9000/websocket');
    first.page.send(binaryLogin('alice'));
    first.native.serverMessage(buffer(encodeBinary(loginReply(1, 200, SESSION))));
    await closed(first.native);

    const second = open('ws://127.0.0.1:9000/websocket');
    second.page.send(binaryLogin('alice'));
    second.native.serverMessage(buffer(encodeBinary(loginReply(1, 200, SESSION))));
    second.native.serverMessage(
      buffer(encodeBinary(kickPacket({ reason: 'samePlatformKick', from: 16, custom: '', customClientType: 0 }))),
    );
    await closed(second.native, 1000);

    const events = sdk();
    const id = events[0]?.instanceId;
    expect(id).toBeDefined();
    expect(events).toEqual([
      {
        kind: 'sdk.getInstance',
        instanceId: id,
        data: {
          flavour: 'NIM',
          account: 'alice',
          appKey: 'fake…2345',
          reused: false,
          changed: [],
          options: {},
          via: 'wire',
        },
      },
      { kind: 'sdk.connect', instanceId: id, data: { connectionId: '42', ip: '127.0.0.1', port: 5555, via: 'wire' } },
      { kind: 'sdk.willReconnect', instanceId: id, data: { via: 'wire' } },
      { kind: 'sdk.connect', instanceId: id, data: { connectionId: '42', ip: '127.0.0.1', port: 5555, via: 'wire' } },
      {
        kind: 'sdk.disconnect',
        instanceId: id,
        data: { code: 'kicked', reason: 'samePlatformKick', from: 'Web', willReconnect: false, via: 'wire' },
      },
    ]);
    // Both sockets are the instance's: their close events name it.
    expect(
      core
        .events()
        .filter((event) => event.kind === 'ws.close')
        .map((event) => event.instanceId),
    ).toEqual([id, id]);
    expect(JSON.stringify(core.events())).not.toContain(TOKEN);
  });

  it('a refused login (302) ends the instance; its close is no reconnect', async () => {
    const { open, sdk } = setup();
    const link = open('ws://127.0.0.1:9000/websocket');
    link.page.send(binaryLogin('bob'));
    link.native.serverMessage(buffer(encodeBinary(loginReply(1, 302, SESSION))));
    await closed(link.native);
    expect(sdk().map(({ kind, data }) => [kind, 'code' in data ? data.code : undefined])).toEqual([
      ['sdk.getInstance', undefined],
      ['sdk.disconnect', 302],
    ]);
  });

  it('counts heartbeats in the traffic, and reports a failed reply by its command name', async () => {
    const { core, open } = setup();
    const link = open('ws://127.0.0.1:9000/websocket');
    link.page.send(binaryLogin('carol'));
    link.page.send(encodeBinaryRequest(Command.heartbeat, 0) as Uint8Array<ArrayBuffer>);
    link.native.serverMessage(buffer(encodeBinary(emptyReply(Command.heartbeat, 0))));
    link.native.serverMessage(buffer(encodeBinary({ ...emptyReply(Command.getNosCdnHost, 2), code: 500 })));
    await closed(link.native);
    const traffic = core
      .events()
      .filter((event): event is Extract<NimEvent, { kind: 'ws.traffic' }> => event.kind === 'ws.traffic');
    expect(traffic.reduce((sum, event) => sum + (event.data.heartbeats ?? 0), 0)).toBe(2);
    expect(core.events().find((event) => event.kind === 'sdk.error')?.data).toEqual({
      code: 500,
      message: 'getNosCdnHost',
      via: 'wire',
    });
  });
});

describe('socket.io text (the 8.9 SDK)', () => {
  it('reads the login after the handshake frames, and a logout', async () => {
    const { open, sdk } = setup();
    const link = open('ws://127.0.0.1:9000/socket.io/1/websocket/abc123');
    link.native.serverMessage('1::');
    link.page.send('2::');
    link.page.send(
      encodeFrame(
        'message',
        encodeJsonRequest(Command.login, 1, loginProperty({ account: 'dave', appKey: APP_KEY, token: TOKEN })),
      ),
    );
    link.native.serverMessage(encodeFrame('message', encodeJson(loginReply(1, 200, SESSION))));
    link.page.send(encodeFrame('message', encodeJsonRequest(Command.logout, 2)));
    await closed(link.native, 1000);
    expect(sdk().map(({ kind }) => kind)).toEqual(['sdk.getInstance', 'sdk.connect', 'sdk.disconnect']);
    expect(sdk()[2]?.data).toEqual({ code: 'logout', willReconnect: false, via: 'wire' });
  });
});

describe('which sockets are read', () => {
  it('a socket on another URL is never read, even if it carries NIM frames', () => {
    const { open, sdk } = setup();
    const other = open('ws://127.0.0.1:9000/chat');
    other.page.send(binaryLogin('eve'));
    expect(sdk()).toEqual([]);
  });

  it('a /websocket socket whose first frame is not a login stops being read', () => {
    const { open, sdk } = setup();
    const other = open('ws://127.0.0.1:9000/websocket');
    other.page.send('{"hello":1}');
    other.page.send(binaryLogin('eve'));
    expect(sdk()).toEqual([]);
  });

  it('an account the instrumented API knows gets no second instance', async () => {
    const { open, sdk } = setup({ frank: 'doc1-i9' });
    const link = open('ws://127.0.0.1:9000/websocket');
    link.page.send(binaryLogin('frank'));
    link.native.serverMessage(buffer(encodeBinary(loginReply(1, 417, SESSION))));
    link.native.serverMessage(buffer(encodeBinary({ ...emptyReply(Command.getNosCdnHost, 2), code: 500 })));
    await closed(link.native);
    // The API reports the refused login itself; the wire adds its code and the failed command no callback reports.
    expect(sdk()).toEqual([
      { kind: 'sdk.status', instanceId: 'doc1-i9', data: { event: 'login reply', status: '417', via: 'wire' } },
      { kind: 'sdk.error', instanceId: 'doc1-i9', data: { code: 500, message: 'getNosCdnHost', via: 'wire' } },
    ]);
  });

  it('adds to an instrumented instance who kicked it and why, which its ondisconnect leaves out', () => {
    const { open, sdk } = setup({ grace: 'doc1-i3' });
    const link = open('ws://127.0.0.1:9000/websocket');
    link.page.send(binaryLogin('grace'));
    link.native.serverMessage(buffer(encodeBinary(loginReply(1, 200, SESSION))));
    link.native.serverMessage(
      buffer(encodeBinary(kickPacket({ reason: 'samePlatformKick', from: 16, custom: 'bye', customClientType: 0 }))),
    );
    expect(sdk()).toEqual([
      { kind: 'sdk.status', instanceId: 'doc1-i3', data: { event: 'login reply', status: '200', via: 'wire' } },
      {
        kind: 'sdk.status',
        instanceId: 'doc1-i3',
        data: { event: 'kicked', status: 'samePlatformKick', detail: { from: 'Web', custom: 'bye' }, via: 'wire' },
      },
    ]);
  });
});
