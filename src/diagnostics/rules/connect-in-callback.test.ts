import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { sdkLogin } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';

const RULE = 'connect-in-callback';

describe('connect-in-callback', () => {
  it('flags connect() inside onwillreconnect and onerror', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.wsClose('s1', 1006, '', false);
    b.sdkWillReconnect('i1', 1, 1600);
    const inWillReconnect = b.sdkCall('i1', 'connect', { inCallback: 'onwillreconnect' });
    const inError = b.sdkCall('i1', 'connect', { inCallback: 'onerror' });
    const findings = findingsOf(b.events, RULE);
    expect(findings.map((f) => [f.evidence, f.instanceId])).toEqual([
      [[inWillReconnect.seq], 'i1'],
      [[inError.seq], 'i1'],
    ]);
    expect(findings[0]?.detail.en).toContain('inside onwillreconnect');
    expect(findings[1]?.detail.zh).toContain('在 onerror 中调用了 connect()');
  });

  it('leaves other calls and other callbacks alone', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.sdkCall('i1', 'disconnect', { inCallback: 'onwillreconnect' });
    b.sdkCall('i1', 'connect', { inCallback: 'ondisconnect' });
    b.sdkCall('i1', 'connect');
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });
});
