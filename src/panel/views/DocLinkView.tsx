/**
 * A link to NetEase's documentation. Where no deep page was verified the link is the docs home and `topic`
 * names the page to look for there (src/diagnostics/docs.ts).
 */
import type { Localized } from '../../diagnostics/types';
import { usePanel } from './context';

export function DocLinkView({ url, topic }: { url: string; topic?: Localized }) {
  const { s, locale } = usePanel();
  return (
    <span class="doc-link">
      <a href={url} target="_blank" rel="noreferrer noopener">
        {s.detail.docs}
      </a>
      {topic && (
        <span class="dim">
          {' '}
          — {s.diagnostics.lookFor}: {topic[locale]}
        </span>
      )}
    </span>
  );
}
