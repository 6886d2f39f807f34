/**
 * Every WebSocket of the tab: open now and peak, and per socket its URL, state, traffic each way, how long
 * it lived, how it closed, and whose it is. A socket that its instance let go of but that is not closed yet
 * (`closing`) is what leaks: it is coloured like a warning.
 */
import { useEffect, useState } from 'preact/hooks';
import { looksLikeNimLink } from '../../session/socket-attribution';
import type { SessionState, SocketRecord } from '../../session/types';
import { formatBytes, formatCount, formatDuration, shortId } from '../format';
import type { PanelSnapshot } from '../store';
import { explainCloseCode } from '../summary';
import { usePanel } from './context';
import { EmptyState } from './EmptyState';
import { FaultControls } from './FaultControls';
import { instanceLabel } from './labels';
import { useListKeys } from './list-keys';
import { SocketStatePill } from './pills';
import { focusTimeline } from './Timeline';
import { TABLE_HEAD_HEIGHT, useVirtualRows, VirtualTable } from './virtual-rows';

export function SocketsView({ snapshot }: { snapshot: PanelSnapshot }) {
  const { store, s } = usePanel();
  const { session } = snapshot;
  const sockets = [...session.sockets.values()];
  const now = useClock(snapshot);
  const closing = sockets.filter((socket) => socket.state === 'closing').length;
  const virtual = useVirtualRows<HTMLDivElement>(sockets.length, { offset: TABLE_HEAD_HEIGHT });
  const ids = sockets.map((socket) => socket.id);
  const keys = useListKeys(ids, {
    onEnter: (id) => {
      const socket = session.sockets.get(id);
      if (!socket) return;
      store.reveal(socket.createdSeq);
      focusTimeline();
    },
    reveal: (id) => virtual.scrollToRow(ids.indexOf(id)),
  });

  return (
    <div class="socket-bar">
      <div class="summary-cards">
        <div class="summary-card">
          <div class="value">{session.counters.openSockets}</div>
          <div class="label">{s.sockets.openNow}</div>
        </div>
        <div class="summary-card">
          <div class="value">{session.counters.peakOpenSockets}</div>
          <div class="label">{s.sockets.peak}</div>
        </div>
        <div class="summary-card">
          <div class="value">{sockets.length}</div>
          <div class="label">{s.sockets.total}</div>
        </div>
        {closing > 0 && (
          <div class="summary-card warn" title={s.sockets.closingHint}>
            <div class="value">{closing}</div>
            <div class="label">{s.sockets.closing}</div>
          </div>
        )}
        <FaultControls target={{}} page />
      </div>
      {sockets.length === 0 ? (
        <EmptyState snapshot={snapshot} message={s.sockets.empty} />
      ) : (
        <VirtualTable
          virtual={virtual}
          count={sockets.length}
          label={s.tabs.sockets}
          containerProps={keys.containerProps}
          head={
            <>
              <colgroup>
                <col style={{ width: '92px' }} />
                <col style={{ width: '48px' }} />
                <col />
                <col style={{ width: '14%' }} />
                <col style={{ width: '76px' }} />
                <col style={{ width: '76px' }} />
                <col style={{ width: '76px' }} />
                <col style={{ width: '76px' }} />
                <col style={{ width: '96px' }} />
                <col style={{ width: '24%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>{s.columns.state}</th>
                  <th>ID</th>
                  <th>{s.columns.url}</th>
                  <th>{s.columns.owner}</th>
                  <th class="num">{s.columns.framesIn}</th>
                  <th class="num">{s.columns.bytesIn}</th>
                  <th class="num">{s.columns.framesOut}</th>
                  <th class="num">{s.columns.bytesOut}</th>
                  <th class="num">{s.columns.duration}</th>
                  <th>{s.columns.close}</th>
                </tr>
              </thead>
            </>
          }
        >
          {sockets.slice(virtual.first, virtual.last).map((socket, i) => (
            <tr
              key={socket.id}
              class={`item${(virtual.first + i) % 2 === 1 ? ' zebra' : ''}${socket.state === 'closing' ? ' leak' : ''}`}
              aria-rowindex={virtual.first + i + 2}
              data-testid="socket"
              data-state={socket.state}
              data-socket-id={socket.id}
              onDblClick={() => {
                store.reveal(socket.createdSeq);
                focusTimeline();
              }}
              {...keys.rowProps(socket.id)}
            >
              <td>
                <SocketStatePill state={socket.state} />
              </td>
              <td class="mono dim" title={socket.id}>
                {shortId(socket.id)}
              </td>
              <td class="mono" title={socket.url}>
                {socket.url || '—'}
              </td>
              <td title={socket.instanceId}>
                <Owner socket={socket} session={session} />
              </td>
              <Traffic socket={socket} />
              <td class="num">{formatDuration((socket.closedAt ?? now) - (socket.openedAt ?? socket.createdAt))}</td>
              <td>
                <CloseCell socket={socket} />
              </td>
            </tr>
          ))}
        </VirtualTable>
      )}
    </div>
  );
}

function Traffic({ socket }: { socket: SocketRecord }) {
  const { s } = usePanel();
  const heartbeats = socket.heartbeats > 0 ? s.sockets.heartbeats(socket.heartbeats) : undefined;
  if (!socket.counted) {
    return (
      <td class="num dim" colSpan={4} title={s.sockets.notCounted} data-testid="socket-not-counted">
        —
      </td>
    );
  }
  return (
    <>
      <td class="num" title={heartbeats} data-heartbeats={socket.heartbeats}>
        {formatCount(socket.framesIn)}
      </td>
      <td class="num">{formatBytes(socket.bytesIn)}</td>
      <td class="num" title={heartbeats}>
        {formatCount(socket.framesOut)}
      </td>
      <td class="num">{formatBytes(socket.bytesOut)}</td>
    </>
  );
}

function Owner({ socket, session }: { socket: SocketRecord; session: SessionState }) {
  const { s } = usePanel();
  if (socket.instanceId === undefined) {
    return <span class="dim">{looksLikeNimLink(socket.url) ? s.sockets.ownerUnknown : s.sockets.notNim}</span>;
  }
  const label = instanceLabel(session.instances.get(socket.instanceId), socket.instanceId);
  if (socket.attribution === 'inferred') {
    return (
      <span title={s.sockets.inferred}>
        {label} <span class="dim">*</span>
      </span>
    );
  }
  return <>{label}</>;
}

function CloseCell({ socket }: { socket: SocketRecord }) {
  const { s, locale } = usePanel();
  if (socket.endedByNavigation) return <span class="dim">{s.sockets.endedByNavigation}</span>;
  if (!socket.close) return socket.errored ? <span class="changed">{s.sockets.errored}</span> : null;
  const { code, reason, wasClean } = socket.close;
  const meaning = explainCloseCode(code)?.[locale];
  return (
    <span title={[meaning, reason, wasClean ? s.sockets.clean : s.sockets.unclean].filter(Boolean).join('\n')}>
      <span class="mono">{code}</span>
      {reason ? ` “${reason}”` : meaning ? <span class="dim"> {meaning}</span> : ''}
    </span>
  );
}

/**
 * "Now" for the durations of sockets still open: the wall clock, ticking each second, in a live panel; the
 * last event's time in a recording (the recording's now).
 */
function useClock(snapshot: PanelSnapshot): number {
  const live = snapshot.source.type === 'live';
  const [now, setNow] = useState(Date.now());
  const ticking = live && snapshot.session.counters.openSockets > 0;
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  if (!live) return snapshot.session.events[snapshot.session.events.length - 1]?.t ?? now;
  return Math.max(now, snapshot.session.events[snapshot.session.events.length - 1]?.t ?? 0);
}
