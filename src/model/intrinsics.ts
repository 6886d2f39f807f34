/**
 * The builtins the hook calls after install, captured when the hook's script runs (document_start, before any
 * page script). A page that later replaces `Reflect.apply`, `JSON.stringify`, `Array.prototype.push` or
 * `Object.defineProperty` (a polyfill, a mocking library, an attacker) can then neither break the hook nor see
 * what passes through it: a replaced `push` would be handed every event the hook buffers, and the redaction's
 * list of the secrets it looks for. e2e/hostile-page.spec.ts checks that the hook calls none of them once the
 * page has replaced them. (Code outside the hook may import these too: they are the same functions there.)
 */
const nativePush = Array.prototype.push;

export const { apply } = Reflect;
export const { defineProperty } = Object;
export const { stringify } = JSON;

/** `list.push(...items)` with the native `push`. */
export function append<T>(list: T[], ...items: T[]): void {
  apply(nativePush, list, items);
}
