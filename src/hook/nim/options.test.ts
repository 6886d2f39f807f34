import { describe, expect, it } from 'vitest';
import { copyWithOverrides, createFingerprint } from './options';

describe('copyWithOverrides', () => {
  it('copies prototype, descriptors and extensibility, with the overrides as the only difference', () => {
    const proto = { inherited: 1 };
    const options = Object.create(proto, {
      account: { value: 'a', enumerable: true, writable: true, configurable: true },
      hidden: { value: 'h', enumerable: false, writable: false, configurable: false },
    }) as Record<string, unknown>;
    Object.preventExtensions(options);
    const standIn = () => {};
    const { arg } = copyWithOverrides(options, new Map([['onconnect', standIn]]));
    expect(arg).not.toBe(options);
    expect(Object.getPrototypeOf(arg)).toBe(proto);
    expect(Object.getOwnPropertyDescriptor(arg, 'hidden')).toEqual(Object.getOwnPropertyDescriptor(options, 'hidden'));
    expect(Object.isExtensible(arg)).toBe(false);
    expect((arg as Record<string, unknown>).onconnect).toBe(standIn);
    expect(Object.keys(arg)).toEqual(['account', 'onconnect']);
  });

  it('keeps an overridden key’s attributes', () => {
    const options = Object.defineProperty({}, 'done', { value: () => {}, enumerable: false, writable: true });
    const { arg } = copyWithOverrides(options, new Map([['done', 'x']]));
    expect(Object.getOwnPropertyDescriptor(arg, 'done')).toEqual({
      value: 'x',
      enumerable: false,
      writable: true,
      configurable: false,
    });
  });

  it('writes back what the SDK wrote or deleted, never the overrides', () => {
    const writes: string[] = [];
    const options = new Proxy({ account: 'a', gone: 1, onconnect: 'page' } as Record<string, unknown>, {
      set(target, key, value) {
        writes.push(String(key));
        target[key as string] = value;
        return true;
      },
    });
    const copy = copyWithOverrides(options, new Map([['onconnect', 'hook']]));
    const arg = copy.arg as Record<string, unknown>;
    arg.nosSurvivalTime = Number.POSITIVE_INFINITY;
    arg.account = 'a'; // the same value: not a change
    arg.onconnect = 'sdk wrapper';
    delete arg.gone;
    copy.writeBack();
    expect(writes).toEqual(['nosSurvivalTime']);
    expect(options).toEqual({ account: 'a', onconnect: 'page', nosSurvivalTime: Number.POSITIVE_INFINITY });
  });
});

describe('fingerprint', () => {
  it('tells values apart by content, functions by identity, and survives cycles', () => {
    const fingerprint = createFingerprint();
    const f = () => {};
    expect(fingerprint({ a: 1, b: [1, 'x'] })).toBe(fingerprint({ b: [1, 'x'], a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: '1' }));
    expect(fingerprint(f)).toBe(fingerprint(f));
    expect(fingerprint(f)).not.toBe(fingerprint(() => {}));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => fingerprint(cyclic)).not.toThrow();
  });
});
