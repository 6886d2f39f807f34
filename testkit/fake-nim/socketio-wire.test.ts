import { describe, expect, it } from 'vitest';
import { Command, kickPacket, loginReply } from './nim-packets';
import {
  decodeFrame,
  decodeJsonRequest,
  encodeFrame,
  encodeJson,
  HANDSHAKE_PATH,
  handshakeBody,
  WEBSOCKET_PATH,
} from './socketio-wire';

/** The login @yxim/nim-web-sdk 8.9.132 sent over socket.io in headless Chromium 156 (token 'secret-token'). */
const REAL_LOGIN_MESSAGE =
  '3:::{"SID":2,"CID":3,"SER":1,"timeout":8000,"hasPacketResponse":true,"hasPacketTimer":true,"Q":[{"t":"Property",' +
  '"v":{"3":16,"4":"Linux 64-bit","6":"2332","8":1,"9":1,"13":"7e43b8458e7b8dd6ff870cc1b290e09a","18":' +
  '"fakeappkey0123456789abcdef012345","19":"alice","24":"Chrome 156.0.0.0","26":"24ec03a4b46a6ec9bed654e943918134",' +
  '"38":"","40":"8.9.132","41":0,"42":"Native/8.9.132","112":0,"1000":"secret-token"}}]}';

describe('socket.io 0.9 frames', () => {
  it('encodes what a server sends as the client expects it', () => {
    expect(encodeFrame('connect')).toBe('1::');
    expect(encodeFrame('heartbeat')).toBe('2::');
    expect(encodeFrame('message', '{"a":1}')).toBe('3:::{"a":1}');
  });

  it('decodes the client frames, keeping colons inside the data', () => {
    expect(decodeFrame('2::')).toEqual({ type: 'heartbeat', id: '', endpoint: '', data: '' });
    expect(decodeFrame('0::')).toMatchObject({ type: 'disconnect' });
    expect(decodeFrame('3:::{"a":"b:c"}')).toEqual({ type: 'message', id: '', endpoint: '', data: '{"a":"b:c"}' });
    expect(decodeFrame('9::')).toBeUndefined();
    expect(decodeFrame('hello')).toBeUndefined();
  });

  it('answers the handshake with session, timeouts and the websocket transport only', () => {
    expect(handshakeBody('abc', 60, 60)).toBe('abc:60:60:websocket');
    expect(HANDSHAKE_PATH.test('/socket.io/1/')).toBe(true);
    expect(WEBSOCKET_PATH.exec('/socket.io/1/websocket/abc')?.[1]).toBe('abc');
  });
});

describe('NIM packets as socket.io JSON', () => {
  it('decodes the real login message into a login request without the token', () => {
    const frame = decodeFrame(REAL_LOGIN_MESSAGE);
    const request = decodeJsonRequest(frame?.data ?? '');
    expect(request).toEqual({
      sid: 2,
      cid: 3,
      ser: 1,
      login: {
        account: 'alice',
        appKey: 'fakeappkey0123456789abcdef012345',
        deviceId: '7e43b8458e7b8dd6ff870cc1b290e09a',
        sdkVersion: '2332',
        clientType: 16,
        hasToken: true,
      },
    });
    expect(JSON.stringify(request)).not.toContain('secret-token');
  });

  it('decodes other requests to their command, and refuses what is not one', () => {
    expect(decodeJsonRequest('{"SID":6,"CID":26,"SER":2,"Q":[]}')).toEqual({ sid: 6, cid: 26, ser: 2 });
    expect(decodeJsonRequest('{"SID":"6"}')).toBeUndefined();
    expect(decodeJsonRequest('not json')).toBeUndefined();
    expect(decodeJsonRequest('null')).toBeUndefined();
  });

  it('encodes replies as {sid, cid, ser, code, r} with body values in order', () => {
    const session = { connectionId: '1', ip: '127.0.0.1', port: 39908 };
    expect(JSON.parse(encodeJson(loginReply(1, 200, session)))).toEqual({
      ...Command.login,
      ser: 1,
      code: 200,
      r: [{ 102: '1', 103: '127.0.0.1', 104: '39908' }, [], {}],
    });
    expect(JSON.parse(encodeJson(loginReply(1, 302, session)))).toEqual({ ...Command.login, ser: 1, code: 302, r: [] });
    const kick = kickPacket({ reason: 'samePlatformKick', from: 16, custom: '', customClientType: 0 });
    expect(JSON.parse(encodeJson(kick)).r).toEqual([16, 1, '', 0]);
  });
});
