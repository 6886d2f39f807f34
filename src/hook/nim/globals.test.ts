import { describe, expect, it } from 'vitest';
import { trapProperty, trapSdkGlobals } from './globals';

describe('trapProperty', () => {
  it('is invisible to key listings until assigned, then looks enumerable like a plain assignment', () => {
    const target: Record<string, unknown> = {};
    const seen: unknown[] = [];
    trapProperty(target, 'NIM', (value) => seen.push(value));
    expect(Object.keys(target)).toEqual([]);
    expect(target.NIM).toBeUndefined();
    target.NIM = 'x';
    expect(Object.keys(target)).toEqual(['NIM']);
    expect(Object.getOwnPropertyDescriptor(target, 'NIM')).toMatchObject({ enumerable: true, configurable: true });
    target.NIM = 'y';
    expect(target.NIM).toBe('y');
    expect(seen).toEqual(['x', 'y']);
  });

  it('reports a value already there and keeps trapping later assignments', () => {
    const target: Record<string, unknown> = { NIM: 'early' };
    const seen: unknown[] = [];
    trapProperty(target, 'NIM', (value) => seen.push(value));
    target.NIM = 'late';
    expect(seen).toEqual(['early', 'late']);
    expect(Object.keys(target)).toEqual(['NIM']);
  });

  it('only reads properties it must not replace', () => {
    const seen: unknown[] = [];
    const fixed = Object.defineProperty({}, 'NIM', { value: 'v', enumerable: true });
    trapProperty(fixed, 'NIM', (value) => seen.push(value));
    const withGetter = Object.defineProperty({}, 'NIM', { get: () => 'g', enumerable: true });
    trapProperty(withGetter, 'NIM', (value) => seen.push(value));
    const frozen = Object.freeze({});
    trapProperty(frozen, 'NIM', (value) => seen.push(value));
    expect(seen).toEqual(['v', 'g']);
    expect(Object.getOwnPropertyDescriptor(fixed, 'NIM')).toMatchObject({ value: 'v' });
    expect(Object.getOwnPropertyDescriptor(frozen, 'NIM')).toBeUndefined();
  });

  it('lets an object inheriting from the target get its own property, as a plain assignment would', () => {
    const target: Record<string, unknown> = {};
    const seen: unknown[] = [];
    trapProperty(target, 'NIM', (value) => seen.push(value));
    const child = Object.create(target) as Record<string, unknown>;
    child.NIM = 'child';
    expect(Object.getOwnPropertyDescriptor(child, 'NIM')?.value).toBe('child');
    expect(target.NIM).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('steps aside when the page deletes or redefines the property', () => {
    const target: Record<string, unknown> = {};
    trapProperty(target, 'NIM', () => {});
    delete target.NIM;
    expect('NIM' in target).toBe(false);
  });
});

describe('trapSdkGlobals', () => {
  it('sees the class a v10 bundle puts into window.NIM after assigning it empty, and nothing in a v9 global', () => {
    const win: Record<string, unknown> = {};
    const seen: unknown[] = [];
    trapSdkGlobals(win, (value, source) => seen.push([value, source]));
    // What nim-web-sdk-ng's UMD wrapper does: `(t = globalThis).NIM = {}`, then `t.V2NIMConst = …; t.default = …`.
    const exports: Record<string, unknown> = {};
    win.NIM = exports;
    exports.V2NIMConst = { V2NIMLoginStatus: {} };
    class V10Client {}
    exports.default = V10Client;
    expect(seen).toEqual([
      [exports, 'window.NIM'],
      [V10Client, 'window.NIM'],
    ]);
    expect(exports.default).toBe(V10Client);

    const v9 = Object.assign(() => {}, { getInstance() {} });
    win.Chatroom = v9;
    expect('default' in v9).toBe(false);
  });
});
