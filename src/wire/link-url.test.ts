import { describe, expect, it } from 'vitest';
import { mayBeNimLink } from './link-url';

describe('mayBeNimLink', () => {
  it('accepts the link URLs the SDKs open', () => {
    for (const url of [
      'ws://127.0.0.1:9000/websocket',
      'wss://weblink04.netease.im/websocket',
      'wss://weblink.netease.im:443/websocket?x=1',
      'ws://127.0.0.1:9000/socket.io/1/websocket/4f1c2a',
      'wss://link.example.com/nim/websocket',
    ]) {
      expect(mayBeNimLink(url), url).toBe(true);
    }
  });

  it('refuses other sockets', () => {
    for (const url of [
      'ws://127.0.0.1:9000/',
      'ws://127.0.0.1:9000/ws',
      'wss://example.com/websocketx',
      'wss://example.com/socket.io/?EIO=4&transport=websocket',
      'wss://example.com/chat?path=/websocket',
    ]) {
      expect(mayBeNimLink(url), url).toBe(false);
    }
  });
});
