/**
 * What the user is looking at: the view, the selection, the timeline's filters and folding, the theme. Plain
 * data with pure transitions; the store holds one and notifies its views when it changes.
 */
import type { PlatformProfile } from '../diagnostics/types';
import { type KindGroup, spanKey, type TimelineFilter, type TimeSpan } from '../session/timeline';
import type { TimeMode } from './format';
import type { Theme } from './theme';

export type PanelView = 'timeline' | 'connections' | 'instances' | 'sockets' | 'diagnostics';

export const PANEL_VIEWS: readonly PanelView[] = ['timeline', 'connections', 'instances', 'sockets', 'diagnostics'];

export interface PanelUiState {
  view: PanelView;
  /** The event shown in the detail pane and highlighted in the timeline. */
  selectedSeq?: number;
  detailOpen: boolean;
  /** Kind groups shown in the timeline; empty means all. */
  groups: readonly KindGroup[];
  instanceId?: string;
  text: string;
  /** The timeline shows only this span of the session (brushed in the Connections view). */
  span?: TimeSpan;
  timeMode: TimeMode;
  /** The timeline sticks to its newest row until the user scrolls away or selects an older event. */
  followLive: boolean;
  /** Timeline rows that arrived while not following: the "N new events" on the way back. */
  unseen: number;
  /** Reconnect groups the user opened, by the seq of the group's first event. */
  expandedGroups: ReadonlySet<number>;
  theme: Theme;
  /** The platform whose socket budget the diagnostics check (the page may be a mini program's web build). */
  profile: PlatformProfile;
}

export function initialUi(theme: Theme, profile: PlatformProfile): PanelUiState {
  return {
    view: 'timeline',
    detailOpen: false,
    groups: [],
    text: '',
    timeMode: 'relative',
    followLive: true,
    unseen: 0,
    expandedGroups: new Set(),
    theme,
    profile,
  };
}

/** The timeline's filters with nothing hidden. */
export const NO_FILTERS = { groups: [], instanceId: undefined, text: '', span: undefined } as const;

/** Shows only `group` (or, with `additive`, toggles it in the set); `undefined` shows every group. */
export function nextKindGroups(
  current: readonly KindGroup[],
  group: KindGroup | undefined,
  additive: boolean,
): KindGroup[] {
  if (group === undefined) return [];
  if (additive) return current.includes(group) ? current.filter((g) => g !== group) : [...current, group];
  return current.length === 1 && current[0] === group ? [] : [group];
}

export function filterOf({ groups, instanceId, text, span }: PanelUiState): TimelineFilter {
  return { groups, instanceId, text, span };
}

/** Two UI states with the same key show the same timeline rows (before folding). */
export function filterKey(ui: PanelUiState): string {
  const terms = ui.text.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  return `${[...ui.groups].sort().join(',')}|${ui.instanceId ?? ''}|${terms}|${spanKey(ui.span)}`;
}
