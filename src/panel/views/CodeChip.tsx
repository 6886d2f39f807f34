/** A disconnect code as a coloured chip; an unknown code says so instead of guessing. */
import type { CodeExplanation } from '../../nim/codes';
import { usePanel } from './context';

export function CodeChip({ explanation, withTitle = false }: { explanation: CodeExplanation; withTitle?: boolean }) {
  const { s, locale } = usePanel();
  const code = explanation.code === undefined ? '—' : String(explanation.code);
  const severity = explanation.expected ? 'info' : explanation.severity;
  const classes = ['code-chip', `sev-${severity}`];
  if (!explanation.known) classes.push('unknown');
  const title = explanation.known ? explanation.title[locale] : s.codes.unknown;
  return (
    <span
      class={classes.join(' ')}
      title={`${explanation.title[locale]}\n${explanation.meaning[locale]}`}
      data-code={code}
      data-known={explanation.known}
    >
      <span class="code">{code}</span>
      {withTitle && <span class="text">{title}</span>}
    </span>
  );
}
