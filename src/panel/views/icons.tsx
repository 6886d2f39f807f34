/** The few icons the panel uses, inline (no icon font, no network), sized and coloured by CSS. */
import type { Severity } from '../../diagnostics/types';

function Svg({ d, className }: { d: string; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" class={className}>
      <path d={d} />
    </svg>
  );
}

export const ClearIcon = () => (
  <Svg d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 0 1 6.32 12.9L7.1 5.68A7.96 7.96 0 0 1 12 4ZM4 12c0-1.85.63-3.55 1.68-4.9L16.9 18.32A8 8 0 0 1 4 12Z" />
);
export const DownloadIcon = () => <Svg d="M5 20h14v-2H5v2Zm14-11h-4V3H9v6H5l7 7 7-7Z" />;
export const UploadIcon = () => <Svg d="M5 20h14v-2H5v2Zm4-4h6v-6h4l-7-7-7 7h4v6Z" />;
export const LockIcon = () => (
  <Svg d="M18 8h-1V6A5 5 0 0 0 7 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2ZM9 6a3 3 0 0 1 6 0v2H9V6Zm9 14H6V10h12v10Zm-6-3a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z" />
);
export const MarkdownIcon = () => (
  <Svg d="M2 5h20a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm2 11h2.5v-4.2l2 2.6 2-2.6V16H13V8h-2.5l-2 2.6-2-2.6H4v8Zm13.5 0 3.5-4h-2.25V8h-2.5v4H15l2.5 4Z" />
);
export const SearchIcon = () => (
  <Svg d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5Zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14Z" />
);
export const ChevronIcon = () => <Svg d="M8.6 5.4 15.2 12l-6.6 6.6L7 17l5-5-5-5 1.6-1.6Z" />;
export const ArrowDownIcon = () => <Svg d="M11 4h2v12l5.5-5.5 1.42 1.42L12 19.84l-7.92-7.92L5.5 10.5 11 16V4Z" />;
export const CloseIcon = () => (
  <Svg d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12 19 6.41Z" />
);
export const ClockIcon = () => (
  <Svg d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16Zm.5-13H11v6l5.25 3.15.75-1.23-4.5-2.67V7Z" />
);
export const CopyIcon = () => (
  <Svg d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1Zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2Zm0 16H8V7h11v14Z" />
);

const SEVERITY_PATHS: Record<Severity, string> = {
  error: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z',
  warning: 'M1 21h22L12 2 1 21Zm12-3h-2v-2h2v2Zm0-4h-2v-4h2v4Z',
  info: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-6h2v6Zm0-8h-2V7h2v2Z',
};

export function SeverityIcon({ severity }: { severity: Severity }) {
  return <Svg d={SEVERITY_PATHS[severity]} className={`sev-icon icon-${severity}`} />;
}

/** A plug-and-waves mark for the empty page. */
export const NimMark = () => (
  <svg viewBox="0 0 48 48" aria-hidden="true" class="logo">
    <path d="M24 6a18 18 0 0 0-12.73 30.73l2.83-2.83a14 14 0 1 1 19.8 0l2.83 2.83A18 18 0 0 0 24 6Zm0 8a10 10 0 0 0-7.07 17.07l2.83-2.83a6 6 0 1 1 8.48 0l2.83 2.83A10 10 0 0 0 24 14Zm0 8a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm-2 8v12h4V30h-4Z" />
  </svg>
);
