/**
 * Findings, worst first, one row per rule and instance however often it fired (a reconnect loop is one row
 * with a count, its first and latest occurrence), virtualised like the timeline. The selected row's finding is
 * shown beside the list in the UI's language with the other language beneath (a bug report may be read by
 * either side), linked to the events that prove it: a click selects the event in the timeline.
 */
import { useMemo } from 'preact/hooks';
import { type FindingGroup, groupFindings, sortGroups } from '../../diagnostics/group';
import { PLATFORM_PROFILES } from '../../diagnostics/types';
import { formatTime } from '../format';
import type { PanelSnapshot } from '../store';
import { usePanel } from './context';
import { DocLinkView } from './DocLinkView';
import { SeverityIcon } from './icons';
import { instanceLabel } from './labels';
import { useListKeys } from './list-keys';
import { focusTimeline } from './Timeline';
import { TABLE_HEAD_HEIGHT, useVirtualRows, VirtualTable } from './virtual-rows';

export function DiagnosticsView({ snapshot }: { snapshot: PanelSnapshot }) {
  const { store, s, locale } = usePanel();
  const groups = useMemo(() => sortGroups(groupFindings(snapshot.findings)), [snapshot.findings]);
  const ids = groups.map((group) => group.key);
  const virtual = useVirtualRows<HTMLDivElement>(groups.length, { offset: TABLE_HEAD_HEIGHT });
  const keys = useListKeys(ids, {
    onEnter: (key) => {
      const first = groups.find((group) => group.key === key)?.evidence[0];
      if (first === undefined) return;
      store.reveal(first);
      focusTimeline();
    },
    reveal: (key) => virtual.scrollToRow(ids.indexOf(key)),
  });
  if (groups.length === 0) {
    return (
      <div class="empty-state" data-testid="diagnostics-empty">
        <p>{s.diagnostics.empty}</p>
      </div>
    );
  }
  const shown = groups.find((group) => group.key === keys.selected) ?? (groups[0] as FindingGroup);
  const { session, timeOrigin, ui } = snapshot;
  return (
    <div class="findings-split">
      <div class="findings-layout">
        <VirtualTable
          virtual={virtual}
          count={groups.length}
          label={s.tabs.diagnostics}
          class="findings-table"
          containerProps={keys.containerProps}
          head={
            <>
              <colgroup>
                <col style={{ width: '28px' }} />
                <col />
                <col style={{ width: '56px' }} />
                <col style={{ width: '22%' }} />
                <col style={{ width: '92px' }} />
                <col style={{ width: '92px' }} />
              </colgroup>
              <thead>
                <tr>
                  <th />
                  <th>{s.diagnostics.finding}</th>
                  <th class="num">{s.diagnostics.times}</th>
                  <th>{s.columns.instance}</th>
                  <th>{s.diagnostics.first}</th>
                  <th>{s.diagnostics.latest}</th>
                </tr>
              </thead>
            </>
          }
        >
          {groups.slice(virtual.first, virtual.last).map((group, i) => {
            const index = virtual.first + i;
            const instance = group.instanceId === undefined ? undefined : session.instances.get(group.instanceId);
            return (
              <tr
                key={group.key}
                class={`item${index % 2 === 1 ? ' zebra' : ''}${group === shown ? ' shown' : ''}`}
                aria-rowindex={index + 2}
                data-testid="diagnostic"
                data-rule={group.rule}
                data-severity={group.severity}
                data-count={group.count}
                {...keys.rowProps(group.key)}
              >
                <td>
                  <SeverityIcon severity={group.severity} />
                </td>
                <td title={group.last.detail[locale]}>{group.last.title[locale]}</td>
                <td class="num">{group.count}</td>
                <td>{group.instanceId === undefined ? '' : instanceLabel(instance, group.instanceId)}</td>
                <td>{formatTime(group.first.t, timeOrigin, ui.timeMode)}</td>
                <td>{formatTime(group.last.t, timeOrigin, ui.timeMode)}</td>
              </tr>
            );
          })}
        </VirtualTable>
        <FindingDetail group={shown} snapshot={snapshot} />
      </div>
    </div>
  );
}

/**
 * The platform whose socket budget the findings assume: a page can be the H5 build of a WeChat mini program or a
 * uni-app, whose runtimes allow far fewer sockets than a browser.
 */
export function ProfileBar({ snapshot }: { snapshot: PanelSnapshot }) {
  const { store, s } = usePanel();
  return (
    <div class="toolbar filterbar" role="toolbar" aria-label={s.tabs.diagnostics}>
      <label class="tool-check" title={s.diagnostics.profileTitle}>
        {s.diagnostics.profile}
        <select
          class="select"
          data-testid="platform-profile"
          value={snapshot.ui.profile}
          onChange={(e) => {
            const chosen = PLATFORM_PROFILES.find((profile) => profile === e.currentTarget.value);
            if (chosen) store.setProfile(chosen);
          }}
        >
          {PLATFORM_PROFILES.map((profile) => (
            <option key={profile} value={profile}>
              {s.diagnostics.profiles[profile]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The selected group: its latest occurrence explained, when it fired, and every event that proves it. */
function FindingDetail({ group, snapshot }: { group: FindingGroup; snapshot: PanelSnapshot }) {
  const { store, s, locale } = usePanel();
  const other = locale === 'en' ? 'zh' : 'en';
  const { session, timeOrigin, ui } = snapshot;
  const finding = group.last;
  const instance = group.instanceId === undefined ? undefined : session.instances.get(group.instanceId);
  const time = (t: number) => formatTime(t, timeOrigin, ui.timeMode);
  return (
    <aside class="detail" aria-label={finding.title[locale]} data-testid="diagnostic-detail" data-rule={group.rule}>
      <div class="detail-head">
        <span class="title">
          {finding.title[locale]} <span class="dim">{finding.title[other]}</span>
        </span>
      </div>
      <div class="detail-body finding" data-severity={group.severity}>
        <span class="icon">
          <SeverityIcon severity={group.severity} />
        </span>
        <div>
          <p>{finding.detail[locale]}</p>
          <p class="dim" lang={other === 'zh' ? 'zh-CN' : 'en'}>
            {finding.detail[other]}
          </p>
          <div class="meta">
            <span>{s.diagnostics.severity[group.severity]}</span>
            <span class="mono">{group.rule}</span>
            {group.instanceId !== undefined && <span>{instanceLabel(instance, group.instanceId)}</span>}
            <span data-testid="diagnostic-occurrences">
              {s.diagnostics.occurrences(group.count)}
              {group.count > 1 &&
                ` · ${s.diagnostics.first} ${time(group.first.t)} · ${s.diagnostics.latest} ${time(group.last.t)}`}
            </span>
          </div>
          <div class="meta">
            <span class="evidence">
              {s.diagnostics.evidence}:
              {group.evidence.map((seq) => (
                <button
                  type="button"
                  key={seq}
                  data-testid="evidence"
                  data-seq={seq}
                  title={s.diagnostics.showInTimeline}
                  onClick={(e) => {
                    e.stopPropagation();
                    store.reveal(seq);
                    focusTimeline();
                  }}
                >
                  #{seq} {store.eventBySeq(seq)?.kind ?? ''}
                </button>
              ))}
              {group.moreEvidence > 0 && <span class="dim">{s.diagnostics.moreEvidence(group.moreEvidence)}</span>}
            </span>
            {finding.docUrl && <DocLinkView url={finding.docUrl} topic={finding.docTopic} />}
          </div>
        </div>
      </div>
    </aside>
  );
}
