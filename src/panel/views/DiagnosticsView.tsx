/**
 * Findings, worst first, each in the UI's language with the other language beneath (a bug report may be
 * read by either side), linked to the events that prove it: a click selects the event in the timeline.
 */
import { type Finding, PLATFORM_PROFILES, type Severity } from '../../diagnostics/types';
import type { PanelSnapshot } from '../store';
import { usePanel } from './context';
import { DocLinkView } from './DocLinkView';
import { SeverityIcon } from './icons';
import { instanceLabel } from './labels';
import { useListKeys } from './list-keys';
import { focusTimeline } from './Timeline';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.t - b.t);
}

export function DiagnosticsView({ snapshot }: { snapshot: PanelSnapshot }) {
  const { store, s } = usePanel();
  const findings = sortFindings(snapshot.findings);
  const keys = useListKeys(
    findings.map((finding) => finding.key),
    {
      onEnter: (key) => {
        const first = findings.find((finding) => finding.key === key)?.evidence[0];
        if (first === undefined) return;
        store.reveal(first);
        focusTimeline();
      },
    },
  );
  if (findings.length === 0) {
    return (
      <div class="empty-state" data-testid="diagnostics-empty">
        <p>{s.diagnostics.empty}</p>
      </div>
    );
  }
  return (
    <ul class="findings" aria-label={s.tabs.diagnostics} {...keys.containerProps}>
      {findings.map((finding) => (
        <FindingItem key={finding.key} finding={finding} snapshot={snapshot} rowProps={keys.rowProps(finding.key)} />
      ))}
    </ul>
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

interface FindingItemProps {
  finding: Finding;
  snapshot: PanelSnapshot;
  rowProps: ReturnType<ReturnType<typeof useListKeys>['rowProps']>;
}

function FindingItem({ finding, snapshot, rowProps }: FindingItemProps) {
  const { store, s, locale } = usePanel();
  const other = locale === 'en' ? 'zh' : 'en';
  const { session } = snapshot;
  const instance = finding.instanceId === undefined ? undefined : session.instances.get(finding.instanceId);
  return (
    <li
      class="finding"
      data-testid="diagnostic"
      data-rule={finding.rule}
      data-severity={finding.severity}
      {...rowProps}
    >
      <span class="icon">
        <SeverityIcon severity={finding.severity} />
      </span>
      <div>
        <h4>
          {finding.title[locale]} <span class="second-language">{finding.title[other]}</span>
        </h4>
        <p>{finding.detail[locale]}</p>
        <p class="dim" lang={other === 'zh' ? 'zh-CN' : 'en'}>
          {finding.detail[other]}
        </p>
        <div class="meta">
          <span>{s.diagnostics.severity[finding.severity]}</span>
          <span class="mono">{finding.rule}</span>
          {finding.instanceId !== undefined && <span>{instanceLabel(instance, finding.instanceId)}</span>}
          <span class="evidence">
            {s.diagnostics.evidence}:
            {finding.evidence.map((seq) => (
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
          </span>
          {finding.docUrl && <DocLinkView url={finding.docUrl} topic={finding.docTopic} />}
        </div>
      </div>
    </li>
  );
}
