import { describe, expect, it } from 'vitest';
import { classifyKey, findSecrets, maskValue, REDACTED, redact, redactText } from './redact';

describe('classifyKey', () => {
  it.each([
    'token',
    'accessToken',
    'loginToken',
    'tokenType',
    'password',
    'passwd',
    'userPassword',
    'pwd',
    'secret',
    'appSecret',
    'client_secret',
    'authorization',
    'Authorization',
    'credentials',
    'cookie',
    'signature',
    'key',
    'privateKey',
    'api_key',
    'accessKEY',
    'APIKey',
    'loginExt',
  ])('%s is a secret', (name) => expect(classifyKey(name)).toBe('secret'));

  it.each(['appKey', 'appkey', 'AppKey', 'app_key'])('%s is masked', (name) =>
    expect(classifyKey(name)).toBe('masked'),
  );

  it.each(['account', 'authType', 'keyword', 'monkey', 'keepAlive', 'customTag', 'debug', 'privateConf', '1000'])(
    '%s is plain',
    (name) => expect(classifyKey(name)).toBe('plain'),
  );
});

describe('maskValue', () => {
  it('keeps 4 characters each side of a long value', () => {
    expect(maskValue('45c6af3c98409b18a84451215d0bdd6e')).toBe('45c6…dd6e');
  });
  it('keeps fewer of a shorter one, none of a very short one', () => {
    expect(maskValue('abcdefghij')).toBe('ab…ij');
    expect(maskValue('abc')).toBe('…');
  });
});

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
    expect(redact('abcdef', { maxString: 3 })).toBe('abc…');
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

describe('redactText', () => {
  it('replaces known secrets and their URL-encoded form, longest first', () => {
    expect(redactText('a tok+1/x b tok%2B1%2Fx', ['tok+1/x'])).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(redactText('abcd abcdef', ['abcd', 'abcdef'])).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('does not search for values shorter than 4 characters', () => {
    expect(redactText('abc 123', ['abc'])).toBe('abc 123');
  });

  it('replaces the value after a secret-named key in JSON, objects and URLs', () => {
    expect(redactText('{"token":"t1","account":"alice"}')).toBe(`{"token":"${REDACTED}","account":"alice"}`);
    expect(redactText("{ token: 't1', password = hunter2 }")).toBe(`{ token: '${REDACTED}', password = ${REDACTED} }`);
    expect(redactText('GET /lbs?id=alice&token=t1&k=1')).toBe(`GET /lbs?id=alice&token=${REDACTED}&k=1`);
    expect(redactText('token: null, token: undefined')).toBe('token: null, token: undefined');
  });

  it('masks appKeys by value and by key', () => {
    const appKey = '45c6af3c98409b18a84451215d0bdd6e';
    expect(redactText(`Instance init, appkey:${appKey}`, [], [appKey])).toBe('Instance init, appkey:45c6…dd6e');
    expect(redactText(`k appKey=${appKey}`)).toBe('k appKey=45c6…dd6e');
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
