import { describe, expect, it } from 'vitest';
import { encodeBinary, encodeBinaryRequest } from '../../testkit/fake-nim/binary-wire';
import {
  Command,
  emptyReply,
  kickPacket,
  loginProperty,
  loginReply,
  type NimPacket,
  syncDoneReply,
} from '../../testkit/fake-nim/nim-packets';
import { REAL_LOGIN_FRAME } from '../../testkit/fake-nim/real-frames';
import { encodeFrame, encodeJson, encodeJsonRequest } from '../../testkit/fake-nim/socketio-wire';
import { decodeLinkFrame } from '.';

const V2_LOGIN = { sid: 26, cid: 3 };
const V2_KICKED = { sid: 26, cid: 9 };
const SESSION = { connectionId: '77', ip: '10.0.0.1', port: 4321 };

/** The same packet on both framings: binary bytes and a socket.io message frame. */
const framings = {
  binary: (packet: NimPacket) => encodeBinary(packet),
  'socket.io': (packet: NimPacket) => encodeFrame('message', encodeJson(packet)),
};
const requestFramings = {
  binary: encodeBinaryRequest,
  'socket.io': (
    command: { sid: number; cid: number },
    ser: number,
    ...body: Parameters<typeof encodeJsonRequest>[2][]
  ) => encodeFrame('message', encodeJsonRequest(command, ser, ...body)),
};

describe('the real SDK login frame', () => {
  it('reads account, appKey, device, version and client type, and no token', () => {
    const message = decodeLinkFrame(REAL_LOGIN_FRAME, 'out');
    expect(message).toEqual({
      type: 'login',
      ser: 1,
      login: {
        account: 'alice',
        appKey: 'fakeappkey0123456789abcdef012345',
        deviceId: '45a6fb3e80203f1163b8863db39ce79e',
        sdkVersion: '92112',
        clientType: 16,
      },
    });
    expect(JSON.stringify(message)).not.toContain('secret-token');
  });
});

for (const [framing, encode] of Object.entries(framings)) {
  describe(`${framing} replies and pushes`, () => {
    it('a 200 login reply gives its session (v9 loginRes)', () => {
      expect(decodeLinkFrame(encode(loginReply(4, 200, SESSION)), 'in')).toEqual({
        type: 'loginReply',
        ser: 4,
        code: 200,
        session: { connectionId: '77', ip: '10.0.0.1', port: '4321' },
      });
    });

    it('a v10 26_3 reply gives its session from mixAuthRepTag', () => {
      const packet: NimPacket = {
        ...V2_LOGIN,
        ser: 2,
        code: 200,
        body: [
          { type: 'Property', value: { 1: 'device', 2: '88', 3: '10.0.0.2', 4: '99', 5: '16' } },
          { type: 'PropertyArray', value: [] },
        ],
      };
      expect(decodeLinkFrame(encode(packet), 'in')).toEqual({
        type: 'loginReply',
        ser: 2,
        code: 200,
        session: { connectionId: '88', ip: '10.0.0.2', port: '99' },
      });
    });

    it('a refused login gives its code', () => {
      expect(decodeLinkFrame(encode(loginReply(1, 302, SESSION)), 'in')).toEqual({
        type: 'loginReply',
        ser: 1,
        code: 302,
        session: {},
      });
    });

    it('a kick (2_5, and v10 26_9) gives who kicked and why', () => {
      const details = { reason: 'otherPlatformKick' as const, from: 4, custom: 'bye', customClientType: 7 };
      const expected = { type: 'kicked', kick: { from: 4, reason: 3, custom: 'bye', customClientType: 7 } };
      expect(decodeLinkFrame(encode(kickPacket(details)), 'in')).toEqual(expected);
      const v2: NimPacket = { ...kickPacket(details), ...V2_KICKED };
      expect(decodeLinkFrame(encode(v2), 'in')).toEqual(expected);
    });

    it('names a failed reply to any other command, and ignores successful ones', () => {
      expect(decodeLinkFrame(encode({ ...emptyReply(Command.getNosCdnHost, 9), code: 500 }), 'in')).toEqual({
        type: 'failed',
        sid: 6,
        cid: 26,
        ser: 9,
        code: 500,
        name: 'getNosCdnHost',
      });
      expect(decodeLinkFrame(encode({ sid: 40, cid: 1, ser: 3, code: 414, body: [] }), 'in')).toMatchObject({
        name: '40_1',
      });
      expect(decodeLinkFrame(encode(syncDoneReply(5, 1_700_000_000_000)), 'in')).toBeUndefined();
    });

    it('a heartbeat reply is a heartbeat, the same object every time', () => {
      const first = decodeLinkFrame(encode(emptyReply(Command.heartbeat, 0)), 'in');
      expect(first).toEqual({ type: 'heartbeat', direction: 'in' });
      expect(decodeLinkFrame(encode(emptyReply(Command.heartbeat, 0)), 'in')).toBe(first);
    });
  });
}

