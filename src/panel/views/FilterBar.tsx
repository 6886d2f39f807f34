/** The timeline's filters, like the Network panel's second toolbar: search, kind groups, instance, time. */
import type { Ref } from 'preact';
import { KIND_GROUPS, type KindGroup, kindGroupOf } from '../../session/timeline';
import type { PanelSnapshot } from '../store';
import { SpanChip } from './connections/SpanChip';
import { usePanel } from './context';
import { ClockIcon, CloseIcon, SearchIcon } from './icons';
import { instanceTitle } from './labels';

export function FilterBar({ snapshot, searchRef }: { snapshot: PanelSnapshot; searchRef: Ref<HTMLInputElement> }) {
  const { store, s } = usePanel();
  const { ui, session } = snapshot;
  const byKind = session.counters.byKind;
  const groupCounts = countByGroup(byKind);
  return (
    <div class="toolbar filterbar" role="toolbar" aria-label={s.toolbar.search}>
      <div class="search">
        <SearchIcon />
        <input
          ref={searchRef}
          type="search"
          placeholder={s.toolbar.search}
          title={s.toolbar.searchTitle}
          aria-label={s.toolbar.search}
          data-testid="search"
          value={ui.text}
          spellcheck={false}
          onInput={(e) => store.setSearchText(e.currentTarget.value)}
        />
        {ui.text && (
          <button
            type="button"
            class="search-clear"
            aria-label={s.timeline.resetFilters}
            onClick={() => store.setSearchText('')}
          >
            <CloseIcon />
          </button>
        )}
      </div>
      <span class="toolbar-sep" />
      <fieldset class="chips">
        <button
          type="button"
          class="chip"
          aria-pressed={ui.groups.length === 0}
          data-testid="kind-filter"
          data-group="all"
          onClick={() => store.toggleKindGroup(undefined)}
        >
          {s.toolbar.all}
        </button>
        {KIND_GROUPS.map((group) => (
          <button
            type="button"
            key={group}
            class="chip"
            aria-pressed={ui.groups.includes(group)}
            data-testid="kind-filter"
            data-group={group}
            title={s.toolbar.combineHint}
            onClick={(e) => store.toggleKindGroup(group, e.ctrlKey || e.metaKey)}
          >
            {s.groups[group]}
            <span class="count">{groupCounts[group]}</span>
          </button>
        ))}
      </fieldset>
      <span class="toolbar-sep" />
      <select
        class="select"
        data-testid="instance-filter"
        aria-label={s.columns.instance}
        value={ui.instanceId ?? ''}
        onChange={(e) => store.setInstanceFilter(e.currentTarget.value || undefined)}
      >
        <option value="">{s.toolbar.allInstances}</option>
        {[...session.instances.values()].map((instance) => (
          <option key={instance.id} value={instance.id}>
            {instanceTitle(instance)}
          </option>
        ))}
      </select>
      {ui.span && <SpanChip span={ui.span} origin={snapshot.timeOrigin} />}
      <span class="toolbar-spacer" />
      <button
        type="button"
        class="tool-button"
        data-testid="time-mode"
        data-mode={ui.timeMode}
        title={s.toolbar.timeModeTitle}
        onClick={() => store.setTimeMode(ui.timeMode === 'relative' ? 'absolute' : 'relative')}
      >
        <ClockIcon />
        {ui.timeMode === 'relative' ? s.toolbar.timeRelative : s.toolbar.timeAbsolute}
      </button>
    </div>
  );
}

function countByGroup(byKind: PanelSnapshot['session']['counters']['byKind']): Record<KindGroup, number> {
  const counts: Record<KindGroup, number> = { sdk: 0, calls: 0, sockets: 0, logs: 0, other: 0 };
  for (const [kind, count] of Object.entries(byKind)) counts[kindGroupOf(kind as keyof typeof byKind)] += count;
  return counts;
}
