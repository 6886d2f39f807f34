/** The bottom line: how many events, sockets open now, and everything the tool itself lost or refused. */
import { formatCount, formatCountsByKind } from '../format';
import type { PanelSnapshot } from '../store';
import { usePanel } from './context';

export function StatusBar({ snapshot, shown }: { snapshot: PanelSnapshot; shown?: number }) {
  const { s } = usePanel();
  const { counters } = snapshot.session;
  const filtered = shown !== undefined && shown !== counters.events;
  return (
    <div class="statusbar" role="status" aria-live="off">
      <span data-testid="event-count">
        {s.status.events(formatCount(counters.events))}
        {filtered && ` · ${s.status.shown(formatCount(shown))}`}
      </span>
      <span>
        <strong data-testid="open-sockets">{counters.openSockets}</strong> {s.status.openSockets}
        <span class="peak">
          {' '}
          · {s.status.peak} {counters.peakOpenSockets}
        </span>
      </span>
      <Count label={s.status.rejected} value={counters.rejected} testId="rejected-count" tone="warn" />
      <Count
        label={s.status.dropped}
        value={snapshot.dropped}
        testId="dropped-count"
        tone="warn"
        title={formatCountsByKind(counters.droppedByKind)}
      />
      <Count label={s.status.hookErrors} value={counters.hookErrors} testId="hook-error-count" tone="err" />
      <span class="toolbar-spacer" style={{ border: 'none' }} />
      <LinkStatusView snapshot={snapshot} />
    </div>
  );
}

interface CountProps {
  label: string;
  value: number;
  testId: string;
  tone: 'warn' | 'err';
  /** What the count is made of, on hover. */
  title?: string;
}

function Count({ label, value, testId, tone, title }: CountProps) {
  return (
    <span class={value > 0 ? tone : undefined} title={title || undefined}>
      {label} <span data-testid={testId}>{formatCount(value)}</span>
    </span>
  );
}

function LinkStatusView({ snapshot }: { snapshot: PanelSnapshot }) {
  const { s } = usePanel();
  if (snapshot.source.type === 'recording') {
    return (
      <span class="conn recording" data-testid="link-status" data-status="recording" title={snapshot.source.name}>
        {s.status.recording}: {snapshot.source.name}
      </span>
    );
  }
  const down = snapshot.link !== 'connected';
  return (
    <span class={`conn${down ? ' down' : ''}`} data-testid="link-status" data-status={snapshot.link}>
      {down ? s.status.reconnecting : s.status.live}
    </span>
  );
}
