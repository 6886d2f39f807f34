/** The decoder against random, truncated and hostile frames: it never throws, never leaks the token, stays bounded. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBinary, encodeBinaryRequest } from '../../testkit/fake-nim/binary-wire';
import { Command, kickPacket, loginProperty, loginReply } from '../../testkit/fake-nim/nim-packets';
import { encodeFrame, encodeJsonRequest } from '../../testkit/fake-nim/socketio-wire';
import { decodeLinkFrame, type LinkMessage } from '.';
import { MAX_TEXT } from './message';

const direction = fc.constantFrom('in' as const, 'out' as const);
const token = fc.string({ minLength: 6, maxLength: 40 }).filter((value) => value.trim().length >= 6);

/** Every string in a decoded message: none may be longer than MAX_TEXT. */
function strings(message: LinkMessage | undefined): string[] {
  return message === undefined ? [] : (JSON.stringify(message).match(/"(?:[^"\\]|\\.)*"/g) ?? []);
}

describe('random and truncated frames', () => {
  it('random bytes and random text never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), direction, (bytes, way) => {
        decodeLinkFrame(bytes, way);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), direction, (text, way) => {
        decodeLinkFrame(text, way);
        decodeLinkFrame(`3:::${text}`, way);
      }),
    );
  });

  it('random bodies behind lifecycle headers never throw and keep strings short', () => {
    const header = fc.constantFrom([0, 2, 3, 1, 0, 0], [0, 2, 5, 0, 0, 0], [0, 26, 9, 0, 0, 0], [0, 2, 3, 1, 0, 2]);
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 400 }), direction, (head, body, way) => {
        const frame = new Uint8Array([...head, ...body]);
        for (const text of strings(decodeLinkFrame(frame, way))) expect(text.length).toBeLessThanOrEqual(MAX_TEXT + 2);
      }),
    );
  });

  it('every prefix of a login request decodes without the token', () => {
    fc.assert(
      fc.property(token, fc.string({ maxLength: 20 }), (secret, account) => {
        const property = loginProperty({ account, appKey: 'appkey', token: secret, deviceId: secret });
        const binary = encodeBinaryRequest(Command.login, 1, property);
        const text = encodeFrame('message', encodeJsonRequest(Command.login, 1, property));
        for (let end = 0; end <= binary.length; end++) {
          expect(JSON.stringify(decodeLinkFrame(binary.subarray(0, end), 'out') ?? null)).not.toContain(
            JSON.stringify(secret).slice(1, -1),
          );
        }
        for (let end = 0; end <= text.length; end += 3) {
          const message = decodeLinkFrame(text.slice(0, end), 'out');
          if (message?.type === 'login') expect(Object.values(message.login)).not.toContain(secret);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every prefix of a reply or a kick decodes or is dropped, never throws', () => {
    const frames = [
      encodeBinary(loginReply(3, 200, { connectionId: '1', ip: '1.2.3.4', port: 80 })),
      encodeBinary(kickPacket({ reason: 'serverKick', from: 16, custom: 'x', customClientType: 0 })),
    ];
    for (const frame of frames) {
      for (let end = 0; end <= frame.length; end++) decodeLinkFrame(frame.subarray(0, end), 'in');
    }
  });
});

describe('hostile frames', () => {
  it('a Property that claims billions of entries ends with the frame', () => {
    // 2_3 login, then a count varint of 0x7fffffff and a single entry.
    const frame = new Uint8Array([0, 2, 3, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x07, 19, 1, 97]);
    expect(decodeLinkFrame(frame, 'out')).toEqual({ type: 'login', ser: 1, login: {} });
  });

  it('a string that claims more bytes than the frame has is not read', () => {
    const frame = new Uint8Array([0, 2, 5, 0, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff, 0x03, 97]);
    expect(decodeLinkFrame(frame, 'in')).toEqual({ type: 'kicked', kick: { from: 16, reason: 1 } });
  });

  it('a varint longer than five bytes is refused', () => {
    expect(decodeLinkFrame(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 2, 3, 0, 0, 0]), 'out')).toBeUndefined();
  });

  it('a 1 MB chat frame is a header peek; a 1 MB login keeps only short strings', () => {
    const chat = new Uint8Array(1 << 20);
    chat.set([0, 7, 2, 0, 0, 0]);
    expect(decodeLinkFrame(chat, 'in')).toBeUndefined();
    expect(decodeLinkFrame(`3:::{"sid":7,"cid":2,"ser":0,"code":200,"r":["${'x'.repeat(1 << 20)}"]}`, 'in')).toBe(
      undefined,
    );

    const huge = 'a'.repeat(1 << 20);
    const login = loginProperty({ account: huge, appKey: huge, token: 'secret-token' });
    const message = decodeLinkFrame(encodeBinaryRequest(Command.login, 1, login), 'out');
    expect(message).toMatchObject({ type: 'login', login: { account: 'a'.repeat(MAX_TEXT) } });
    const text = decodeLinkFrame(encodeFrame('message', encodeJsonRequest(Command.login, 1, login)), 'out');
    expect(text).toEqual(message);
  });

  it('deeply nested JSON in a lifecycle frame is dropped, not thrown', () => {
    const deep = `3:::{"sid":2,"cid":5,"ser":0,"code":200,"r":${'['.repeat(200_000)}}`;
    expect(decodeLinkFrame(deep, 'in')).toEqual({ type: 'kicked', kick: {} });
  });
});
