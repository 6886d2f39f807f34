import { describe, expect, it } from 'vitest';
import { groupReconnects, type ReconnectGroup } from './reconnect-groups';
import { applyEvents, createSession } from './reducer';
import { eventBuilder } from './test-events';
import { sdkDroppedByServer, sdkLogin, sdkReconnected, sdkRefusedAttempt } from './test-sdk-sequences';
import { TimelineIndex } from './timeline';

function everything(build: (b: ReturnType<typeof eventBuilder>) => void) {
  const b = eventBuilder();
  build(b);
  const state = createSession();
  applyEvents(state, b.take());
  const all = state.events.map((_, i) => i);
  return { state, rows: groupReconnects(state, all) };
}

function groupsOf(rows: ReturnType<typeof groupReconnects>): ReconnectGroup[] {
  return rows.filter((row): row is ReconnectGroup => row.type === 'reconnect');
}

describe('groupReconnects', () => {
  it('folds an outage — two willReconnect per close, refused attempts between — into one row', () => {
    const { state, rows } = everything((b) => {
      sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
      sdkDroppedByServer(b, 'i1', 's1', 1); // retry 1 and 2, waits 3200
      sdkRefusedAttempt(b, 'i1', 's2', 3); // waits 6400
      sdkRefusedAttempt(b, 'i1', 's3', 4); // waits 8000
      sdkReconnected(b, 'i1', 's4');
    });
    const [group, ...more] = groupsOf(rows);
    expect(more).toEqual([]);
    expect(group).toMatchObject({
      instanceId: 'i1',
      willReconnects: 4,
      firstRetryCount: 1,
      lastRetryCount: 4,
      delays: [1600, 3200, 6400, 8000],
      attempts: 3,
      errors: 2,
    });
    expect(state.events[group?.endedBy ?? -1]?.kind).toBe('sdk.connect');
    // The close that started the outage precedes the first willReconnect and stays its own row.
    const kinds = rows.map((row) => (row.type === 'event' ? state.events[row.index]?.kind : 'GROUP'));
    expect(kinds).toEqual([
      'sdk.getInstance',
      'ws.create',
      'ws.open',
      'ws.traffic',
      'sdk.connect',
      'ws.close',
      'GROUP',
      'sdk.connect',
    ]);
    expect(group?.indices.length).toBe(4 + 2 * 3 + 2); // willReconnects, (create, error, close) × 2, (create, open)
  });

  it('keeps two instances’ outages apart and lets their rows interleave', () => {
    const { state, rows } = everything((b) => {
      sdkLogin(b, { instanceId: 'a', socketId: 'sa', account: 'alice', url: 'ws://one.test/websocket' });
      sdkLogin(b, { instanceId: 'b', socketId: 'sb', account: 'bob', url: 'ws://two.test/websocket' });
      b.wsClose('sa', 1006, '', false);
      b.sdkWillReconnect('a', 1, 1600);
      b.sdkLog('b', 'info', 'still fine');
      b.sdkWillReconnect('a', 2, 3200);
      b.wait(3200);
      b.wsCreate('sa2', 'ws://one.test/websocket', { instanceId: 'a' });
      b.sdkConnect('a');
    });
    const [group] = groupsOf(rows);
    expect(group).toMatchObject({ instanceId: 'a', willReconnects: 2, attempts: 1 });
    const logRow = rows.findIndex((row) => row.type === 'event' && state.events[row.index]?.kind === 'sdk.log');
    const groupRow = rows.findIndex((row) => row.type === 'reconnect');
    expect(groupRow).toBeGreaterThan(0);
    expect(logRow).toBeGreaterThan(groupRow);
  });

  it('leaves a group open while the instance is still reconnecting', () => {
    const { rows } = everything((b) => {
      sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
      sdkDroppedByServer(b, 'i1', 's1');
      sdkRefusedAttempt(b, 'i1', 's2', 3);
    });
    expect(groupsOf(rows)[0]?.endedBy).toBeUndefined();
  });

  it('groups within a filtered timeline', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkDroppedByServer(b, 'i1', 's1');
    sdkReconnected(b, 'i1', 's2');
    const state = createSession();
    applyEvents(state, b.take());
    const sdkOnly = new TimelineIndex().filter(state, { groups: ['sdk'] });
    const rows = groupReconnects(state, sdkOnly);
    expect(rows.map((row) => row.type)).toEqual(['event', 'event', 'reconnect', 'event']);
    expect(groupsOf(rows)[0]?.attempts).toBe(0);
  });
});
