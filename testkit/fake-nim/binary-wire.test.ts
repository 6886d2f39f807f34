import { describe, expect, it } from 'vitest';
import { decodeBinaryRequest, encodeBinary, encodeBinaryRequest } from './binary-wire';
import { Command, emptyReply, kickPacket, loginReply, syncDoneReply } from './nim-packets';
import { PacketReader, TAG_HAS_CODE } from './protocol';
import { REAL_LOGIN_FRAME } from './real-frames';

describe('the real SDK login frame', () => {
  it('is a 2_3 header followed by one Property of 17 keys holding the token under 1000', () => {
    const reader = new PacketReader(REAL_LOGIN_FRAME);
    expect(reader.header()).toEqual({ packetLength: 0, sid: 2, cid: 3, ser: 1, tag: 0, code: 200 });
    const login = reader.property();
    expect(Object.keys(login)).toHaveLength(17);
    expect(login).toMatchObject({ 3: '16', 6: '92112', 18: 'fakeappkey0123456789abcdef012345', 19: 'alice' });
    expect(login[1000]).toBe('secret-token');
    expect(login[13]).toMatch(/^[0-9a-f]{32}$/);
    expect(reader.remaining).toBe(0);
  });

  it('decodes into a login request without the token', () => {
    const request = decodeBinaryRequest(REAL_LOGIN_FRAME);
    expect(request).toEqual({
      sid: 2,
      cid: 3,
      ser: 1,
      login: {
        account: 'alice',
        appKey: 'fakeappkey0123456789abcdef012345',
        deviceId: '45a6fb3e80203f1163b8863db39ce79e',
        sdkVersion: '92112',
        clientType: 16,
        hasToken: true,
      },
    });
    expect(JSON.stringify(request)).not.toContain('secret-token');
  });

  it('decodes other requests to their header, and refuses a truncated frame', () => {
    expect(decodeBinaryRequest(encodeBinaryRequest(Command.syncDone, 3, {}))).toEqual({ sid: 5, cid: 1, ser: 3 });
    expect(() => decodeBinaryRequest(REAL_LOGIN_FRAME.subarray(0, 40))).toThrow(/need/);
  });
});

describe('binary replies', () => {
  it('frames the 200 login reply the SDK parses: loginRes, empty loginPorts, empty aosPushInfo', () => {
    const reader = new PacketReader(
      encodeBinary(loginReply(4, 200, { connectionId: '9', ip: '127.0.0.1', port: 5555 })),
    );
    expect(reader.header()).toEqual({ packetLength: 0, ...Command.login, ser: 4, tag: 0, code: 200 });
    expect(reader.property()).toEqual({ 102: '9', 103: '127.0.0.1', 104: '5555' });
    expect(reader.propertyArray()).toEqual([]);
    expect(reader.property()).toEqual({});
    expect(reader.remaining).toBe(0);
  });

  it('frames an error reply as a header with the code and no body', () => {
    const reply = encodeBinary(loginReply(4, 417, { connectionId: '9', ip: '127.0.0.1', port: 5555 }));
    expect([...reply]).toEqual([0, 2, 3, 4, 0, TAG_HAS_CODE, 417 & 0xff, 417 >> 8]);
  });

  it('frames a heartbeat reply as a bare header, and a sync reply as a u64', () => {
    expect([...encodeBinary(emptyReply(Command.heartbeat, 0))]).toEqual([0, 1, 2, 0, 0, 0]);
    const sync = new PacketReader(encodeBinary(syncDoneReply(3, 1_795_656_952_597)));
    expect(sync.header()).toMatchObject({ ...Command.syncDone, ser: 3 });
    expect(sync.u64()).toBe(1_795_656_952_597n);
  });

  it('frames a kick as Int from, Int reason, String custom, Int customClientType', () => {
    const reader = new PacketReader(
      encodeBinary(kickPacket({ reason: 'otherPlatformKick', from: 4, custom: '再见', customClientType: 7 })),
    );
    expect(reader.header()).toMatchObject({ ...Command.kicked, ser: 0, tag: 0 });
    expect([reader.u32(), reader.u32(), reader.string(), reader.u32()]).toEqual([4, 3, '再见', 7]);
    expect(reader.remaining).toBe(0);
  });
});
