import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketDecodeError, PacketReader, PacketWriter, TAG_HAS_CODE } from './protocol';

describe('varint', () => {
  it('round-trips every value up to 2^35 - 1 (the SDK reads at most 5 bytes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 35 - 1 }), (value) => {
        expect(new PacketReader(new PacketWriter().varint(value).bytes()).varint()).toBe(value);
      }),
    );
  });

  it('uses the LEB128 layout', () => {
    expect([...new PacketWriter().varint(0).bytes()]).toEqual([0]);
    expect([...new PacketWriter().varint(127).bytes()]).toEqual([127]);
    expect([...new PacketWriter().varint(128).bytes()]).toEqual([0x80, 0x01]);
    expect([...new PacketWriter().varint(1000).bytes()]).toEqual([0xe8, 0x07]);
  });

  it('rejects negative numbers and a sixth continuation byte', () => {
    expect(() => new PacketWriter().varint(-1)).toThrow(RangeError);
    expect(() => new PacketReader(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).varint()).toThrow(
      PacketDecodeError,
    );
  });
});

describe('values', () => {
  it('round-trips strings, properties and property arrays, including non-ASCII text', () => {
    const stringish = fc.string({ unit: 'grapheme' });
    const property = fc.dictionary(fc.nat({ max: 5000 }).map(String), stringish);
    fc.assert(
      fc.property(stringish, property, fc.array(property, { maxLength: 4 }), (text, single, list) => {
        const reader = new PacketReader(new PacketWriter().string(text).property(single).propertyArray(list).bytes());
        expect(reader.string()).toBe(text);
        expect(reader.property()).toEqual(single);
        expect(reader.propertyArray()).toEqual(list);
        expect(reader.remaining).toBe(0);
      }),
    );
  });

  it('writes integers little-endian', () => {
    const bytes = new PacketWriter().u16(0x0102).u32(0x03040506).u64(0x0708090a0b0c0d0en).bytes();
    expect([...bytes]).toEqual([2, 1, 6, 5, 4, 3, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 9, 8, 7]);
    const reader = new PacketReader(bytes);
    expect([reader.u16(), reader.u32(), reader.u64()]).toEqual([0x0102, 0x03040506, 0x0708090a0b0c0d0en]);
  });

  it('reports truncated input and invalid UTF-8 as PacketDecodeError', () => {
    expect(() => new PacketReader(new Uint8Array([5, 0x61])).string()).toThrow(PacketDecodeError);
    expect(() => new PacketReader(new Uint8Array([1, 0xff])).string()).toThrow(PacketDecodeError);
    expect(() => new PacketReader(new Uint8Array([1])).u16()).toThrow(PacketDecodeError);
  });
});

describe('header', () => {
  it('carries a code only when the tag says so', () => {
    const plain = new PacketWriter().header({ sid: 2, cid: 3, ser: 7, tag: 0 }).bytes();
    expect([...plain]).toEqual([0, 2, 3, 7, 0, 0]);
    expect(new PacketReader(plain).header()).toEqual({ packetLength: 0, sid: 2, cid: 3, ser: 7, tag: 0, code: 200 });

    const withCode = new PacketWriter().header({ sid: 2, cid: 3, ser: 7, tag: TAG_HAS_CODE, code: 302 }).bytes();
    expect([...withCode]).toEqual([0, 2, 3, 7, 0, 2, 0x2e, 0x01]);
    expect(new PacketReader(withCode).header().code).toBe(302);
  });
});
