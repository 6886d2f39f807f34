import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createByteSizer, utf8Length } from './byte-size';

describe('utf8Length', () => {
  it('equals the UTF-8 encoding’s length for any string, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => utf8Length(text) === encoder.encode(text).length),
      { numRuns: 2000 },
    );
    expect(utf8Length('\ud800x\udc00')).toBe(7);
    expect(utf8Length('😀')).toBe(4);
  });
});

describe('createByteSizer', () => {
  const sizeOf = createByteSizer(globalThis);
  it('sizes every payload type send accepts', () => {
    expect(sizeOf('é')).toBe(2);
    expect(sizeOf(new ArrayBuffer(7))).toBe(7);
    expect(sizeOf(new Uint16Array(4))).toBe(8);
    expect(sizeOf(new DataView(new ArrayBuffer(9), 2))).toBe(7);
    expect(sizeOf(new Blob(['abcd']))).toBe(4);
  });
  it('never calls page code to size anything else', () => {
    let called = false;
    const sneaky = {
      toString() {
        called = true;
        return 'x';
      },
      get byteLength() {
        called = true;
        return 1;
      },
    };
    expect(sizeOf(sneaky)).toBe(0);
    expect(called).toBe(false);
  });
});
