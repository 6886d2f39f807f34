import { describe, expect, it } from 'vitest';
import { recordingFileName } from './file-name';

// Local time on purpose (see fileName.ts): built from local fields, the expectation holds in any time zone.
const DATE = new Date(2025, 10, 26, 9, 5, 3);

describe('recordingFileName', () => {
  it.each([
    ['https://im.example.com/chat?x=1#y', 'im.example.com'],
    ['http://127.0.0.1:5173/demo.html', '127.0.0.1-5173'],
    ['https://IM.Example.COM:8443/', 'im.example.com-8443'],
    ['https://例子.测试/', 'xn--fsqu00a.xn--0zwm56d'],
    ['http://[::1]:8080/', '1-8080'],
    ['file:///home/me/My%20Demo.html', 'file-my-demo'],
    ['file:///C:/work/nim/index.htm', 'file-index'],
    ['file:///', 'file'],
    ['about:blank', 'about-blank'],
    ['about:srcdoc', 'about-srcdoc'],
    ['data:text/html,<script>alert(1)</script>', 'data'],
    ['blob:https://app.example.com/3f2a-11', 'app.example.com'],
    ['javascript:void(0)', 'javascript'],
    ['not a url', 'page'],
    ['', 'page'],
  ])('%s → %s', (url, label) => {
    expect(recordingFileName(url, DATE)).toBe(`nim-devtools-${label}-20251126-090503.json`);
  });

  it('keeps a long host to 60 characters without a trailing separator', () => {
    const name = recordingFileName(`https://${'a'.repeat(59)}.example.com/`, DATE);
    expect(name).toBe(`nim-devtools-${'a'.repeat(59)}-20251126-090503.json`);
  });

  it('pads every part of the time', () => {
    expect(recordingFileName('https://x.test/', new Date(2026, 0, 2, 3, 4, 5))).toBe(
      'nim-devtools-x.test-20260102-030405.json',
    );
  });
});
