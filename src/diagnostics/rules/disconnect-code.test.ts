import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import {
  sdkAppDisconnect,
  sdkDroppedByServer,
  sdkKicked,
  sdkLogin,
  sdkLoginRefused,
  sdkReleaseWhileWaiting,
  sdkSyncErrorThenReconnect,
} from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';

const RULE = 'disconnect-code';

describe('disconnect-code', () => {
  it('decodes a refused login', () => {
    const b = eventBuilder();
    const refused = sdkLoginRefused(b, { instanceId: 'i1', socketId: 's1', account: 'alice', code: 302 });
    const [finding] = findingsOf(b.events, RULE);
    expect(finding).toMatchObject({ severity: 'error', instanceId: 'i1', evidence: [refused.seq] });
    expect(finding?.title).toEqual({
      en: 'Disconnected 302: Wrong account or token',
      zh: '连接断开 302：账号或 token 错误',
    });
    expect(finding?.detail.en).toContain('Message: “2_3 login error”.');
  });

  it('explains Sync_Error as not final, and says when a code is unknown', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkSyncErrorThenReconnect(b, 'i1', 's1', 's2');
    b.sdkDisconnect('i1', { code: 'Mystery_Code', willReconnect: false });
    const [sync, unknown] = findingsOf(b.events, RULE);
    expect(sync?.detail.en).toContain('reconnects about 1.6 s later anyway');
    expect(unknown).toMatchObject({ severity: 'warning' });
    expect(unknown?.title.en).toBe('Disconnected Mystery_Code: Unknown disconnect code Mystery_Code');
  });

  it('stays silent on logout, alreadyDisconnected, kicks and recoverable drops', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkAppDisconnect(b, 'i1', 's1');
    sdkLogin(b, { instanceId: 'i2', socketId: 's2', account: 'bob' });
    sdkDroppedByServer(b, 'i2', 's2');
    b.sdkDisconnect('i2', { code: 'Error_Timeout', willReconnect: true });
    sdkReleaseWhileWaiting(b, 'i2');
    sdkLogin(b, { instanceId: 'i3', socketId: 's3', account: 'carol' });
    sdkKicked(b, 'i3', 's3');
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });
});
