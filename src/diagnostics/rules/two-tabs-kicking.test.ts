import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { sdkAppDisconnect, sdkKicked, sdkLogin, sdkLoginRefused } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';

const RULE = 'two-tabs-kicking';

describe('two-tabs-kicking', () => {
  it('explains a same-platform kick from Web as another tab, window or device', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    const kick = sdkKicked(b, 'i1', 's1', 'samePlatformKick');
    const [finding] = findingsOf(b.events, RULE);
    expect(finding).toMatchObject({ severity: 'warning', instanceId: 'i1', evidence: [kick.seq] });
    expect(finding?.detail.en).toContain('Kicked offline (samePlatformKick) (from: Web)');
    expect(finding?.detail.en).toContain('not in this tab');
    expect(finding?.detail.zh).toContain('另一个浏览器标签页');
    expect(finding?.docUrl).toContain('NIMOnDisconnectResultKicked');
  });

  it('points at the other login when it is in this tab (another frame of the same account)', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'top-i1', socketId: 'top-s1', account: 'alice' });
    b.emit(
      'sdk.getInstance',
      { flavour: 'NIM', account: 'alice', reused: false, changed: [], options: {} },
      {
        instanceId: 'frame-i1',
        frameId: 3,
      },
    );
    const rival = b.emit('sdk.connect', {}, { instanceId: 'frame-i1', frameId: 3 });
    const kick = sdkKicked(b, 'top-i1', 'top-s1');
    const [finding] = findingsOf(b.events, RULE);
    expect(finding?.evidence).toEqual([rival.seq, kick.seq]);
    expect(finding?.detail.en).toContain('frame-i1 (frame 3) logged in with the same account');
  });

  it('rates a server kick as information and 417 as a warning', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkKicked(b, 'i1', 's1', 'serverKick');
    sdkLoginRefused(b, { instanceId: 'i2', socketId: 's2', account: 'bob', code: 417 });
    expect(findingsOf(b.events, RULE).map((f) => [f.instanceId, f.severity])).toEqual([
      ['i1', 'info'],
      ['i2', 'warning'],
    ]);
  });

  it('stays silent on a logout or a wrong token', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkAppDisconnect(b, 'i1', 's1');
    sdkLoginRefused(b, { instanceId: 'i2', socketId: 's2', account: 'bob', code: 302 });
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });
});
