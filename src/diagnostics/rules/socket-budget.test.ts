import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { sdkAppDisconnect, sdkLogin } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';
import { hostOf } from './socket-budget';

const RULE = 'socket-budget';

describe('socket-budget', () => {
  it('has no budget in a browser', () => {
    const b = eventBuilder();
    for (let i = 0; i < 12; i++) b.wsCreate(`s${i}`, 'wss://link.netease.im/websocket');
    expect(findingsOf(b.events, RULE, { profile: 'browser' })).toEqual([]);
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });

  it('stays silent on uni-app when the app waits for the old socket to close', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkAppDisconnect(b, 'i1', 's1', { method: 'destroy' });
    sdkLogin(b, { instanceId: 'i2', socketId: 's2', account: 'bob' });
    expect(findingsOf(b.events, RULE, { profile: 'uniapp' })).toEqual([]);
  });

  it('flags the destroy-then-getInstance race on uni-app: the closing socket still holds the one slot', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    const destroy = b.wait(1_000).sdkCall('i1', 'destroy');
    b.sdkGetInstance('i2', { account: 'bob' });
    const second = b.wait(5).wsCreate('s2');
    const close = b.wait(20).wsClose('s1');
    b.sdkDone(destroy);
    const [finding, ...more] = findingsOf(b.events, RULE, { profile: 'uniapp' });
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', evidence: [2, second.seq, close.seq] });
    expect(finding?.detail.en).toBe('2 WebSockets were open at once; uni-app allows 1.');
    expect(finding?.docUrl).toContain('platform=uniapp');
  });

  it('counts WeChat mini program sockets per domain and in all', () => {
    const perDomain = eventBuilder();
    perDomain.wsCreate('a', 'wss://link.netease.im:443/websocket');
    perDomain.wsCreate('b', 'wss://link.netease.im/websocket');
    perDomain.wsCreate('c', 'wss://other.test/socket');
    expect(findingsOf(perDomain.events, RULE, { profile: 'wechat-miniprogram' })).toEqual([]);
    perDomain.wsCreate('d', 'wss://LINK.netease.im/websocket');
    const [crowded] = findingsOf(perDomain.events, RULE, { profile: 'wechat-miniprogram' });
    expect(crowded?.evidence).toEqual([1, 2, 4]);
    expect(crowded?.detail.en).toContain('3 WebSockets to link.netease.im were open at once');
    expect(crowded?.detail.en).toContain('still over budget');

    const total = eventBuilder();
    for (let i = 0; i < 6; i++) total.wsCreate(`s${i}`, `wss://host${i}.test/ws`);
    const [tooMany] = findingsOf(total.events, RULE, { profile: 'wechat-miniprogram' });
    expect(tooMany?.detail.zh).toContain('同时打开了 6 个 WebSocket');
  });

  it('reports separate episodes, and forgets a document’s sockets when the page navigates', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.test/', { doc: 'd1' });
    b.wsCreate('a');
    b.wsCreate('b');
    b.wsClose('b');
    b.wait(10).pageNavigate('https://app.test/2', { doc: 'd2' });
    b.wsCreate('c');
    b.wsCreate('d');
    expect(findingsOf(b.events, RULE, { profile: 'uniapp' })).toHaveLength(2);
  });

  it('reads the host of a socket URL', () => {
    expect(hostOf('wss://user:pw@Link.NetEase.im:443/websocket?x=1')).toBe('link.netease.im');
    expect(hostOf('ws://[::1]:9001/websocket')).toBe('[::1]');
  });
});
