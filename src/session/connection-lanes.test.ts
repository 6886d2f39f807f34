import { describe, expect, it } from 'vitest';
import type { NimEvent } from '../model/events';
import { type ConnectionLanes, ConnectionLanesIndex, laneSockets } from './connection-lanes';
import { applyEvents, createSession, resetSession } from './reducer';
import { eventBuilder } from './test-events';
import { sdkDroppedByServer, sdkLogin, sdkReconnected } from './test-sdk-sequences';
import type { SessionState } from './types';

function lanesOf(events: NimEvent[]): { lanes: ConnectionLanes; session: SessionState } {
  const session = createSession();
  applyEvents(session, events);
  return { lanes: new ConnectionLanesIndex().update(session), session };
}

const states = (lanes: ConnectionLanes, lane = 0) => lanes.lanes[lane]?.segments.map((s) => s.state);

describe('ConnectionLanesIndex', () => {
  it('follows a login, a drop and the reconnect with contiguous segments', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.example/', { doc: 'd1' });
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    const start = b.events.find((event) => event.kind === 'sdk.getInstance');
    sdkDroppedByServer(b, 'i1', 's1');
    const back = sdkReconnected(b, 'i1', 's2');
    const { lanes } = lanesOf(b.take());

    expect(lanes.lanes.map((lane) => lane.instanceId)).toEqual(['i1']);
    expect(states(lanes)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    const segments = lanes.lanes[0]?.segments ?? [];
    expect(segments[0]?.from).toBe(start?.t);
    for (let i = 1; i < segments.length; i++) expect(segments[i]?.from).toBe(segments[i - 1]?.to);
    expect(segments[3]).toEqual({ state: 'connected', from: back.t, seq: back.seq });
    expect(lanes.start).toBe(b.events[0]?.t);
    expect(lanes.end).toBe(back.t);
  });

  it('ends a kicked lane in disconnected and a destroyed one in destroyed, with their marks', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkLogin(b, { instanceId: 'i2', socketId: 's2', account: 'bob' });
    const kick = b.wait(10).sdkDisconnect('i1', { code: 'kicked', reason: 'samePlatformKick' });
    const error = b.sdkError('i2', { code: 500 });
    b.wait(10).sdkCall('i2', 'destroy');
    const { lanes } = lanesOf(b.take());

    expect(states(lanes, 0)).toEqual(['connecting', 'connected', 'disconnected']);
    expect(states(lanes, 1)).toEqual(['connecting', 'connected', 'destroyed']);
    expect(lanes.lanes[0]?.marks.map((m) => [m.kind, m.seq])).toEqual([
      ['sdk.getInstance', 1],
      ['sdk.disconnect', kick.seq],
    ]);
    expect(lanes.lanes[1]?.marks.map((m) => m.kind)).toEqual(['sdk.getInstance', 'sdk.error']);
    expect(lanes.lanes[1]?.marks[1]?.index).toBe(b.events.indexOf(error));
  });

  it('stops the lanes of a document at the navigation that leaves it', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.example/', { doc: 'd1' });
    sdkLogin(b, { instanceId: 'd1-i1', socketId: 'd1-s1', account: 'alice' });
    const leave = b.wait(100).pageNavigate('https://app.example/next', { doc: 'd2' });
    sdkLogin(b, { instanceId: 'd2-i1', socketId: 'd2-s1', account: 'alice' });
    const { lanes } = lanesOf(b.take());

    const [old, fresh] = lanes.lanes;
    expect(old?.endedAt).toBe(leave.t);
    expect(old?.segments.at(-1)).toMatchObject({ state: 'connected', to: leave.t });
    expect(fresh?.endedAt).toBeUndefined();
    expect(lanes.pageMarks.map((m) => [m.kind, m.seq])).toEqual([
      ['page.navigate', 1],
      ['page.navigate', leave.seq],
    ]);
  });

  it('puts a fault on the lane of the socket it hit, or on the page when it hit none', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.emit('fault.start', { fault: 'drop', by: 'panel' }, { socketId: 's1' });
    b.faultStart('offline', 5000);
    const { lanes } = lanesOf(b.take());

    expect(lanes.lanes[0]?.marks.map((m) => m.kind)).toEqual(['sdk.getInstance', 'fault.start']);
    expect(lanes.pageMarks.map((m) => m.kind)).toEqual(['fault.start']);
  });

  it('gives the same lanes however the events arrive in batches, and starts over on a reset', () => {
    const b = eventBuilder();
    b.pageNavigate('https://app.example/', { doc: 'd1' });
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    sdkDroppedByServer(b, 'i1', 's1');
    sdkReconnected(b, 'i1', 's2');
    b.pageNavigate('https://app.example/2', { doc: 'd2' });
    sdkLogin(b, { instanceId: 'i2', socketId: 's3', account: 'bob' });
    b.sdkCall('i2', 'destroy');
    const events = b.take();
    const whole = lanesOf(events).lanes;

    for (let cut = 1; cut < events.length; cut++) {
      const session = createSession();
      const index = new ConnectionLanesIndex();
      applyEvents(session, events.slice(0, cut));
      index.update(session);
      applyEvents(session, events.slice(cut));
      expect(index.update(session), `cut at ${cut}`).toEqual(whole);
    }

    const session = createSession();
    const index = new ConnectionLanesIndex();
    applyEvents(session, events);
    index.update(session);
    resetSession(session);
    expect(index.update(session).lanes).toEqual([]);
  });
});

describe('laneSockets', () => {
  it('puts a socket that outlives its successor’s creation on a track of its own', () => {
    const b = eventBuilder();
    sdkLogin(b, { instanceId: 'i1', socketId: 's1', account: 'alice' });
    b.wait(15).wsCreate('s2', undefined, { instanceId: 'i1' });
    b.wait(50).wsClose('s1');
    b.wait(50).wsClose('s2');
    b.wait(10).wsCreate('s3', undefined, { instanceId: 'i1' });
    const { session } = lanesOf(b.take());

    const spans = laneSockets(session, 'i1');
    expect(spans.map((span) => [span.id, span.track])).toEqual([
      ['s1', 0],
      ['s2', 1],
      ['s3', 0],
    ]);
    expect(spans[2]?.to).toBeUndefined();
    expect(spans[0]?.to).toBe(session.sockets.get('s1')?.closedAt);
    expect(laneSockets(session, 'nobody')).toEqual([]);
  });
});
