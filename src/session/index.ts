export { eventOwner } from './queries';
export { groupReconnects, type ReconnectGroup, type TimelineRow } from './reconnect-groups';
export {
  applyEvent,
  applyEvents,
  createSession,
  currentDocument,
  resetSession,
  startsDocument,
} from './reducer';
export {
  KIND_GROUPS,
  type KindGroup,
  kindGroupOf,
  type TimelineFilter,
  TimelineIndex,
  type TimeSpan,
} from './timeline';
export type * from './types';
