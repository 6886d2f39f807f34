/**
 * The SDK's UMD globals, trapped so that a `<script>` loading after the hook (the usual case: the hook runs
 * at document_start) is still instrumented, without polling:
 * - `window.NIM` (NIM_Web_NIM.js), `window.Chatroom` (NIM_Web_Chatroom.js);
 * - `window.SDK` (NIM_Web_SDK.js) = `{ NIM, Chatroom }`: the 9.21 build fills the object before assigning it,
 *   another build could fill it after, so its members are trapped as well;
 * - the v10 builds (nim-web-sdk-ng) assign `window.NIM = {}` (`window.Chatroom = {}`) first and fill in
 *   `default` (the client class) and `V2NIMConst` after: an empty plain object's `default` is trapped too.
 *
 * A trap is an accessor on the object that keeps the assigned value: reading gives back exactly what was
 * assigned (the SDK object is instrumented in place). Until the first assignment the accessor is not
 * enumerable, so `Object.keys(window)` and `for…in` show nothing new; the assignment makes it enumerable like
 * the data property a plain assignment creates. What remains visible: `'NIM' in window` is true before the
 * SDK loads, and `Object.getOwnPropertyDescriptor` shows an accessor.
 */
import type { SdkFlavour, SdkSource } from '../../model/events';
import { defineProperty } from '../../model/intrinsics';

export type SdkGlobalListener = (value: unknown, source: SdkSource, hint: SdkFlavour) => void;

const WINDOW_GLOBALS = [
  { name: 'NIM', source: 'window.NIM', hint: 'NIM' },
  { name: 'Chatroom', source: 'window.Chatroom', hint: 'Chatroom' },
] as const;

const SDK_MEMBERS = [
  { name: 'NIM', source: 'window.SDK.NIM', hint: 'NIM' },
  { name: 'Chatroom', source: 'window.SDK.Chatroom', hint: 'Chatroom' },
] as const;

/** `onSdk` must not throw (the caller guards it): it runs inside the page's assignment. */
export function trapSdkGlobals(win: object, onSdk: SdkGlobalListener): void {
  for (const { name, source, hint } of WINDOW_GLOBALS) {
    trapProperty(win, name, (value) => {
      onSdk(value, source, hint);
      if (isEmptyModule(value)) trapProperty(value, 'default', (member) => onSdk(member, source, hint));
    });
  }
  trapProperty(win, 'SDK', (namespace) => {
    if (!isObjectLike(namespace)) return;
    for (const { name, source, hint } of SDK_MEMBERS)
      trapProperty(namespace, name, (value) => onSdk(value, source, hint));
  });
}

/**
 * Calls `onAssign` with the property's current value, if it has one, and with every value assigned later.
 * A property that cannot be trapped (non-configurable, read-only, someone else's accessor, a frozen object)
 * is only read.
 */
export function trapProperty(target: object, name: string, onAssign: (value: unknown) => void): void {
  const existing = Object.getOwnPropertyDescriptor(target, name);
  if (existing && !('value' in existing)) {
    // Someone else's accessor (a webpack namespace getter, or a hook loaded twice): read it, never replace it.
    onAssign(Reflect.get(target, name));
    return;
  }
  if (existing) onAssign(existing.value);
  if (existing ? !existing.configurable || !existing.writable : !Object.isExtensible(target)) return;

  let current: unknown = existing?.value;
  const accessor: PropertyDescriptor = {
    configurable: true,
    enumerable: existing?.enumerable ?? false,
    get: () => current,
    set(this: unknown, value: unknown) {
      if (this !== target) {
        // Assigned through an object that inherits from `target`: a plain assignment defines it on that object.
        if (isObjectLike(this) && Object.isExtensible(this)) {
          defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
        }
        return;
      }
      current = value;
      if (!accessor.enumerable) {
        accessor.enumerable = true;
        defineProperty(target, name, accessor);
      }
      onAssign(value);
    },
  };
  defineProperty(target, name, accessor);
}

/** `{}` as a UMD bundle's `exports` starts out; never an SDK object, which has members from the start. */
function isEmptyModule(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Reflect.ownKeys(value).length === 0
  );
}

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
