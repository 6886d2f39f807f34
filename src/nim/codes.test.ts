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

  // The v10 SDK's V2NIMError codes that end or interrupt a login (nim-web-sdk-ng 10.8.1).
  const v10: number[] = [101303, 102302, 102422, 190002, 191002, 191005, 192001, 192002, 192003, 192004];

  it.each(v10)('knows the v10 code %s, in English and Chinese, with what to do', (code) => {
    const explanation = explainDisconnect(code);
    expect(explanation.known).toBe(true);
    expect(explanation.title.zh).toMatch(CJK);
    expect(explanation.action.en.length).toBeGreaterThan(10);
    expect(explainDisconnect(String(code)).title).toEqual(explanation.title);
  });

  it('tells the v10 kick reasons apart, by the names the hook gives them', () => {
    expect(explainDisconnect('kicked', 'CLIENT_EXCLUSIVE').title.en).toBe('Kicked offline (CLIENT_EXCLUSIVE)');
    expect(explainDisconnect('kicked', 'CLIENT').meaning.en).toContain('kickOffline()');
    expect(explainDisconnect('kicked', 'SERVER').meaning.zh).toContain('服务端');
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
