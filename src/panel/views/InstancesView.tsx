/**
 * One row per SDK instance: is it connected, why did it disconnect, how often did it retry, which sockets
 * are its, and what each `getInstance` call changed. A row opens to show the evidence.
 */
import { useRef, useState } from 'preact/hooks';
import type { Json } from '../../model/events';
import type { InstanceRecord, SessionState } from '../../session/types';
import { formatClock, formatTime, shortId, shortUrl } from '../format';
import type { PanelSnapshot } from '../store';
import { CodeChip } from './CodeChip';
import { usePanel } from './context';
import { EmptyState } from './EmptyState';
import { Explanation } from './EventDetail';
import { FaultControls } from './FaultControls';
import { ChevronIcon, SeverityIcon } from './icons';
import { JsonView } from './JsonView';
import { useListKeys } from './list-keys';
import { SocketStatePill, StatePill } from './pills';
import { focusTimeline } from './Timeline';
import { TABLE_HEAD_HEIGHT, useVirtualRows, VirtualTable } from './virtual-rows';

export function InstancesView({ snapshot }: { snapshot: PanelSnapshot }) {
  const { s } = usePanel();
  const instances = [...snapshot.session.instances.values()];
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, open?: boolean) => {
    const next = new Set(expanded);
    if (open ?? !next.has(id)) next.add(id);
    else next.delete(id);
    setExpanded(next);
  };
  const ids = instances.map((instance) => instance.id);
  const detailHeights = useDetailHeights();
  const extra = new Map([...expanded].map((id) => [ids.indexOf(id), detailHeights.of(id)]));
  const virtual = useVirtualRows<HTMLDivElement>(instances.length, { offset: TABLE_HEAD_HEIGHT, extra });
  const keys = useListKeys(ids, {
    onEnter: (id) => toggle(id),
    onEscape: (id) => toggle(id, false),
    reveal: (id) => virtual.scrollToRow(ids.indexOf(id)),
  });
  if (instances.length === 0) return <EmptyState snapshot={snapshot} message={s.instances.empty} />;

  return (
    <VirtualTable
      virtual={virtual}
      count={instances.length}
      label={s.tabs.instances}
      containerProps={keys.containerProps}
      head={
        <>
          <colgroup>
            <col style={{ width: '24px' }} />
            <col style={{ width: '112px' }} />
            <col style={{ width: '140px' }} />
            <col style={{ width: '76px' }} />
            <col style={{ width: '96px' }} />
            <col style={{ width: '68px' }} />
            <col style={{ width: '76px' }} />
            <col />
            <col style={{ width: '104px' }} />
            <col style={{ width: '110px' }} />
          </colgroup>
          <thead>
            <tr>
              <th />
              <th>{s.columns.state}</th>
              <th>{s.columns.account}</th>
              <th>{s.columns.flavour}</th>
              <th>{s.columns.appKey}</th>
              <th class="num">{s.columns.retries}</th>
              <th class="num">{s.columns.connects}</th>
              <th>{s.columns.lastDisconnect}</th>
              <th>{s.columns.sockets}</th>
              <th>getInstance</th>
            </tr>
          </thead>
        </>
      }
    >
      {instances.slice(virtual.first, virtual.last).map((instance, i) => (
        <InstanceRows
          key={instance.id}
          instance={instance}
          index={virtual.first + i}
          session={snapshot.session}
          expanded={expanded.has(instance.id)}
          onToggle={() => toggle(instance.id)}
          onDetailHeight={(row) => detailHeights.note(instance.id, row)}
          rowProps={keys.rowProps(instance.id)}
        />
      ))}
    </VirtualTable>
  );
}

/**
 * The heights of the opened instances' detail rows, as last rendered: the virtual list needs them to place
 * the rows below. Each detail row reports its height when it renders; a change re-renders once.
 */
function useDetailHeights() {
  const heights = useRef(new Map<string, number>());
  const [, rerender] = useState(0);
  return {
    of: (id: string) => heights.current.get(id) ?? 0,
    note(id: string, row: HTMLElement | null) {
      if (!row || heights.current.get(id) === row.offsetHeight) return;
      heights.current.set(id, row.offsetHeight);
      rerender((n) => n + 1);
    },
  };
}

interface InstanceRowsProps {
  instance: InstanceRecord;
  /** Its position in the list (zebra stripes). */
  index: number;
  session: SessionState;
  expanded: boolean;
  onToggle(): void;
  /** The opened detail row, once rendered. */
  onDetailHeight(row: HTMLElement | null): void;
  rowProps: ReturnType<ReturnType<typeof useListKeys>['rowProps']>;
}

