import { describe, expect, it } from 'vitest';
import { Command, commandName, kickPacket, loginProperty, loginReply, parseLogin } from './nim-packets';

describe('NIM packets', () => {
  it('names the commands the fake answers, and only those', () => {
    expect(commandName(2, 3)).toBe('login');
    expect(commandName(Command.getNosCdnHost.sid, Command.getNosCdnHost.cid)).toBe('getNosCdnHost');
    expect(commandName(7, 1)).toBeUndefined();
  });

  it('reads a login Property without keeping the token', () => {
    const login = parseLogin(loginProperty({ account: 'a', appKey: 'k', token: 'secret', deviceId: 'd' }));
    expect(login).toEqual({
      account: 'a',
      appKey: 'k',
      deviceId: 'd',
      sdkVersion: '92112',
      clientType: 16,
      hasToken: true,
    });
    expect(JSON.stringify(login)).not.toContain('secret');
    expect(parseLogin({ 19: 'a' })).toEqual({ account: 'a', appKey: '', hasToken: false });
  });

  it('answers a login with a body only on 200', () => {
    const session = { connectionId: '9', ip: '127.0.0.1', port: 5555 };
    expect(loginReply(4, 200, session).body.map((value) => value.type)).toEqual([
      'Property',
      'PropertyArray',
      'Property',
    ]);
    expect(loginReply(4, 302, session)).toEqual({ ...Command.login, ser: 4, code: 302, body: [] });
  });

  it('numbers kick reasons as the SDK indexes its kickedReasons', () => {
    const reasons = (['samePlatformKick', 'serverKick', 'otherPlatformKick', 'silentlyKick'] as const).map(
      (reason) => kickPacket({ reason, from: 16, custom: '', customClientType: 0 }).body[1]?.value,
    );
    expect(reasons).toEqual([1, 2, 3, 4]);
  });
});
