import { describe, expect, it } from 'vitest';
import { resolveSocketUrl, unreachableSocketUrl } from './socket-url';

describe('resolveSocketUrl', () => {
  const base = 'https://app.example/chat/index.html';
  it('resolves like the WebSocket constructor: relative URLs, http(s) as ws(s), normalized', () => {
    expect(resolveSocketUrl('ws://Link.Example:80/a b?q=1', base, URL)).toBe('ws://link.example/a%20b?q=1');
    expect(resolveSocketUrl('socket', base, URL)).toBe('wss://app.example/chat/socket');
    expect(resolveSocketUrl('http://h:443/', base, URL)).toBe('ws://h:443/');
    expect(resolveSocketUrl('https://h:443/', base, URL)).toBe('wss://h/');
  });
  it('refuses what the constructor refuses with a SyntaxError', () => {
    expect(resolveSocketUrl('ws://', base, URL)).toBeNull();
    expect(resolveSocketUrl('ftp://h/', base, URL)).toBeNull();
    expect(resolveSocketUrl('ws://h/#', base, URL)).toBeNull();
    expect(resolveSocketUrl('ws://h/#x', base, URL)).toBeNull();
    expect(resolveSocketUrl('relative', undefined, URL)).toBeNull();
  });
});

describe('unreachableSocketUrl', () => {
  it('keeps scheme, host, path and query and moves to port 0', () => {
    expect(unreachableSocketUrl('wss://link.example/websocket?x=1', URL)).toBe('wss://link.example:0/websocket?x=1');
    expect(unreachableSocketUrl('ws://127.0.0.1:8080/', URL)).toBe('ws://127.0.0.1:0/');
  });
});