function InstanceRows({ instance, index, session, expanded, onToggle, onDetailHeight, rowProps }: InstanceRowsProps) {
  const { s, locale } = usePanel();
  const changedCalls = instance.getInstance.filter((call) => call.reused && call.changed.length > 0).length;
  const last = instance.lastDisconnect;
  return (
    <>
      <tr
        class={index % 2 === 1 ? 'item zebra' : 'item'}
        aria-rowindex={index + 2}
        data-testid="instance"
        data-account={instance.account}
        data-state={instance.state}
        data-via={instance.via ?? 'api'}
        data-instance-id={instance.id}
        aria-expanded={expanded}
        onClick={onToggle}
        {...rowProps}
      >
        <td class="cell-disclosure">
          <span class={`disclosure${expanded ? ' open' : ''}`} aria-hidden="true">
            <ChevronIcon />
          </span>
        </td>
        <td>
          <StatePill state={instance.state} />
        </td>
        <td title={instance.id}>
          {instance.account ?? <span class="dim">{shortId(instance.id)}</span>}
          {instance.unloadedSeq !== undefined && <span class="dim"> · {s.instances.unloaded}</span>}
        </td>
        <td>
          {instance.flavour ?? '—'}
          {instance.via === 'wire' && (
            <span class="dim" title={s.instances.viaWireHint}>
              {' '}
              · {s.instances.viaWire}
            </span>
          )}
        </td>
        <td class="mono">{instance.appKey ?? '—'}</td>
        <td class="num">{instance.retryCount ?? 0}</td>
        <td class="num">{instance.connects}</td>
        <td title={last ? `${last.explanation.title[locale]}${last.message ? `\n${last.message}` : ''}` : undefined}>
          {last ? (
            <>
              <CodeChip explanation={last.explanation} withTitle />
              {last.willReconnect && <span class="dim"> · {s.instances.willReconnect}</span>}
            </>
          ) : (
            <span class="dim">{s.instances.noDisconnect}</span>
          )}
        </td>
        <td>{s.instances.socketsOpen(instance.liveSockets, instance.sockets.length)}</td>
        <td>
          {instance.getInstance.length}
          {changedCalls > 0 && (
            <span class="changed">
              {' '}
              · {changedCalls} {s.instances.changedOptions}
            </span>
          )}
        </td>
      </tr>
      {expanded && (
        <tr class="expanded" ref={onDetailHeight}>
          <td colSpan={10}>
            <InstanceDetail instance={instance} session={session} />
          </td>
        </tr>
      )}
    </>
  );
}

function InstanceDetail({ instance, session }: { instance: InstanceRecord; session: SessionState }) {
  const { store, s } = usePanel();
  const origin = store.getSnapshot().timeOrigin;
  const timeMode = store.getSnapshot().ui.timeMode;
  const destroyPending = instance.destroy && instance.destroy.doneSeq === undefined;
  return (
    <div data-testid="instance-detail">
      {instance.state !== 'destroyed' && (
        <p>
          <FaultControls target={{ instanceId: instance.id }} page />
        </p>
      )}
      {destroyPending && (
        <p class="changed">
          <SeverityIcon severity="warning" />
          {s.instances.destroyPending}
        </p>
      )}
      {instance.lastDisconnect && (
        <>
          <div class="sub-title">
            {s.columns.lastDisconnect} ·{' '}
            <SeqLink seq={instance.lastDisconnect.seq} label={formatClock(instance.lastDisconnect.t)} />
          </div>
          <Explanation explanation={instance.lastDisconnect.explanation} />
          {instance.lastDisconnect.message && <p class="mono dim">{instance.lastDisconnect.message}</p>}
        </>
      )}
      <div class="sub-title">
        {s.columns.sockets} ({instance.sockets.length})
      </div>
      <ul class="history">
        {instance.sockets.map((id) => {
          const socket = session.sockets.get(id);
          if (!socket) return null;
          return (
            <li key={id}>
              <SocketStatePill state={socket.state} />
              <SeqLink seq={socket.createdSeq} label={shortId(id)} />
              <span class="mono">{shortUrl(socket.url)}</span>
              {socket.close && (
                <span class="dim">
                  {socket.close.code}
                  {socket.close.reason ? ` “${socket.close.reason}”` : ''}
                </span>
              )}
              {socket.attribution === 'inferred' && <span class="dim">({s.sockets.inferred})</span>}
            </li>
          );
        })}
      </ul>
      <div class="sub-title">{s.instances.getInstanceHistory}</div>
      <ul class="history" data-testid="getinstance-history">
        {instance.getInstance.map((call, i) => (
          <li key={call.seq}>
            <SeqLink seq={call.seq} label={formatTime(call.t, origin, timeMode)} />
            <span>{call.reused ? s.instances.reusedInstance : s.instances.newInstance}</span>
            {call.reused &&
              (call.changed.length > 0 ? (
                <span class="changed">
                  {s.instances.changedOptions}:{' '}
                  <OptionDiff names={call.changed} before={optionsBefore(instance, i)} after={call.options} />
                </span>
              ) : (
                <span class="dim">{s.instances.noChange}</span>
              ))}
          </li>
        ))}
      </ul>
      <div class="sub-title">{s.instances.options}</div>
      <JsonView value={instance.options} />
      <p class="dim mono">{instance.id}</p>
    </div>
  );
}

type Options = { [key: string]: Json };

/** The options as the SDK held them before call `index`: every earlier call merged, as the SDK merges them. */
function optionsBefore(instance: InstanceRecord, index: number): Options {
  return Object.assign({}, ...instance.getInstance.slice(0, index).map((call) => call.options));
}

/** `syncSessionUnread: false → true`; a value the earlier calls never set reads `(unset)`. */
function OptionDiff({ names, before, after }: { names: string[]; before: Options; after: Options }) {
  const show = (options: Options, name: string) => (name in options ? JSON.stringify(options[name]) : '(unset)');
  return (
    <span class="mono">
      {names.map((name, i) => (
        <span key={name}>
          {i > 0 && ', '}
          {name}: {show(before, name)} → {show(after, name)}
        </span>
      ))}
    </span>
  );
}

/** Jumps to an event in the timeline. */
export function SeqLink({ seq, label }: { seq: number; label: string }) {
  const { store, s } = usePanel();
  return (
    <button
      type="button"
      class="link-button mono"
      title={s.diagnostics.showInTimeline}
      onClick={(e) => {
        e.stopPropagation();
        store.reveal(seq);
        focusTimeline();
      }}
    >
      {label}
    </button>
  );
}