for (const [framing, encode] of Object.entries(requestFramings)) {
  describe(`${framing} requests`, () => {
    const login = loginProperty({ account: 'bob', appKey: 'k'.repeat(32), token: 'tok-123', deviceId: 'dev' });

    it('a login request (2_3 and v10 26_3) without its token', () => {
      for (const command of [Command.login, V2_LOGIN]) {
        const message = decodeLinkFrame(encode(command, 7, login), 'out');
        expect(message).toEqual({
          type: 'login',
          ser: 7,
          login: { account: 'bob', appKey: 'k'.repeat(32), deviceId: 'dev', sdkVersion: '92112', clientType: 16 },
        });
        expect(JSON.stringify(message)).not.toContain('tok-123');
      }
    });

    it('drops any value equal to the token', () => {
      const echoed = { ...login, 19: 'tok-123', 13: 'tok-123' };
      const message = decodeLinkFrame(encode(Command.login, 1, echoed), 'out');
      expect(message).toMatchObject({ type: 'login', login: { appKey: 'k'.repeat(32) } });
      expect(JSON.stringify(message)).not.toContain('tok-123');
    });

    it('logout and heartbeat; other requests are nothing to report', () => {
      expect(decodeLinkFrame(encode(Command.logout, 12), 'out')).toEqual({ type: 'logout', ser: 12 });
      expect(decodeLinkFrame(encode({ sid: 26, cid: 5 }, 3), 'out')).toEqual({ type: 'logout', ser: 3 });
      expect(decodeLinkFrame(encode(Command.heartbeat, 0), 'out')).toEqual({ type: 'heartbeat', direction: 'out' });
      expect(decodeLinkFrame(encode({ sid: 7, cid: 1 }, 4, { 1: 'hello' }), 'out')).toBeUndefined();
    });
  });
}

describe('socket.io frames that carry no NIM packet', () => {
  it('connect, socket.io heartbeat, disconnect and non-JSON text are nothing to report', () => {
    for (const text of ['1::', '2::', '0::', '3:::not json', 'hello', '']) {
      expect(decodeLinkFrame(text, 'in')).toBeUndefined();
      expect(decodeLinkFrame(text, 'out')).toBeUndefined();
    }
  });

  it('a kick as the real server writes it', () => {
    expect(decodeLinkFrame('3:::{"sid":2,"cid":5,"ser":0,"code":200,"r":[16,1,"bye",0]}', 'in')).toEqual({
      type: 'kicked',
      kick: { from: 16, reason: 1, custom: 'bye', customClientType: 0 },
    });
  });

  it('reads the header of a reply only where the header is, not a "sid" deep in a long body', () => {
    const chat = `3:::{"sid":7,"cid":2,"ser":0,"code":200,"r":[{"1":"${'x'.repeat(500)}","sid":2,"cid":5}]}`;
    expect(decodeLinkFrame(chat, 'in')).toBeUndefined();
    const late = `3:::{"r":[{"1":"${'x'.repeat(500)}"}],"sid":2,"cid":5}`;
    expect(decodeLinkFrame(late, 'in')).toBeUndefined();
  });
});
