/**
 * A recording of 100,000 events: import and export must handle it. The times are printed for a human to read;
 * they are not asserted (timing assertions flake on a shared machine; benchmarks live elsewhere).
 */
import { expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { createRecording } from './create';
import { parseRecording } from './parse';
import { EXPORTED_AT, PAGE, sampleEvents, TOOL } from './test-events';

function manyEvents(count: number): NimEvent[] {
  const cycle = sampleEvents();
  return Array.from({ length: count }, (_, index) => {
    const event = cycle[index % cycle.length] as NimEvent;
    return { ...event, seq: index + 1, t: event.t + index } as NimEvent;
  });
}

it('reads and writes a recording of 100,000 events', () => {
  const events = manyEvents(100_000);

  let started = performance.now();
  const created = createRecording({ events, page: PAGE, tool: TOOL, exportedAt: EXPORTED_AT });
  const createMs = performance.now() - started;
  if (!created.ok) throw new Error(created.error.message);

  const text = JSON.stringify(created.recording);
  started = performance.now();
  const parsed = parseRecording(text);
  const parseMs = performance.now() - started;

  started = performance.now();
  const masked = createRecording({
    events,
    page: PAGE,
    tool: TOOL,
    exportedAt: EXPORTED_AT,
    redaction: { maskAccounts: true, maskAppKeys: true },
  });
  const maskMs = performance.now() - started;

  console.log(
    `100,000 events (${(text.length / 1e6).toFixed(1)} MB): parse+validate ${parseMs.toFixed(0)} ms, ` +
      `create ${createMs.toFixed(0)} ms, create with mask ${maskMs.toFixed(0)} ms`,
  );
  expect(parsed.ok && parsed.recording.events.length).toBe(100_000);
  expect(masked.ok && masked.recording.events[1]?.data).toMatchObject({ account: 'account-1' });
}, 60_000);
