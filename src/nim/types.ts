/** The vocabulary of NIM's own knowledge (codes, documentation), shared by the session and the diagnostics. */

export type Severity = 'error' | 'warning' | 'info';

/** Every user-facing text exists in English and Simplified Chinese. */
export interface Localized {
  en: string;
  zh: string;
}

/** Where a rule's advice is documented. Without a verified deep page, `url` is the docs home and `topic` names the page. */
export interface DocLink {
  url: string;
  topic?: Localized;
}
