/**
 * Credentials in URLs (issue 16): apps that embed IM in an iframe pass the login in the page URL, and push
 * services take `?access_token=` on their socket URL. Every URL the extension stores or shows goes through here
 * first: the password of `user:password@`, query and fragment parameters named like credentials
 * (`isSecretUrlParam`), and any known secret value become `[redacted]`; the rest of the URL stays readable, so
 * `ws://host/push?access_token=[redacted]&room=7` still says where the socket went.
 */
import { type KnownSecrets, redactText } from './redact-text';
import { isSecretUrlParam, REDACTED } from './secrets';

/** A URL longer than this (a `data:` URL, a huge query) is cut, as any long text is, before it is read. */
export const MAX_URL_LENGTH = 4096;

export function redactUrl(url: string, known: KnownSecrets = {}): string {
  const kept = url.length > MAX_URL_LENGTH ? url.slice(0, MAX_URL_LENGTH) : url;
  const structured = redactParams(redactUserInfo(kept));
  // Known values anywhere (a token in a path segment), and `key=value` pairs the rules above did not see.
  const clean = redactText(structured, known);
  return kept.length < url.length ? `${clean}…` : clean;
}

/** `scheme://user:password@host` → `scheme://user:[redacted]@host`; a lone `user@` stays. */
function redactUserInfo(url: string): string {
  const start = url.indexOf('//');
  if (start === -1) return url;
  const authorityEnd = firstOf(url, '/?#', start + 2);
  const at = url.lastIndexOf('@', authorityEnd - 1);
  if (at <= start) return url;
  const colon = url.indexOf(':', start + 2);
  if (colon === -1 || colon > at) return url;
  return `${url.slice(0, colon + 1)}${REDACTED}${url.slice(at)}`;
}

/** The query's and the fragment's `name=value` pairs (separated by `&` or `;`), by name. */
function redactParams(url: string): string {
  const query = url.indexOf('?');
  const hash = url.indexOf('#');
  const cut = query === -1 ? hash : hash === -1 ? query : Math.min(query, hash);
  if (cut === -1) return url;
  let out = url.slice(0, cut);
  let i = cut;
  while (i < url.length) {
    // One delimiter (`?`, `#`, `&`, `;`), then a pair up to the next one.
    out += url[i];
    const end = firstOf(url, '&;#', i + 1);
    out += redactPair(url.slice(i + 1, end));
    i = end;
  }
  return out;
}

function redactPair(pair: string): string {
  const equals = pair.indexOf('=');
  if (equals <= 0 || equals === pair.length - 1) return pair;
  const name = pair.slice(0, equals);
  return isSecretUrlParam(decodeSafely(name)) ? `${name}=${REDACTED}` : pair;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The index of the first of `characters` at or after `from`, or the string's length. */
function firstOf(text: string, characters: string, from: number): number {
  for (let i = from; i < text.length; i++) if (characters.includes(text[i] as string)) return i;
  return text.length;
}
