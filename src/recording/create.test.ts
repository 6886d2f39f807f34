import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { type CreateRecordingInput, createRecording } from './create';
import type { Recording } from './format';
import { parseRecording } from './parse';
import { EXPORTED_AT, PAGE, sampleEvents, TOOL } from './test-events';

function create(events: NimEvent[], extra: Partial<CreateRecordingInput> = {}): Recording {
  const result = createRecording({ events, page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT, ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result.recording;
}

function eventsOf(recording: Recording, kind: NimEvent['kind']) {
  return recording.events.filter((event) => event.kind === kind);
}

describe('createRecording', () => {
  it('writes the envelope, events in seq order and the SDK versions seen', () => {
    const events = sampleEvents();
    const detectedAgain = { ...events[0], seq: 9, data: { flavour: 'NIM', source: 'window.NIM', version: '9.21.12' } };
    const chatroom = {
      ...events[0],
      seq: 10,
      data: { flavour: 'Chatroom', source: 'window.Chatroom', version: '9.11' },
    };
    const recording = create([chatroom, ...events.reverse(), detectedAgain] as NimEvent[]);
    expect(recording).toMatchObject({
      format: 'nim-devtools-recording',
      version: 1,
      exportedAt: '2025-11-26T01:22:03.120Z',
      tool: TOOL,
      page: PAGE,
      sdkVersions: ['9.21.12', '9.11'],
      redaction: { tokens: true, accounts: false, appKeys: false },
    });
    expect(recording.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(recording.events.slice(0, 8)).toEqual(sampleEvents());
  });

  it('refuses events that share a seq, with the same error an import would give', () => {
    const events = sampleEvents();
    const result = createRecording({
      events: [...events, { ...events[3], seq: 2 } as NimEvent],
      page: PAGE,
      tool: TOOL,
      exportedAt: EXPORTED_AT,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'duplicate-seq',
        message: 'events[2].seq: seq 2 repeats the seq of events[1]',
        path: 'events[2].seq',
      },
    });
  });

  it('refuses an event that would not survive JSON (NaN time)', () => {
    const events = sampleEvents();
    events[2] = { ...events[2], t: Number.NaN } as NimEvent;
    const result = createRecording({ events, page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT });
    expect(result.ok || result.error.message).toBe('events[2].t: expected a finite number, got NaN');
  });

  it('refuses an invalid export date', () => {
    const result = createRecording({ events: [], page: PAGE, tool: TOOL, exportedAt: new Date(Number.NaN) });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-value', message: 'exportedAt: expected a valid date', path: 'exportedAt' },
    });
  });

  it('drops fields that are undefined in memory, as JSON.stringify would', () => {
    const recording = create([
      { seq: 1, t: 1, kind: 'sdk.disconnect', instanceId: undefined, data: { code: undefined, reason: 'x' } },
    ]);
    expect(Object.keys(recording.events[0] as object)).toEqual(['seq', 't', 'kind', 'data']);
    expect(recording.events[0]?.data).toEqual({ reason: 'x' });
    expect(Object.keys(recording.events[0]?.data as object)).toEqual(['reason']);
  });

  it('redacts any field named like a secret in free-form data, whatever the hook did', () => {
    const events = sampleEvents();
    const getInstance = events[1] as NimEvent & { kind: 'sdk.getInstance' };
    getInstance.data.options = {
      token: 'clear-text-token',
      loginToken: 'x',
      nested: { password: 'hunter2', list: [{ appSecret: 's', keep: 1 }], credentials: { user: 'u', pass: 'p' } },
      privateKey: 'k',
      emptyToken: '',
      nullToken: null,
      authType: 1,
      keyword: 'kept',
      appKey: '45c6abcd',
      account: 'alice',
    };
    const [written] = eventsOf(create(events), 'sdk.getInstance');
    const options = written?.kind === 'sdk.getInstance' ? written.data.options : undefined;
    expect(options).toEqual({
      token: '[redacted]',
      loginToken: '[redacted]',
      nested: { password: '[redacted]', list: [{ appSecret: '[redacted]', keep: 1 }], credentials: '[redacted]' },
      privateKey: '[redacted]',
      // As in the hook: "the token is empty" is worth seeing.
      emptyToken: '',
      nullToken: null,
      authType: 1,
      keyword: 'kept',
      appKey: '45c6abcd',
      account: 'alice',
    });
    // The input was copied, not changed.
    expect(getInstance.data.options.token).toBe('clear-text-token');
  });
});

