/**
 * The timeline: every event, newest at the bottom, virtualized (fixed row height; only the rows in view
 * plus an overscan are in the DOM), following the newest row until the user scrolls away.
 */
import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useLayoutEffect, useMemo } from 'preact/hooks';
import type { NimEvent } from '../../model/events';
import type { ReconnectGroup } from '../../session/reconnect-groups';
import { compressDelays, formatDuration, formatTime, shortId } from '../format';
import type { Strings } from '../i18n';
import type { PanelSnapshot } from '../store';
import { kindClass, summarize } from '../summary';
import type { TimelineDisplayRow } from '../timeline-view';
import { CodeChip } from './CodeChip';
import { usePanel } from './context';
import { EventDetail } from './EventDetail';
import { ArrowDownIcon, ChevronIcon } from './icons';
import { instanceLabel, ownerOf } from './labels';
import { ROW_HEIGHT, useVirtualRows } from './virtual-rows';

/** Puts the keyboard in the timeline (after a jump from another view, or leaving the search box). */
export function focusTimeline(doc: Document = document): void {
  // The timeline may be mounting in this very update: wait for the frame.
  requestAnimationFrame(() =>
    doc.querySelector<HTMLElement>('[data-testid="timeline"]')?.focus({ preventScroll: true }),
  );
}
/** The sticky header row inside the scroll container. */
const HEAD_HEIGHT = 22;
/** More than the rows ever rendered at once (a 4K-high viewport shows ~100). */
const SLOTS = 1024;

export function Timeline({ snapshot }: { snapshot: PanelSnapshot }) {
  const { store, s } = usePanel();
  const { session, ui } = snapshot;
  const view = store.getTimeline();
  const rows = view.rows;
  const virtual = useVirtualRows<HTMLDivElement>(rows.length, {
    onScrolled: (element) =>
      store.scrolledTo(element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT / 2),
  });
  const body = virtual.scrollRef;

  const selectedRow = useMemo(() => {
    if (ui.selectedSeq === undefined) return -1;
    return rows.findIndex((row) => session.events[row.index]?.seq === ui.selectedSeq);
  }, [rows, ui.selectedSeq, session.events]);

  // Follow: stick to the newest row whenever rows arrive.
  useLayoutEffect(() => {
    const element = body.current;
    if (!element || !ui.followLive) return;
    element.scrollTop = element.scrollHeight;
  }, [rows, ui.followLive]);

  // Keep the selection in view (keyboard moves, a finding's evidence).
  useLayoutEffect(() => {
    const element = body.current;
    if (!element || selectedRow < 0 || ui.followLive) return;
    const top = selectedRow * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (HEAD_HEIGHT + top + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
      element.scrollTop = HEAD_HEIGHT + top + ROW_HEIGHT - element.clientHeight;
    }
  }, [selectedRow, ui.selectedSeq]);

  const selectRow = (position: number, open?: boolean) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, position))];
    const event = row && session.events[row.index];
    if (event) store.select(event.seq, open === undefined ? {} : { open });
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(((body.current?.clientHeight ?? 0) - HEAD_HEIGHT) / ROW_HEIGHT) - 1);
    const current = selectedRow;
    const row = rows[current];
    switch (e.key) {
      case 'ArrowDown':
        selectRow(current < 0 ? 0 : current + 1);
        break;
      case 'ArrowUp':
        selectRow(current < 0 ? rows.length - 1 : current - 1);
        break;
      case 'PageDown':
        selectRow(current + page);
        break;
      case 'PageUp':
        selectRow(current - page);
        break;
      case 'Home':
        selectRow(0);
        break;
      case 'End':
        selectRow(rows.length - 1);
        break;
      case 'Enter':
        if (current >= 0) selectRow(current, true);
        break;
      case 'ArrowRight':
        if (row?.type === 'group' && !row.expanded) store.toggleGroup(row.key);
        else return;
        break;
      case 'ArrowLeft':
        if (row?.type === 'group' && row.expanded) store.toggleGroup(row.key);
        else if (row?.type === 'member') selectRow(rows.findIndex((r) => r.type === 'group' && r.group === row.group));
        else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const origin = snapshot.timeOrigin;
  const rendered: JSX.Element[] = [];
  for (let position = virtual.first; position < virtual.last; position++) {
    const row = rows[position] as TimelineDisplayRow;
    const event = session.events[row.index];
    if (!event) continue;
    rendered.push(
      <TimelineRow
        // Keyed by slot, not by event: a long jump then updates the rows in place instead of re-creating them.
        key={position % SLOTS}
        row={row}
        event={event}
        position={position}
        selected={position === selectedRow}
        origin={origin}
        snapshot={snapshot}
      />,
    );
  }

  const selected = ui.detailOpen ? store.eventBySeq(ui.selectedSeq) : undefined;
  return (
    <div class="split">
      <div class="grid-wrap">
        <div ref={body} class="grid-body" onScroll={virtual.onScroll}>
          <table
            class="vtable"
            aria-label={s.tabs.timeline}
            aria-rowcount={rows.length + 1}
            data-testid="timeline"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the timeline is one keyboard stop; arrows move the selection inside it
            tabIndex={0}
            onKeyDown={onKeyDown}
          >
            <thead>
              <tr>
                <th style={{ textAlign: 'right' }}>{s.columns.time}</th>
                <th>{s.columns.kind}</th>
                <th>{s.columns.instance}</th>
                <th class="c-socket">{s.columns.socket}</th>
                <th>{s.columns.summary}</th>
              </tr>
            </thead>
            <tbody style={{ height: `${rows.length * ROW_HEIGHT}px` }}>{rendered}</tbody>
          </table>
          {rows.length === 0 && session.events.length > 0 && (
            <div class="grid-empty">
              {s.timeline.noMatch}{' '}
              <button type="button" class="link-button" onClick={() => store.resetFilters()}>
                {s.timeline.resetFilters}
              </button>
            </div>
          )}
        </div>
        {!ui.followLive && rows.length > 0 && (
          <button type="button" class="follow-live" data-testid="follow-live" onClick={() => store.followLive()}>
            <ArrowDownIcon />
            {ui.unseen > 0
              ? s.timeline.newEvents(ui.unseen)
              : snapshot.source.type === 'live'
                ? s.timeline.followLive
                : s.timeline.jumpToEnd}
          </button>
        )}
      </div>
      {selected && <EventDetail event={selected} snapshot={snapshot} />}
    </div>
  );
}

