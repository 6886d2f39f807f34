import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { sdkLogin } from '../../session/test-sdk-sequences';
import { findingsOf } from '../test-findings';

const RULE = 'silent-option-change';

describe('silent-option-change', () => {
  it('flags a reused getInstance that changed options, with the old and new values', () => {
    const b = eventBuilder();
    const first = b.events.length + 1;
    sdkLogin(b, {
      instanceId: 'i1',
      socketId: 's1',
      account: 'alice',
      options: { account: 'alice', token: '[redacted]', debug: false, onmsg: '[function]' },
    });
    const again = b.wait(3_000).sdkGetInstance('i1', {
      account: 'alice',
      reused: true,
      changed: ['debug', 'ondisconnect', 'token'],
      options: { account: 'alice', token: '[redacted]', debug: true, ondisconnect: '[function]' },
    });
    const [finding, ...more] = findingsOf(b.events, RULE);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ instanceId: 'i1', evidence: [first, again.seq], severity: 'warning' });
    expect(finding?.detail.en).toContain(
      'debug: false → true; ondisconnect: (unset) → "[function]"; token (value hidden).',
    );
    expect(finding?.detail.zh).toContain('debug：false → true；');
    expect(finding?.detail.zh).toContain('返回的是已有实例');
  });

  it('stays silent on a reused getInstance that changed nothing, and on new instances', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.sdkGetInstance('i1', { account: 'alice', reused: true, changed: [] });
    b.sdkGetInstance('i2', { account: 'bob', changed: ['token'] });
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });
});
