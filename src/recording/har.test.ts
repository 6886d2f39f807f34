import { describe, expect, it } from 'vitest';
import { encodeBinary, encodeBinaryRequest } from '../../testkit/fake-nim/binary-wire';
import { Command, kickPacket, loginProperty, loginReply } from '../../testkit/fake-nim/nim-packets';
import { encodeFrame, encodeJson, encodeJsonRequest } from '../../testkit/fake-nim/socketio-wire';
import { applyEvents, createSession } from '../session/reducer';
import { importHar, looksLikeHar } from './har';
import { parseRecording } from './parse';

const TOKEN = 'har-secret-token';
const SESSION = { connectionId: '9', ip: '127.0.0.1', port: 4000 };
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0) / 1000;

type Frame = { type: 'send' | 'receive'; time: number; data: string | Uint8Array };

/** A WebSocket entry as Chrome DevTools writes it: binary frames base64 with opcode 2, text with opcode 1. */
function socketEntry(url: string, startSeconds: number, frames: Frame[]) {
  return {
    startedDateTime: new Date(startSeconds * 1000).toISOString(),
    time: 0,
    request: { method: 'GET', url, headers: [{ name: 'Cookie', value: `session=${TOKEN}` }] },
    response: { status: 101, headers: [] },
    _resourceType: 'websocket',
    _webSocketMessages: frames.map(({ type, time, data }) =>
      typeof data === 'string'
        ? { type, time, opcode: 1, data }
        : { type, time, opcode: 2, data: Buffer.from(data).toString('base64') },
    ),
  };
}

function har(...entries: unknown[]) {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ title: `https://app.example/chat?token=${TOKEN}` }],
      entries,
    },
  });
}

const login = (account: string) => loginProperty({ account, appKey: 'fakeappkey0123456789abcdef012345', token: TOKEN });

describe('importHar', () => {
  it('replays a binary link session: login, reconnect after a dropped link, kick', () => {
    const text = har(
      { startedDateTime: new Date(T0 * 1000).toISOString(), request: { url: 'https://app.example/' }, response: {} },
      socketEntry('wss://link.example/websocket', T0, [
        { type: 'send', time: T0 + 0.01, data: encodeBinaryRequest(Command.login, 1, login('alice')) },
        { type: 'receive', time: T0 + 0.05, data: encodeBinary(loginReply(1, 200, SESSION)) },
      ]),
      socketEntry('wss://link.example/websocket', T0 + 2, [
        { type: 'send', time: T0 + 2.01, data: encodeBinaryRequest(Command.login, 1, login('alice')) },
        { type: 'receive', time: T0 + 2.05, data: encodeBinary(loginReply(1, 200, SESSION)) },
        {
          type: 'receive',
          time: T0 + 5,
          data: encodeBinary(kickPacket({ reason: 'otherPlatformKick', from: 4, custom: '', customClientType: 0 })),
        },
      ]),
    );
    const result = importHar(text, { exportedAt: new Date(T0 * 1000) });
    if (!result.ok) throw new Error(result.error.message);
    const { recording } = result;
    expect(recording.tool).toEqual({ name: 'WebInspector', version: '537.36' });
    expect(recording.page.url).toBe('https://app.example/chat?token=[redacted]');
    const lifecycle = recording.events.filter((event) => event.kind.startsWith('sdk.')).map((event) => event.kind);
    expect(lifecycle).toEqual(['sdk.getInstance', 'sdk.connect', 'sdk.willReconnect', 'sdk.connect', 'sdk.disconnect']);

    const state = createSession();
    applyEvents(state, recording.events);
    expect(
      [...state.instances.values()].map(({ account, state, via, connects }) => ({ account, state, via, connects })),
    ).toEqual([{ account: 'alice', state: 'disconnected', via: 'wire', connects: 2 }]);
    expect(state.instances.values().next().value?.lastDisconnect).toMatchObject({
      code: 'kicked',
      reason: 'otherPlatformKick',
    });

    // No secret anywhere, and what import made is an ordinary v1 recording.
    const exported = JSON.stringify(recording);
    expect(exported).not.toContain(TOKEN);
    expect(parseRecording(exported).ok).toBe(true);
  });

  it('replays socket.io text frames (the 8.9 SDK) and a refused login', () => {
    const text = har(
      socketEntry('ws://link.example/socket.io/1/websocket/abc', T0, [
        { type: 'receive', time: T0 + 0.01, data: '1::' },
        {
          type: 'send',
          time: T0 + 0.02,
          data: encodeFrame('message', encodeJsonRequest(Command.login, 1, login('bob'))),
        },
        { type: 'receive', time: T0 + 0.03, data: encodeFrame('message', encodeJson(loginReply(1, 302, SESSION))) },
      ]),
    );
    const result = importHar(text);
    if (!result.ok) throw new Error(result.error.message);
    const disconnect = result.recording.events.find((event) => event.kind === 'sdk.disconnect');
    expect(disconnect?.data).toEqual({ code: 302, willReconnect: false, via: 'wire' });
    expect(JSON.stringify(result.recording)).not.toContain(TOKEN);
  });

  it('says plainly when there is nothing to show, and what is wrong with a broken HAR', () => {
    expect(importHar(har())).toMatchObject({ ok: false, error: { code: 'no-nim', message: /no WebSocket/ } });
    const chat = socketEntry('wss://other.example/ws', T0, [{ type: 'receive', time: T0, data: 'hello' }]);
    expect(importHar(har(chat))).toMatchObject({
      ok: false,
      error: { code: 'no-nim', message: /none carries a NIM login/ },
    });
    expect(importHar('{"log": {"entries": [')).toMatchObject({ ok: false, error: { code: 'not-json' } });
    expect(importHar('{"log": {}}')).toMatchObject({
      ok: false,
      error: { code: 'not-har', message: 'not a usable HAR: log.entries is missing' },
    });
    const badFrame = { ...chat, _webSocketMessages: [{ type: 'send', time: 'later', opcode: 1, data: '' }] };
    expect(importHar(har(badFrame))).toMatchObject({
      ok: false,
      error: { code: 'not-har', message: /log\.entries\[0\]\._webSocketMessages\[0\]\.time: expected number/ },
    });
  });

  it('tells a HAR from a recording by name or by its first key', () => {
    expect(looksLikeHar('session.har', '')).toBe(true);
    expect(looksLikeHar('x.json', '  {\n "log": {}}')).toBe(true);
    expect(looksLikeHar('x.json', '{"format": "nim-devtools-recording"}')).toBe(false);
  });
});
