import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../diagnostics/engine';
import type { NimEvent } from '../model/events';
import { applyEvents, createSession } from '../session/reducer';
import { createRecording } from './create';
import type { Recording } from './format';
import { escapeMarkdown, type MarkdownFinding, toMarkdown } from './markdown';
import { EXPORTED_AT, PAGE, sampleEvents, TOOL, textArb } from './test-events';

function recordingOf(events: NimEvent[], page = PAGE): Recording {
  const result = createRecording({ events, page, tool: TOOL, exportedAt: EXPORTED_AT });
  if (!result.ok) throw new Error(result.error.message);
  return result.recording;
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`### ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = markdown.indexOf('\n### ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end).trim();
}

/** Cells of a table row, split on the pipes Markdown sees: those not escaped by a backslash. */
function cells(line: string): string[] {
  return line
    .split(/(?<!(?:^|[^\\])(?:\\\\)*\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

const KICKED: MarkdownFinding = {
  severity: 'warning',
  title: { en: 'Kicked by another Web client', zh: '被另一个 Web 端踢下线' },
  detail: { en: 'Two tabs share one account.\nClose one.', zh: '两个标签页使用同一账号。' },
  evidence: [7, 8],
  docUrl: 'https://doc.yunxin.163.com/messaging/guide/jIxMjczMzk?platform=web',
};

describe('toMarkdown', () => {
  it('describes the environment', () => {
    const markdown = toMarkdown(recordingOf(sampleEvents(), { ...PAGE, title: 'Chat' }));
    expect(markdown.startsWith('## nim-devtools recording\n\n')).toBe(true);
    expect(markdown).toContain(
      [
        '- **Page:** <https://im.example.com/chat>',
        '- **Title:** Chat',
        '- **User agent:** Mozilla/5.0 (X11; Linux) Test',
        '- **Tool:** nim-devtools 0.1.0, recording format 1, exported 2025-11-26T01:22:03.120Z',
        '- **NIM SDK:** 9.21.12',
        '- **Redaction:** tokens removed, accounts not masked, appKeys not masked',
        '- **Events:** 8 (#1–#8, 2.003 s)',
      ].join('\n'),
    );
  });

  it('lists the instances with their derived state and last SDK event', () => {
    const markdown = toMarkdown(recordingOf(sampleEvents()), {
      instances: [{ id: 'ab12-i1', state: 'disconnected', sockets: ['ab12-s1'], liveSockets: 0 }],
    });
    expect(section(markdown, 'Instances')).toBe(
      [
        '### Instances (1)',
        '',
        '| instance | SDK | account | appKey | state | sockets | last SDK event |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| ab12-i1 | NIM | alice | 45c6…e1f2 | disconnected | 0 open / 1 | #7 `sdk.disconnect` code=kicked, reason=samePlatformKick, willReconnect=false, from=Web |',
      ].join('\n'),
    );
  });

  it('still lists the instances when no derived state is given', () => {
    const row = section(toMarkdown(recordingOf(sampleEvents())), 'Instances').split('\n')[4] ?? '';
    expect(cells(row).slice(0, 6)).toEqual(['ab12-i1', 'NIM', 'alice', '45c6…e1f2', '—', '—']);
    expect(toMarkdown(recordingOf(sampleEvents().slice(0, 1)))).toContain('No SDK instance in this recording.');
  });

  it('shows the findings in the chosen language, or none', () => {
    const recording = recordingOf(sampleEvents());
    expect(section(toMarkdown(recording, { diagnostics: [KICKED] }), 'Diagnostics')).toBe(
      [
        '### Diagnostics (1)',
        '',
        '- **warning** — Kicked by another Web client (events #7, #8)',
        '  Two tabs share one account.<br>Close one.',
        '  Docs: <https://doc.yunxin.163.com/messaging/guide/jIxMjczMzk?platform=web>',
      ].join('\n'),
    );
    expect(toMarkdown(recording, { diagnostics: [KICKED], language: 'zh' })).toContain(
      '- **warning** — 被另一个 Web 端踢下线 (events #7, #8)\n  两个标签页使用同一账号。',
    );
    expect(section(toMarkdown(recording, { diagnostics: [] }), 'Diagnostics')).toBe('### Diagnostics\n\nNo findings.');
    expect(toMarkdown(recording)).not.toContain('### Diagnostics');
  });

  it('tabulates the events around the selected one, with times relative to it', () => {
    const timeline = section(toMarkdown(recordingOf(sampleEvents()), { selectedSeq: 5, windowSize: 1 }), 'Timeline');
    expect(timeline).toBe(
      [
        '### Timeline around #5 (±1 events)',
        '',
        '| seq | time (UTC) | Δ | kind | instance | socket | details |',
        '| ---: | --- | ---: | --- | --- | --- | --- |',
        '| 4 | 01:20:00.012 | −29 ms | `ws.open` |  | ab12-s1 | protocol="", extensions="" |',
        '| **▶ 5** | 01:20:00.040 | 0 ms | `sdk.connect` | ab12-i1 |  | connectionId=c-1, ip=127.0.0.1, port=9000 |',
        '| 6 | 01:20:00.041 | +1 ms | `sdk.log` | ab12-i1 |  | level=info, text=\\[NIM INFO 11-26 00:30:12:750 IM\\]  link::notifyLogin: on connect |',
      ].join('\n'),
    );
  });

  it('shows the last events when nothing (or an unknown event) is selected', () => {
    const recording = recordingOf(sampleEvents());
    const seqs = (markdown: string) =>
      section(markdown, 'Timeline')
        .split('\n')
        .filter((line) => line.startsWith('| '))
        .slice(2)
        .map((line) => cells(line)[0]);
    expect(seqs(toMarkdown(recording, { windowSize: 1 }))).toEqual(['6', '7', '8']);
    const unknown = toMarkdown(recording, { windowSize: 1, selectedSeq: 99 });
    expect(unknown).toContain('### Timeline: the last 3 events\n\nEvent #99 is not in this recording.');
    expect(seqs(unknown)).toEqual(['6', '7', '8']);
    expect(seqs(toMarkdown(recording))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(toMarkdown(recordingOf([]))).toContain('### Timeline\n\nNo events recorded.');
  });

  it('links only http(s) URLs, so that an escaped character never lands inside a link', () => {
    const linked = toMarkdown(recordingOf([], { ...PAGE, url: 'https://x.test/nim_types?a=1' }));
    expect(linked).toContain('- **Page:** <https://x.test/nim_types?a=1>\n');
    const notLinked = toMarkdown(recordingOf([], { ...PAGE, url: 'file:///home/me/my_demo.html' }));
    expect(notLinked).toContain('- **Page:** file:///home/me/my\\_demo.html\n');
    expect(toMarkdown(recordingOf([], { ...PAGE, url: 'https://x.test/a b' }))).toContain('https://x.test/a b\n');
  });

  it('takes the session model’s instances and the diagnostics engine’s findings as they are', () => {
    const recording = recordingOf(sampleEvents());
    const session = createSession();
    applyEvents(session, recording.events);
    const findings = runDiagnostics(recording.events);
    expect(findings.length).toBeGreaterThan(0);
    const markdown = toMarkdown(recording, { instances: [...session.instances.values()], diagnostics: findings });
    const row = section(markdown, 'Instances').split('\n')[4] ?? '';
    expect(cells(row)[4]).toBe(session.instances.get('ab12-i1')?.state);
    expect(section(markdown, 'Diagnostics')).toContain(`### Diagnostics (${findings.length})`);
    expect(markdown).toContain(`(events #${findings[0]?.evidence.join(', #')})`);
  });

  it('keeps a log line with pipes, backticks and newlines inside its cell', () => {
    const events = sampleEvents();
    events.push({
      seq: 9,
      t: 0,
      kind: 'sdk.log',
      instanceId: 'x|y',
      data: { level: 'warn', text: 'a | b\nc `code` <b>x</b> *y* _z_ $m$ ~s~ \\| [l](u)\r\nend' },
    });
    const lines = section(toMarkdown(recordingOf(events), { selectedSeq: 9, windowSize: 0 }), 'Timeline').split('\n');
    expect(lines).toHaveLength(5);
    expect(cells(lines[4] ?? '')).toEqual([
      '**▶ 9**',
      '00:00:00.000',
      '0 ms',
      '`sdk.log`',
      'x\\|y',
      '',
      'level=warn, text=a \\| b<br>c \\`code\\` \\<b\\>x\\</b\\> \\*y\\* \\_z\\_ \\$m\\$ \\~s\\~ \\\\\\| \\[l\\](u)<br>end',
    ]);
  });

  it('keeps every table row at seven cells whatever the texts', () => {
    fc.assert(
      fc.property(fc.array(textArb, { minLength: 1, maxLength: 10 }), textArb, (texts, account) => {
        const events: NimEvent[] = texts.map((text, index) => ({
          seq: index + 1,
          t: index,
          kind: 'sdk.log',
          instanceId: text,
          socketId: account,
          data: { level: 'info', text },
        }));
        events.push({
          seq: texts.length + 1,
          t: 0,
          kind: 'sdk.getInstance',
          instanceId: account,
          data: { flavour: 'NIM', account, appKey: account, reused: false, changed: [], options: {} },
        });
        const markdown = toMarkdown(recordingOf(events, { url: account, userAgent: account, title: account }));
        const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
        for (const row of rows) expect(cells(row)).toHaveLength(7);
        // Only our own lines: no text may start a line of its own.
        for (const line of markdown.split('\n')) expect(line).toMatch(/^(|#{2,3} .*|- \*\*.*|\| .*|No .*)$/s);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe('escapeMarkdown', () => {
  it('escapes what Markdown would interpret and keeps line breaks inside the line', () => {
    expect(escapeMarkdown('a|b `c` *d* _e_ [f] <g> ~h~ &i; #j $k$ \\l\nm\r\nn\ro\u2028p')).toBe(
      'a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\] \\<g\\> \\~h\\~ \\&i; \\#j \\$k\\$ \\\\l<br>m<br>n<br>o<br>p',
    );
  });
});
