import { describe, expect, it } from 'vitest';
import { explainDisconnect, isKickCode, normalizeCode } from './codes';

const CJK = /[\u4e00-\u9fff]/;

describe('explainDisconnect', () => {
  const documented: (string | number)[] = [
    302,
    403,
    422,
    417,
    'kicked',
    'allAttemptsFailed',
    'initConnectFail',
    'logout',
    'alreadyDisconnected',
    'Sync_Error',
    'Error_Timeout',
    'offlineListener',
    13003,
  ];

  it.each(documented)('knows %s, in English and Chinese, with what to do', (code) => {
    const explanation = explainDisconnect(code);
    expect(explanation.known).toBe(true);
    expect(explanation.code).toBe(code);
    for (const text of [explanation.title, explanation.meaning, explanation.action]) {
      expect(text.en.length).toBeGreaterThan(3);
      expect(text.zh).toMatch(CJK);
    }
    expect(explanation.doc.url.startsWith('https://doc.yunxin.163.com/')).toBe(true);
  });

  it('reads numeric strings as the numbers the SDK reports', () => {
    expect(explainDisconnect('302').code).toBe(302);
    expect(explainDisconnect('302').title.en).toBe('Wrong account or token');
    expect(normalizeCode('Sync_Error')).toBe('Sync_Error');
  });

  it('tells the kick reasons apart', () => {
    expect(explainDisconnect('kicked', 'samePlatformKick').meaning.en).toContain('another browser tab');
    expect(explainDisconnect('kicked', 'otherPlatformKick').meaning.zh).toContain('其他平台');
    expect(explainDisconnect('kicked', 'serverKick').title.en).toBe('Kicked offline (serverKick)');
    expect(explainDisconnect('kicked', 'newReason').title.en).toBe('Kicked offline');
  });

  it('marks only the app’s own logout as expected', () => {
    const expected = documented.filter((code) => explainDisconnect(code).expected);
    expect(expected).toEqual(['logout', 'alreadyDisconnected']);
  });

  it('says plainly when a code is unknown', () => {
    const unknown = explainDisconnect(999);
    expect(unknown).toMatchObject({ known: false, code: 999, severity: 'warning' });
    expect(unknown.title).toEqual({ en: 'Unknown disconnect code 999', zh: '未知的断开码 999' });
    expect(explainDisconnect(undefined).title.en).toBe('Disconnected without a code');
  });

  it('recognises the kick codes', () => {
    expect([isKickCode('kicked'), isKickCode(417), isKickCode('417'), isKickCode(302), isKickCode(undefined)]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