describe('createRecording with the sharing mask', () => {
  function maskedSession(): NimEvent[] {
    const events = sampleEvents();
    const getInstance = events[1] as NimEvent & { kind: 'sdk.getInstance' };
    getInstance.data.options = { account: 'alice', appKey: '45c6000000000000000000000000e1f2', token: '[redacted]' };
    return [
      ...events,
      {
        seq: 9,
        t: 9,
        kind: 'sdk.log',
        data: { level: 'info', text: 'login ALICE with 45c6000000000000000000000000e1f2' },
      },
      {
        seq: 10,
        t: 10,
        kind: 'page.navigate',
        data: { url: 'https://x.test/?uid=alice&k=45c6000000000000000000000000e1f2' },
      },
      {
        seq: 11,
        t: 11,
        kind: 'sdk.getInstance',
        instanceId: 'ab12-i2',
        data: { flavour: 'NIM', account: 'bob@corp', reused: false, changed: [], options: {} },
      },
      { seq: 12, t: 12, kind: 'sdk.log', data: { level: 'warn', text: 'nim-logs-bob@corp, /?id=bob%40corp, alice2' } },
    ];
  }

  it('replaces every account consistently: fields, logs, URLs, any case, URL-encoded', () => {
    const recording = create(maskedSession(), {
      page: { ...PAGE, url: 'https://x.test/chat?me=alice', title: 'Chat — alice' },
      redaction: { maskAccounts: true },
    });
    expect(recording.redaction).toEqual({ tokens: true, accounts: true, appKeys: false });
    const [first, second] = eventsOf(recording, 'sdk.getInstance');
    expect(first?.data).toMatchObject({ account: 'account-1', options: { account: 'account-1' } });
    expect(second?.data).toMatchObject({ account: 'account-2' });
    expect(eventsOf(recording, 'sdk.log').map((event) => (event.data as { text: string }).text)).toEqual([
      '[NIM INFO 11-26 00:30:12:750 IM]  link::notifyLogin: on connect',
      'login account-1 with 45c6000000000000000000000000e1f2',
      'nim-logs-account-2, /?id=account-2, account-12',
    ]);
    expect(eventsOf(recording, 'page.navigate')[0]?.data).toEqual({
      url: 'https://x.test/?uid=account-1&k=45c6000000000000000000000000e1f2',
    });
    expect(recording.page).toEqual({ ...PAGE, url: 'https://x.test/chat?me=account-1', title: 'Chat — account-1' });
    expect(JSON.stringify(recording).toLowerCase()).not.toMatch(/alice|bob/);
  });

  it('replaces a longer account before a shorter one it contains', () => {
    const events: NimEvent[] = ['al', 'alice'].map((account, index) => ({
      seq: index + 1,
      t: 0,
      kind: 'sdk.getInstance',
      data: { flavour: 'NIM', account, reused: false, changed: [], options: {} },
    }));
    events.push({ seq: 3, t: 0, kind: 'sdk.log', data: { level: 'info', text: 'alice al' } });
    const recording = create(events, { redaction: { maskAccounts: true } });
    expect(recording.events[2]?.data).toEqual({ level: 'info', text: 'account-2 account-1' });
  });

  it('gives a shortened appKey and its full form the same label, and finds the full form in texts', () => {
    const recording = create(maskedSession(), { redaction: { maskAppKeys: true } });
    expect(recording.redaction).toEqual({ tokens: true, accounts: false, appKeys: true });
    const first = eventsOf(recording, 'sdk.getInstance')[0];
    expect(first?.data).toMatchObject({ account: 'alice', appKey: 'appkey-1', options: { appKey: 'appkey-1' } });
    expect(eventsOf(recording, 'sdk.log')[1]?.data).toEqual({ level: 'info', text: 'login ALICE with appkey-1' });
    expect(JSON.stringify(recording)).not.toMatch(/45c6|e1f2/);
  });

  it('finds the full appKey from its shortened form alone', () => {
    const events = sampleEvents();
    events.push({
      seq: 9,
      t: 9,
      kind: 'sdk.log',
      data: { level: 'debug', text: 'lbs ?k=45C6abcdef0123456789E1F2&x=1' },
    });
    const recording = create(events, { redaction: { maskAppKeys: true } });
    expect(recording.events[8]?.data).toEqual({ level: 'debug', text: 'lbs ?k=appkey-1&x=1' });
  });

  it('ignores what names nothing: an appKey the hook shortened to "…", an empty account', () => {
    const events: NimEvent[] = [
      {
        seq: 1,
        t: 0,
        kind: 'sdk.getInstance',
        data: { flavour: 'NIM', account: '', appKey: '…', reused: false, changed: [], options: {} },
      },
      { seq: 2, t: 0, kind: 'sdk.log', data: { level: 'info', text: 'loading… done' } },
    ];
    const recording = create(events, { redaction: { maskAccounts: true, maskAppKeys: true } });
    expect(recording.events).toEqual(events);
  });

  it('never rewrites an enum, a kind or the export date', () => {
    const events: NimEvent[] = [
      {
        seq: 1,
        t: 0,
        kind: 'sdk.getInstance',
        data: { flavour: 'NIM', account: 'info', reused: false, changed: [], options: {} },
      },
      { seq: 2, t: 0, kind: 'sdk.log', data: { level: 'info', text: 'user info' } },
    ];
    const recording = create(events, { redaction: { maskAccounts: true } });
    expect(recording.events[1]?.data).toEqual({ level: 'info', text: 'user account-1' });
    expect(parseRecording(JSON.stringify(recording))).toEqual({ ok: true, recording });
  });

  it('changes nothing when not asked', () => {
    const recording = create(maskedSession());
    expect(recording.events).toEqual(maskedSession());
  });
});
