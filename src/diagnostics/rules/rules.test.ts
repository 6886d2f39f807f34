import { describe, expect, it } from 'vitest';
import { RULES } from '.';

const CJK = /[\u4e00-\u9fff]/;

describe('RULES', () => {
  it('has unique ids, texts in both languages and NetEase doc links', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const text of [rule.title, rule.explanation]) {
        expect(text.en, rule.id).not.toMatch(CJK);
        expect(text.zh, rule.id).toMatch(CJK);
      }
      expect(rule.doc?.url.startsWith('https://doc.yunxin.163.com/'), rule.id).toBe(true);
    }
  });

  it('gives each session its own analyzer state', () => {
    for (const rule of RULES) expect(rule.createAnalyzer()).not.toBe(rule.createAnalyzer());
  });
});
