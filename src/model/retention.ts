/**
 * Which events a cap gives up first, wherever events are capped (the hook's buffer, the background's session).
 * Logs and traffic come by the thousand and each says little on its own; the lifecycle (SDK calls and
 * callbacks, socket create/open/close/error, navigations, faults, the tool's own reports) is what a session
 * is read by, and what diagnostics cite as evidence. Losing `sdk.getInstance` to a log flood loses the story.
 */
import type { EventKind } from './events';

export function isEvictedFirst(kind: EventKind): boolean {
  return kind === 'sdk.log' || kind === 'ws.traffic';
}
