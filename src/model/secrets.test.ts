import { describe, expect, it } from 'vitest';
import { classifyKey, isSecretUrlParam, maskValue } from './secrets';

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

describe('isSecretUrlParam', () => {
  it.each([
    'token',
    'access_token',
    'accessToken',
    'auth',
    'Authorization',
    'password',
    'pwd',
    'secret',
    'sig',
    'signature',
    'ticket',
    'sid',
    'sessionid',
    'session_id',
    'JSESSIONID',
    'PHPSESSID',
    'api_key',
    'apiKey',
    'jwt',
  ])('%s is a credential in a URL', (name) => expect(isSecretUrlParam(name)).toBe(true));
  it.each(['id', 'k', 'account', 'sv', 'page', 'authType', 'signal', 'session', 'design'])('%s is not', (name) =>
    expect(isSecretUrlParam(name)).toBe(false),
  );
});
