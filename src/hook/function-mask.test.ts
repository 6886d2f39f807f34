import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createFunctionMask } from './function-mask';

describe('createFunctionMask', () => {
  it('prints a disguised Proxy like its original, and itself like the native toString', () => {
    const realm = { Function: runInNewContext('Function') as FunctionConstructor };
    const nativeToString = realm.Function.prototype.toString;
    const mask = createFunctionMask(realm);
    const print = realm.Function.prototype.toString;
    function original(a: number, b: number) {
      return a + b;
    }
    const standIn = new Proxy(original, {});

    expect(print).not.toBe(nativeToString);
    expect(print.call(standIn)).toBe('function () { [native code] }');
    mask.disguise(standIn, original);
    expect(print.call(standIn)).toBe(nativeToString.call(original));
    expect(print.call(print)).toBe('function toString() { [native code] }');
    expect(print.name).toBe('toString');
    expect(print.length).toBe(0);
    expect(() => print.call({})).toThrow("Function.prototype.toString requires that 'this' be a Function");
    expect(Object.getOwnPropertyDescriptor(realm.Function.prototype, 'toString')).toMatchObject({
      writable: true,
      enumerable: false,
      configurable: true,
    });
  });
});
