/** What is under the pointer in the Connections chart: the state or socket or mark, and the event behind it. */
import type { InstanceConnectionState } from '../../../session/types';
import { formatDuration, formatTime, shortId } from '../../format';
import type { PanelSnapshot } from '../../store';
import { summarize } from '../../summary';
import { usePanel } from '../context';

/** Read from the hovered shape's `data-*` attributes (`LaneChart`). */
export interface TooltipTarget {
  seq: number;
  /** Where the pointer is, within the scrolled chart box. */
  x: number;
  y: number;
  /** A state segment's state, and its span in ms since the session's start. */
  state?: string;
  from?: number;
  to?: number;
  socketId?: string;
  /** Shapes in one pixel column stand for several. */
  count: number;
}

interface LaneTooltipProps {
  target: TooltipTarget;
  snapshot: PanelSnapshot;
  origin: number;
  /** The sharing mask, when on: the tooltip names nobody the lanes do not. */
  mask?: (text: string) => string;
}

export function LaneTooltip({ target, snapshot, origin, mask }: LaneTooltipProps) {
  const { store, s, locale } = usePanel();
  const event = store.eventBySeq(target.seq);
  if (!event) return null;
  const socketId = target.socketId ?? event.socketId;
  const socket = socketId === undefined ? undefined : snapshot.session.sockets.get(socketId);
  const summary = summarize(event, s, locale, socket);
  const state = target.state as InstanceConnectionState | undefined;
  const heading = state
    ? `${s.states[state] ?? state} · ${formatDuration((target.to ?? 0) - (target.from ?? 0))}`
    : target.socketId
      ? `${s.connections.socket} ${shortId(target.socketId)} · ${socket?.closedAt === undefined ? s.connections.stillOpen : formatDuration(socket.closedAt - socket.createdAt)}`
      : undefined;
  return (
    <div
      class="lanes-tooltip"
      data-testid="lanes-tooltip"
      role="tooltip"
      style={{ left: `${target.x + 12}px`, top: `${target.y + 14}px` }}
    >
      {heading && <div class="lanes-tooltip-heading">{heading}</div>}
      <div>
        <span class="mono dim">{formatTime(event.t, origin, snapshot.ui.timeMode)}</span> <strong>{event.kind}</strong>
      </div>
      {summary.text && <div class="lanes-tooltip-text">{mask ? mask(summary.text) : summary.text}</div>}
      {target.count > 1 && <div class="dim">{s.connections.merged(target.count)}</div>}
    </div>
  );
}
