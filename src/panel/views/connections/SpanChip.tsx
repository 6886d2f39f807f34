/** The span the timeline is narrowed to (brushed in the Connections view), with the way back to the whole session. */
import type { TimeSpan } from '../../../session/timeline';
import { formatTime } from '../../format';
import { usePanel } from '../context';
import { CloseIcon } from '../icons';

export function SpanChip({ span, origin }: { span: TimeSpan; origin: number }) {
  const { store, s } = usePanel();
  return (
    <span class="chip span-chip" data-testid="span-filter" title={s.connections.spanTitle}>
      {s.connections.span(formatTime(span.from, origin, 'relative'), formatTime(span.to, origin, 'relative'))}
      <button
        type="button"
        class="span-clear"
        aria-label={s.connections.clearSpan}
        title={s.connections.clearSpan}
        data-testid="span-clear"
        onClick={() => store.setSpan(undefined)}
      >
        <CloseIcon />
      </button>
    </span>
  );
}
