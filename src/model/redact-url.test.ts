import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, redactUrl } from './redact-url';
import { REDACTED } from './secrets';

describe('redactUrl', () => {
  it('hides credential parameters in the query and keeps the rest readable', () => {
    expect(redactUrl('wss://push.example.com/push?access_token=abc.def&room=7')).toBe(
      `wss://push.example.com/push?access_token=${REDACTED}&room=7`,
    );
    expect(redactUrl('https://app.example.com/im?account=alice&token=t0k3n&sig=99;ticket=xyz')).toBe(
      `https://app.example.com/im?account=alice&token=${REDACTED}&sig=${REDACTED};ticket=${REDACTED}`,
    );
  });

  it('reads the fragment too (OAuth implicit flow), and encoded names', () => {
    expect(redactUrl('https://a.example/cb#access_token=x1&state=s&jwt=e.y.z')).toBe(
      `https://a.example/cb#access_token=${REDACTED}&state=s&jwt=${REDACTED}`,
    );
    expect(redactUrl('https://a.example/?access%5Ftoken=x1&PHPSESSID=abc')).toBe(
      `https://a.example/?access%5Ftoken=${REDACTED}&PHPSESSID=${REDACTED}`,
    );
  });

  it('hides the password of user:password@ but not the user', () => {
    expect(redactUrl('wss://bob:hunter2@link.example:443/websocket')).toBe(
      `wss://bob:${REDACTED}@link.example:443/websocket`,
    );
    expect(redactUrl('wss://bob@link.example/websocket')).toBe('wss://bob@link.example/websocket');
    expect(redactUrl('https://a.example/p?next=x@y:z')).toBe('https://a.example/p?next=x@y:z');
  });

  it('hides a known token wherever it stands, encoded or not', () => {
    expect(redactUrl('ws://h/link/tok+en/ws?x=tok%2Ben', { secrets: ['tok+en'] })).toBe(
      `ws://h/link/${REDACTED}/ws?x=${REDACTED}`,
    );
  });

  it('leaves URLs without credentials as they are', () => {
    for (const url of [
      'ws://127.0.0.1:8080/websocket',
      'http://127.0.0.1:1/socket.io/1/websocket/abc123',
      'https://lbs.netease.im/lbs/webconf.jsp?k=45c6&id=alice&sv=92112',
      'about:blank',
      '',
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
  });

  it('cuts a huge URL before reading it', () => {
    const url = `data:text/plain,${'a'.repeat(2_000_000)}`;
    const out = redactUrl(url);
    expect(out.length).toBe(MAX_URL_LENGTH + 1);
    expect(out.endsWith('…')).toBe(true);
  });
});
