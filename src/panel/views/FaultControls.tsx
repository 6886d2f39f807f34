/**
 * Buttons that cause real faults in the inspected tab (issue: developers cannot easily lose a connection on
 * purpose). Shown only for a live tab: the request goes to the background, which sends it to that tab's relay.
 */
import type { FaultTarget } from '../../model/protocol';
import { usePanel } from './context';

/** Long enough for the SDK to notice (its command timeout is 8 s), short enough to watch it recover. */
const OFFLINE_SECONDS = 10;
const STALL_SECONDS = 10;

/** `offline` is page-wide (it concerns sockets not created yet), so it is offered only with `page`. */
export function FaultControls({ target, page = false }: { target: FaultTarget; page?: boolean }) {
  const { s, onFault } = usePanel();
  if (!onFault) return null;
  const f = s.faults;
  return (
    <fieldset class="fault-controls" aria-label={f.title}>
      <span class="dim">{f.title}:</span>
      <button
        type="button"
        data-testid="fault-drop"
        title={f.dropHint}
        onClick={() => onFault({ fault: 'drop', ...target })}
      >
        {f.drop}
      </button>
      <button
        type="button"
        data-testid="fault-stall"
        title={f.stallHint(STALL_SECONDS)}
        onClick={() => onFault({ fault: 'stall', durationMs: STALL_SECONDS * 1000, ...target })}
      >
        {f.stall(STALL_SECONDS)}
      </button>
      {page && (
        <button
          type="button"
          data-testid="fault-offline"
          title={f.offlineHint(OFFLINE_SECONDS)}
          onClick={() => onFault({ fault: 'offline', durationMs: OFFLINE_SECONDS * 1000 })}
        >
          {f.offline(OFFLINE_SECONDS)}
        </button>
      )}
    </fieldset>
  );
}
