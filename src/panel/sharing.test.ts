import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { parseRecording, type Recording } from '../recording';
import { EXPORTED_AT, PAGE, sampleEvents, TOOL } from '../recording/test-events';
import { eventBuilder } from '../session/test-events';
import { sdkKicked, sdkLogin } from '../session/test-sdk-sequences';
import { lastTopLevelUrl, recordingSummary, recordingText, reshareRecording, sessionRecording } from './sharing';

function exported(events: NimEvent[] = sampleEvents(), maskIdentities = false): Recording {
  const result = sessionRecording({ events, page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT, maskIdentities });
  if (!result.ok) throw new Error(result.error.message);
  return result.recording;
}

/** Two instances on one page, the second kicked: what a masked summary must still make sense of. */
function twoAccounts(): NimEvent[] {
  const b = eventBuilder();
  b.pageNavigate('https://im.example.com/chat?user=alice');
  sdkLogin(b, { instanceId: 'd-i1', socketId: 'd-s1', account: 'alice', appKey: '45c6…e1f2' });
  b.wait(100);
  sdkLogin(b, { instanceId: 'd-i2', socketId: 'd-s2', account: 'bob', appKey: '45c6…e1f2' });
  b.wait(1000);
  sdkKicked(b, 'd-i2', 'd-s2');
  return b.take();
}

describe('sessionRecording', () => {
  it('writes the whole session in seq order, tokens redacted, identities kept unless masked', () => {
    const shuffled = [...sampleEvents()].reverse();
    const plain = exported(shuffled);
    expect(plain.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plain.redaction).toEqual({ tokens: true, accounts: false, appKeys: false });
    expect(plain.sdkVersions).toEqual(['9.21.12']);
    expect(JSON.stringify(plain)).toContain('alice');

    const masked = exported(shuffled, true);
    expect(masked.redaction).toEqual({ tokens: true, accounts: true, appKeys: true });
    expect(JSON.stringify(masked)).not.toMatch(/alice|45c6/i);
    expect(masked.page).toEqual(PAGE);
    expect(masked.tool).toEqual(TOOL);
    expect(masked.exportedAt).toBe(EXPORTED_AT.toISOString());
  });

  it('fails with the reader’s reason when the events cannot make a valid file', () => {
    const [first] = sampleEvents();
    const result = sessionRecording({
      events: [first as NimEvent, first as NimEvent],
      page: PAGE,
      tool: TOOL,
      exportedAt: EXPORTED_AT,
      maskIdentities: false,
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('duplicate-seq');
  });
});

describe('reshareRecording', () => {
  it('shares an opened file as it is, unless asked to mask what it shows', () => {
    const plain = exported();
    expect(reshareRecording(plain, false)).toEqual({ ok: true, recording: plain });

    const result = reshareRecording(plain, true);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.recording.redaction).toEqual({ tokens: true, accounts: true, appKeys: true });
    expect(JSON.stringify(result.recording)).not.toContain('alice');
    // The session's own facts stay: where and when it was recorded, and by which tool.
    expect(result.recording.exportedAt).toBe(plain.exportedAt);
    expect(result.recording.page).toEqual(plain.page);
    expect(result.recording.tool).toEqual(plain.tool);
  });

  it('keeps a file that is masked already, and its mask stays on the record either way', () => {
    const masked = exported(sampleEvents(), true);
    expect(reshareRecording(masked, true)).toEqual({ ok: true, recording: masked });
    const again = reshareRecording(masked, false);
    expect(again.ok && again.recording.redaction.accounts).toBe(true);
  });
});

describe('recordingText', () => {
  it('reads back to the same recording', () => {
    const recording = exported(twoAccounts());
    const parsed = parseRecording(recordingText(recording));
    expect(parsed).toEqual({ ok: true, recording });
  });

  it('puts one event on each line under an indented envelope', () => {
    const recording = exported();
    const lines = recordingText(recording).trimEnd().split('\n');
    const eventLines = lines.filter((line) => line.startsWith('    {"seq":'));
    expect(eventLines).toHaveLength(recording.events.length);
    expect(lines[1]).toBe('  "format": "nim-devtools-recording",');
    expect(lines.at(-1)).toBe('}');
  });

  it('writes an empty session as an empty list', () => {
    const recording = exported([]);
    const text = recordingText(recording);
    expect(text).toContain('"events": []');
    expect(parseRecording(text)).toEqual({ ok: true, recording });
  });
});

describe('recordingSummary', () => {
  it('summarises instances, findings and the events around the selection', () => {
    const recording = exported(twoAccounts());
    const kick = recording.events.find((event) => event.kind === 'sdk.disconnect') as NimEvent;
    const text = recordingSummary(recording, { selectedSeq: kick.seq, profile: 'browser', language: 'en' });
    expect(text).toContain('### Instances (2)');
    expect(text).toMatch(/\| d-i2 \| NIM \| bob \| .* \| disconnected \|/);
    expect(text).toContain('### Diagnostics');
    expect(text).toContain('kicked');
    expect(text).toContain(`### Timeline around #${kick.seq}`);
  });

  it('derives everything from the masked events, so no finding names a masked account', () => {
    const masked = exported(twoAccounts(), true);
    const text = recordingSummary(masked, { profile: 'browser', language: 'en' });
    expect(text).not.toMatch(/alice|bob|45c6/i);
    expect(text).toContain('account-2');
  });

  it('judges the socket budget of the chosen platform', () => {
    const recording = exported(twoAccounts());
    const browser = recordingSummary(recording, { profile: 'browser', language: 'en' });
    const uniapp = recordingSummary(recording, { profile: 'uniapp', language: 'en' });
    expect(browser).not.toContain('uni-app');
    expect(uniapp).toContain('uni-app');
  });

  it('writes the findings in the UI’s language', () => {
    const text = recordingSummary(exported(twoAccounts()), { profile: 'browser', language: 'zh' });
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('lastTopLevelUrl', () => {
  it('is the last navigation of the top frame, not of an iframe', () => {
    const b = eventBuilder();
    b.pageNavigate('https://a.example/one');
    b.pageNavigate('https://a.example/two');
    const frame = b.pageNavigate('https://ads.example/frame');
    frame.frameId = 3;
    expect(lastTopLevelUrl(b.take())).toBe('https://a.example/two');
    expect(lastTopLevelUrl(sampleEvents())).toBeUndefined();
  });
});
