/**
 * The sharing mask: accounts and appKeys replaced by stable labels (`account-1`, `appkey-1`) in every string of
 * a recording — data fields, log texts, URLs, titles — so that a shared file stays coherent ("account-1 was
 * kicked by account-1 in another tab") without naming anyone. Identities come from `sdk.getInstance`: the
 * account and appKey the page passed.
 */
import type { NimEvent } from '../model/events';

export interface MaskChoice {
  accounts: boolean;
  appKeys: boolean;
}

type Category = 'account' | 'appkey';

interface Identity {
  category: Category;
  value: string;
}

/**
 * An appKey as the hook shortens it (`45c6…e1f2`, see `maskValue` in `src/hook/redact.ts`): its full form may still
 * appear in a log or URL. Only 4+ characters on each side make a pattern: `co…ct` would match "connect".
 */
const SHORTENED = /^([0-9A-Za-z]{4,})…([0-9A-Za-z]{4,})$/;
/** What the hook leaves of a short appKey (`…`) or any value without a letter or digit names nothing. */
const NAMES_SOMETHING = /[\p{L}\p{N}]/u;

/** Returns the rewrite to apply to every string, or `undefined` when there is nothing to hide. */
export function createSharingMask(
  events: readonly NimEvent[],
  choice: MaskChoice,
): ((text: string) => string) | undefined {
  const identities = collectIdentities(events, choice);
  if (identities.length === 0) return undefined;
  const labels = assignLabels(identities);

  const alternatives: { source: string; label: string; order: number }[] = [];
  identities.forEach((identity, index) => {
    const label = labels[index] as string;
    const literals = new Set([identity.value, encodeURIComponent(identity.value)]);
    for (const literal of literals) alternatives.push({ source: escapeRegExp(literal), label, order: literal.length });
    const shortened = SHORTENED.exec(identity.value);
    if (shortened) {
      const [, prefix = '', suffix = ''] = shortened;
      // Bounded: an unbounded run would re-read a long alphanumeric string from every occurrence of the prefix.
      alternatives.push({ source: `${escapeRegExp(prefix)}[0-9A-Za-z]{0,64}${escapeRegExp(suffix)}`, label, order: 0 });
    }
  });
  // A regex alternation takes the first branch that matches, not the longest: longest literals first, so that
  // account "alice2" is not masked as "<alice's label>2"; patterns last.
  alternatives.sort((a, b) => b.order - a.order);
  // One capturing group per alternative tells the replacer which one matched; case-insensitive because logs and
  // URLs do not always keep an account's case.
  const pattern = new RegExp(alternatives.map((alternative) => `(${alternative.source})`).join('|'), 'gi');
  return (text) =>
    text.replace(pattern, (match: string, ...groups: unknown[]) => {
      const index = groups.findIndex((group, position) => position < alternatives.length && group !== undefined);
      return alternatives[index]?.label ?? match;
    });
}

function collectIdentities(events: readonly NimEvent[], choice: MaskChoice): Identity[] {
  const found: Identity[] = [];
  const seen = new Set<string>();
  const add = (category: Category, value: unknown) => {
    if (typeof value !== 'string' || !NAMES_SOMETHING.test(value)) return;
    const key = `${category}:${value.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ category, value });
  };
  for (const event of events) {
    if (event.kind !== 'sdk.getInstance' || typeof event.data !== 'object' || event.data === null) continue;
    const { account, appKey, options } = event.data;
    if (choice.accounts) add('account', account);
    if (choice.appKeys) add('appkey', appKey);
    if (typeof options !== 'object' || options === null) continue;
    // The options as the page passed them: the SDK reads `account` and `appKey`, docs also write `appkey`.
    for (const [name, value] of Object.entries(options)) {
      const lower = name.toLowerCase();
      if (choice.accounts && lower === 'account') add('account', value);
      if (choice.appKeys && lower === 'appkey') add('appkey', value);
    }
  }
  return found;
}

/** `account-1`, `account-2`… in order of appearance; a shortened appKey shares the label of its full form. */
function assignLabels(identities: readonly Identity[]): string[] {
  const labels: string[] = [];
  const counters: Record<Category, number> = { account: 0, appkey: 0 };
  identities.forEach((identity, index) => {
    const same = identities.findIndex(
      (other, position) =>
        position < index && other.category === identity.category && sameIdentity(other.value, identity.value),
    );
    labels.push(same >= 0 ? (labels[same] as string) : `${identity.category}-${++counters[identity.category]}`);
  });
  return labels;
}

function sameIdentity(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || shortens(a, b) || shortens(b, a);
}

function shortens(shortened: string, full: string): boolean {
  const parts = SHORTENED.exec(shortened);
  if (!parts || full.includes('…')) return false;
  const [, prefix = '', suffix = ''] = parts;
  return full.length >= prefix.length + suffix.length && full.startsWith(prefix) && full.endsWith(suffix);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
