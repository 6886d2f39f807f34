/** The whole event, with what it means (disconnect and close codes), its context, and a copy button. */
import { useEffect, useState } from 'preact/hooks';
import type { NimEvent } from '../../model/events';
import { type CodeExplanation, explainDisconnect } from '../../nim/codes';
import { formatClock, formatTime } from '../format';
import type { PanelSnapshot } from '../store';
import { explainCloseCode } from '../summary';
import { copyText } from './clipboard';
import { usePanel } from './context';
import { DocLinkView } from './DocLinkView';
import { CloseIcon, CopyIcon, SeverityIcon } from './icons';
import { JsonView } from './JsonView';
import { instanceTitle, ownerOf } from './labels';

type CopyState = 'idle' | 'copied' | 'failed';

export function EventDetail({ event, snapshot }: { event: NimEvent; snapshot: PanelSnapshot }) {
  const { store, s, locale } = usePanel();
  const [copy, setCopy] = useState<CopyState>('idle');
  useEffect(() => setCopy('idle'), [event]);
  useEffect(() => {
    if (copy === 'idle') return;
    const timer = setTimeout(() => setCopy('idle'), 1500);
    return () => clearTimeout(timer);
  }, [copy]);

  const { session, findings } = snapshot;
  const owner = ownerOf(session, event);
  const instance = owner === undefined ? undefined : session.instances.get(owner);
  const socket = event.socketId === undefined ? undefined : session.sockets.get(event.socketId);
  const citing = findings.filter((finding) => finding.evidence.includes(event.seq));

  return (
    <aside class="detail" aria-label={s.detail.title} data-testid="event-detail">
      <div class="detail-head">
        <span class="title">
          <span class="mono">{event.kind}</span> <span class="dim">#{event.seq}</span>
        </span>
        <button
          type="button"
          class="tool-button"
          data-testid="copy-event"
          onClick={async () => setCopy((await copyText(JSON.stringify(event, null, 2))) ? 'copied' : 'failed')}
        >
          <CopyIcon />
          {copy === 'copied' ? s.detail.copied : copy === 'failed' ? s.detail.copyFailed : s.detail.copy}
        </button>
        <button type="button" class="tool-button" title={s.detail.close} onClick={() => store.closeDetail()}>
          <CloseIcon />
        </button>
      </div>
      <div class="detail-body">
        {event.kind === 'sdk.disconnect' && (
          <Explanation explanation={explainDisconnect(event.data.code, event.data.reason)} />
        )}
        {event.kind === 'ws.close' && explainCloseCode(event.data.code) && (
          <section class="detail-section">
            <div class="explain">
              <h4>
                <span class="mono">{event.data.code}</span> {explainCloseCode(event.data.code)?.[locale]}
              </h4>
            </div>
          </section>
        )}
        <section class="detail-section">
          <dl class="kv">
            <dt>{s.columns.time}</dt>
            <dd>
              {formatClock(event.t)} <span class="dim">({formatTime(event.t, snapshot.timeOrigin, 'relative')})</span>
            </dd>
            {owner !== undefined && (
              <>
                <dt>{s.columns.instance}</dt>
                <dd>{instance ? instanceTitle(instance) : owner}</dd>
              </>
            )}
            {event.socketId !== undefined && (
              <>
                <dt>{s.columns.socket}</dt>
                <dd class="mono">
                  {event.socketId}
                  {socket?.url ? ` · ${socket.url}` : ''}
                </dd>
              </>
            )}
          </dl>
        </section>
        {citing.length > 0 && (
          <section class="detail-section">
            <h3>{s.detail.findings}</h3>
            {citing.map((finding) => (
              <div key={finding.key}>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => store.setView('diagnostics')}
                  style={{ textDecoration: 'none' }}
                >
                  <SeverityIcon severity={finding.severity} />
                  {finding.title[locale]}
                </button>
              </div>
            ))}
          </section>
        )}
        <section class="detail-section">
          <JsonView value={event} />
        </section>
      </div>
    </aside>
  );
}

/** A disconnect code decoded: what it means and what to do. Also used by the instances view. */
export function Explanation({ explanation }: { explanation: CodeExplanation }) {
  const { s, locale } = usePanel();
  const severity = explanation.expected ? 'info' : explanation.severity;
  return (
    <section class="detail-section">
      <div class={`explain sev-${severity}`} data-testid="code-explanation">
        <h4>
          <span class="mono">{explanation.code === undefined ? '—' : String(explanation.code)}</span>{' '}
          {explanation.title[locale]}
        </h4>
        <p>
          <span class="label">{s.detail.explanation}: </span>
          {explanation.meaning[locale]}
        </p>
        <p>
          <span class="label">{s.detail.action}: </span>
          {explanation.action[locale]}
        </p>
        <p>
          <DocLinkView url={explanation.doc.url} topic={explanation.doc.topic} />
        </p>
      </div>
    </section>
  );
}
