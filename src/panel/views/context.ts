/** What every view needs besides the snapshot: the store to act on and the words to say. */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { FaultRequest } from '../../model/protocol';
import type { Locale, Strings } from '../i18n';
import type { PanelSnapshot, PanelStore } from '../store';

export interface PanelContextValue {
  store: PanelStore;
  locale: Locale;
  s: Strings;
  /** Live only: injects a fault into the inspected tab; absent for a recording. */
  onFault?(request: FaultRequest): void;
}

export const PanelContext = createContext<PanelContextValue | undefined>(undefined);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanel outside <PanelContext.Provider>');
  return value;
}

/** Re-renders on every store notification and returns the current snapshot. */
export function useSnapshot(store: PanelStore): PanelSnapshot {
  const [snapshot, setSnapshot] = useState(() => store.getSnapshot());
  useEffect(() => {
    const update = () => setSnapshot(store.getSnapshot());
    const unsubscribe = store.subscribe(update);
    // A notification between the first render and the subscription would otherwise be lost.
    update();
    return unsubscribe;
  }, [store]);
  return snapshot;
}
