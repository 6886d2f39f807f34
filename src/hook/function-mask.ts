/**
 * Makes a stand-in function print like the function it stands in for.
 *
 * The hook replaces a few native functions with Proxies (the WebSocket constructor, `send`). A Proxy keeps
 * `name`, `length`, own keys and the prototype, but V8 prints every callable Proxy as
 * `function () { [native code] }`, without the name, so `String(WebSocket)` would give the hook away. The one
 * seam that can fix that is `Function.prototype.toString` itself: it is replaced by a Proxy that hands the
 * native `toString` the original function whenever it is asked about a stand-in. The `toString` Proxy is its
 * own stand-in, so `Function.prototype.toString.toString()` still prints `function toString() { [native code] }`.
 */

export interface FunctionMask {
  /** From now on `Function.prototype.toString` prints `original`'s source when called on `standIn`. */
  disguise(standIn: object, original: object): void;
}

/** Installs the `toString` seam on `win`'s realm. Install once per realm and share it between hook parts. */
export function createFunctionMask(win: Pick<typeof globalThis, 'Function'>): FunctionMask {
  const originals = new WeakMap<object, object>();
  const proto = win.Function.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'toString');
  const mask: FunctionMask = {
    disguise(standIn, original) {
      originals.set(standIn, original);
    },
  };
  if (typeof descriptor?.value !== 'function') return mask;
  const nativeToString: (this: unknown) => string = descriptor.value;
  const maskedToString = new Proxy(nativeToString, {
    apply(target, thisArg: unknown, args: unknown[]) {
      // WeakMap#get answers undefined for primitives, so a call on a non-function still reaches the native
      // `toString` and throws its own TypeError.
      const original = originals.get(thisArg as object);
      return Reflect.apply(target, original === undefined ? thisArg : original, args);
    },
  });
  originals.set(maskedToString, nativeToString);
  Object.defineProperty(proto, 'toString', { ...descriptor, value: maskedToString });
  return mask;
}