interface RowProps {
  row: TimelineDisplayRow;
  event: NimEvent;
  position: number;
  selected: boolean;
  origin: number;
  snapshot: PanelSnapshot;
}

function TimelineRow({ row, event, position, selected, origin, snapshot }: RowProps) {
  const { store, s, locale } = usePanel();
  const { session, ui } = snapshot;
  const socket = event.socketId === undefined ? undefined : session.sockets.get(event.socketId);
  const summary = summarize(event, s, locale, socket);
  const owner = ownerOf(session, event);
  const ownerRecord = owner === undefined ? undefined : session.instances.get(owner);
  const severity = row.type === 'group' ? 'warning' : summary.severity;
  const classes = ['row'];
  if (position % 2 === 1) classes.push('zebra');
  if (severity === 'error' || severity === 'warning') classes.push(`sev-${severity}`);
  if (row.type === 'member') classes.push('in-group');
  if (event.kind === 'sdk.log' && severity === 'none') classes.push('quiet');
  const t = row.type === 'group' ? row.group.start : event.t;
  return (
    <tr
      class={classes.join(' ')}
      aria-selected={selected}
      aria-rowindex={position + 2}
      aria-expanded={row.type === 'group' ? row.expanded : undefined}
      data-testid="event"
      data-kind={event.kind}
      data-seq={event.seq}
      style={{ top: `${position * ROW_HEIGHT}px` }}
      onClick={() => store.select(event.seq, { open: true })}
    >
      <td class="cell-time" title={new Date(event.t).toISOString()}>
        {formatTime(t, origin, ui.timeMode)}
      </td>
      <td class="c-kind">
        {row.type === 'group' && (
          <button
            type="button"
            class="disclosure"
            aria-expanded={row.expanded}
            title={row.expanded ? s.timeline.collapse : s.timeline.expand}
            onClick={(e) => {
              e.stopPropagation();
              store.toggleGroup(row.key);
            }}
          >
            <ChevronIcon />
          </button>
        )}
        <span class={`kind ${kindClass(event.kind)}`}>{event.kind}</span>
      </td>
      <td title={owner}>{owner === undefined ? '' : instanceLabel(ownerRecord, owner)}</td>
      <td class="mono dim c-socket" title={event.socketId}>
        {event.socketId === undefined ? '' : shortId(event.socketId)}
      </td>
      <td title={summary.text}>
        {row.type === 'group' ? (
          <GroupSummary group={row.group} snapshot={snapshot} s={s} />
        ) : (
          <>
            {summary.code && <CodeChip explanation={summary.code} />} {summary.text}
          </>
        )}
      </td>
    </tr>
  );
}

function GroupSummary({ group, snapshot, s }: { group: ReconnectGroup; snapshot: PanelSnapshot; s: Strings }) {
  const ended = group.endedBy === undefined ? undefined : snapshot.session.events[group.endedBy];
  const { firstRetryCount: from, lastRetryCount: to } = group;
  const retries =
    from === undefined ? '' : ` · ${s.timeline.retries(from === to || to === undefined ? `${from}` : `${from}→${to}`)}`;
  const endText = ended ? endOfGroup(ended, s) : s.timeline.groupEnded.ongoing;
  return (
    <>
      <strong>{s.timeline.reconnectGroup(group.willReconnects)}</strong>
      {retries}
      {group.delays.length > 0 && ` · ${s.timeline.groupDelays} ${compressDelays(group.delays)}`}
      <span class="group-summary">
        {endText} · {formatDuration((ended?.t ?? group.end) - group.start)}
      </span>
    </>
  );
}

function endOfGroup(event: NimEvent, s: Strings): string {
  const ended = s.timeline.groupEnded;
  if (event.kind === 'sdk.connect') return ended.connected;
  if (event.kind === 'sdk.disconnect') return ended.disconnected;
  if (event.kind === 'sdk.call' && event.data.method === 'destroy') return ended.destroyed;
  return event.kind;
}
