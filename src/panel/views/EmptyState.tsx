/** What an empty panel says: nothing seen yet, and the one line a bundled SDK needs. */
import type { PanelSnapshot } from '../store';
import { usePanel } from './context';
import { NimMark } from './icons';

export const REGISTER_SNIPPET = 'window.__NIM_DEVTOOLS__?.register(NIM)';

export function sawNim(snapshot: PanelSnapshot): boolean {
  return snapshot.session.detections.length > 0 || snapshot.session.instances.size > 0;
}

/** `message`: what this view lists, said when NIM was seen but the list is still empty. */
export function EmptyState({ snapshot, message }: { snapshot: PanelSnapshot; message?: string }) {
  const { s } = usePanel();
  if (sawNim(snapshot)) {
    return (
      <div class="empty-state" data-testid="empty-state">
        <p>{message}</p>
      </div>
    );
  }
  const sockets = snapshot.session.sockets.size;
  return (
    <div class="empty-state" data-testid="empty-state">
      <NimMark />
      <h2>{s.empty.title}</h2>
      <p>{s.empty.body}</p>
      {sockets > 0 && <p>{s.empty.sockets(sockets)}</p>}
      <p>{s.empty.bundled}</p>
      <code>{REGISTER_SNIPPET}</code>
    </div>
  );
}

/** A one-line reminder above a timeline that has events but none from NIM (only other sockets). */
export function NoNimBanner({ snapshot }: { snapshot: PanelSnapshot }) {
  const { s } = usePanel();
  if (sawNim(snapshot) || snapshot.session.events.length === 0) return null;
  return (
    <div class="banner" data-testid="no-nim-banner">
      <strong>{s.empty.title}.</strong> {s.empty.bundled} <code>{REGISTER_SNIPPET}</code>
    </div>
  );
}
