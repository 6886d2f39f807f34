import { describe, expect, it } from 'vitest';
import { eventBuilder } from '../session/test-events';
import { stringsFor } from './i18n';
import { summarize } from './summary';

const en = stringsFor('en');
const zh = stringsFor('zh');

describe('summarize', () => {
  it('explains a known disconnect code where it appears, in the UI language', () => {
    const b = eventBuilder();
    const kicked = b.sdkDisconnect('i1', { code: 'kicked', reason: 'samePlatformKick', from: 'Web' });
    const line = summarize(kicked, en, 'en');
    expect(line.code?.known).toBe(true);
    expect(line.text).toContain('Kicked offline (samePlatformKick)');
    expect(line.severity).toBe('warning');
    expect(summarize(kicked, zh, 'zh').text).toContain('被踢下线');
  });

  it('says an unknown code is unknown instead of guessing', () => {
    const b = eventBuilder();
    const line = summarize(b.sdkDisconnect('i1', { code: 9999 }), en, 'en');
    expect(line.code?.known).toBe(false);
    expect(line.text).toContain('Unknown disconnect code 9999');
  });

  it('keeps the app’s own logout quiet and marks lost sockets and errors', () => {
    const b = eventBuilder();
    expect(summarize(b.sdkDisconnect('i1', { code: 'logout' }), en, 'en').severity).toBe('none');
    const lost = summarize(b.wsClose('s1', 1006, '', false), en, 'en');
    expect(lost).toMatchObject({ severity: 'warning' });
    expect(lost.text).toContain('abnormal closure');
    expect(summarize(b.sdkLog('i1', 'error', 'boom'), en, 'en').severity).toBe('error');
  });

  it('drops the SDK’s own log prefix (level and time are in the row already)', () => {
    const b = eventBuilder();
    const line = b.sdkLog('i1', 'info', '[NIM INFO 11-26 00:30:12:750 IM]  link::notifyLogin: on connect');
    expect(summarize(line, en, 'en').text).toBe('link::notifyLogin: on connect');
    expect(summarize(b.sdkLog('i1', 'info', 'plain [NIM] text'), en, 'en').text).toBe('plain [NIM] text');
  });

  it('flags a reused getInstance that changed options', () => {
    const b = eventBuilder();
    const line = summarize(b.sdkGetInstance('i1', { account: 'a', reused: true, changed: ['token'] }), en, 'en');
    expect(line).toMatchObject({ severity: 'warning' });
    expect(line.text).toContain('changed: token');
  });
});
