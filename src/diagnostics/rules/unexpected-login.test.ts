import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../../session/test-events';
import { findingsOf } from '../test-findings';

const RULE = 'unexpected-login';

describe('unexpected-login', () => {
  it('flags getInstance refused for another account, on the client that was in the way', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { account: 'alice', api: 'v1' });
    const refused = b.wait(100).sdkError('i1', { event: 'getInstance', message: 'Unexpected login' });
    const [finding, ...more] = findingsOf(b.events, RULE);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', instanceId: 'i1', evidence: [refused.seq] });
    expect(finding?.detail.en).toContain('Unexpected login');
  });

  it('ignores the SDK’s other errors', () => {
    const b = eventBuilder();
    b.sdkGetInstance('i1', { api: 'v2' });
    b.wait(10).sdkError('i1', { event: 'onLoginFailed', code: 302 });
    b.wait(10).sdkError('i1', { code: 500, message: 'server' });
    expect(findingsOf(b.events, RULE)).toEqual([]);
  });
});
