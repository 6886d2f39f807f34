import { describe, expect, it } from 'vitest';
import { REDACTED } from '../model/secrets';
import { findSecrets, redact } from './redact';

describe('redact', () => {
  it('hides secrets, masks the appKey, keeps the rest readable', () => {
    const out = redact({
      account: 'alice',
      token: 'tok-123456',
      appKey: '45c6af3c98409b18a84451215d0bdd6e',
      privateConf: { link_web: '127.0.0.1:1', secretKey: 'xyz' },
      onconnect() {},
      debug: true,
      n: Number.POSITIVE_INFINITY,
      skipped: undefined,
    });
    expect(out).toEqual({
      account: 'alice',
      token: REDACTED,
      appKey: '45c6…dd6e',
      privateConf: { link_web: '127.0.0.1:1', secretKey: REDACTED },
      onconnect: '[function]',
      debug: true,
      n: 'Infinity',
    });
  });

  it('shows that a secret is absent or empty, and hides a secret object whole', () => {
    expect(redact({ token: '', password: null, credentials: { user: 'u', pass: 'p' } })).toEqual({
      token: '',
      password: null,
      credentials: REDACTED,
    });
  });

  it('scrubs known secret values under any key (the login Property key 1000)', () => {
    expect(redact({ v: { 1000: 'tok-123456', msg: 'token tok-123456 sent' } }, { secrets: ['tok-123456'] })).toEqual({
      v: { 1000: REDACTED, msg: `token ${REDACTED} sent` },
    });
  });

  it('survives cycles and keeps shared (non-cyclic) references', () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ shared: { a: 1 }, again: { a: 1 }, self: '[cycle]' });
  });

  it('bounds depth, keys, items, strings and nodes', () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    expect(redact(deep, { maxDepth: 2 })).toEqual({ a: { b: '[depth]' } });
    const wide = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`k${index}`, index]));
    expect(redact(wide, { maxKeys: 2 })).toEqual({ k0: 0, k1: 1, '…': '3 more keys' });
    expect(redact([1, 2, 3, 4], { maxItems: 2 })).toEqual([1, 2, '[2 more]']);
    expect(redact('abcdef', { maxString: 3 })).toBe('abc… [6 chars]');
    expect(redact([[1], [2], [3]], { maxNodes: 5 })).toEqual([[1], [2], '[truncated]']);
  });

  it('never runs a getter unless asked, and survives one that throws', () => {
    let runs = 0;
    const object = {
      get counted() {
        runs++;
        return 'x';
      },
      get broken(): string {
        throw new Error('boom');
      },
    };
    expect(redact(object)).toEqual({ counted: '[getter]', broken: '[getter]' });
    expect(runs).toBe(0);
    expect(redact(object, { invokeGetters: true })).toEqual({ counted: 'x', broken: '[unreadable]' });
    expect(runs).toBe(1);
  });

  it('survives hostile proxies', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(redact({ hostile, revoked: proxy })).toEqual({ hostile: '[unreadable]', revoked: '[unreadable]' });
  });

  it('describes errors, dates, binary data, symbols and bigints', () => {
    const error = Object.assign(new TypeError('bad token tok-123456'), { code: 302 });
    expect(redact({ error }, { secrets: ['tok-123456'] })).toEqual({
      error: { code: 302, name: 'TypeError', message: `bad token ${REDACTED}` },
    });
    expect(redact(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(redact(new Uint8Array(3))).toBe('[binary 3 bytes]');
    expect(redact([Symbol('s'), 10n])).toEqual(['[symbol]', '10']);
  });
});

describe('findSecrets', () => {
  it('collects secret and appKey values deep, everything under a secret key', () => {
    expect(
      findSecrets({
        token: 'tok',
        appKey: 'ak',
        privateConf: { password: 'pw', nested: { x: 'plain' } },
        credentials: { user: 'u1' },
      }),
    ).toEqual({ secrets: ['tok', 'pw', 'u1'], masked: ['ak'] });
  });

  it('runs getters only when asked', () => {
    const object = {
      get token() {
        return 'from-getter';
      },
    };
    expect(findSecrets(object).secrets).toEqual([]);
    expect(findSecrets(object, { invokeGetters: true }).secrets).toEqual(['from-getter']);
  });
});
