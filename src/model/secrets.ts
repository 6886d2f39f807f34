/**
 * Which names and values are secret: the rules every layer applies (the hook before an event exists, the
 * background to the URLs it learns from the browser, the recording export as a second line of defence).
 */

export const REDACTED = '[redacted]';

export type KeyClass = 'secret' | 'masked' | 'plain';

/** Any key containing one of these is a secret: `token`, `accessToken`, `tokenType`, `appSecret`, `password`… */
const SECRET_PART = /token|passw(?:or)?d|secret|credential|authorization|cookie|signature/i;
/** Whole names that are secrets without a telling part; `loginExt` carries third-party auth data (authType 2). */
const SECRET_NAME = /^(?:pwd|loginext)$/i;
const MASKED_NAME = /^app_?key$/i;
/** camelCase, PascalCase, snake_case and kebab-case words: `privateKey` → `private`, `Key`. */
const WORD = /[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g;
/** Longer names are not keys anyone writes a secret under; the cap keeps classification O(1). */
const MAX_KEY_LENGTH = 64;

/**
 * `appKey` (any case, `app_key`) is masked. A key is secret when it contains token / password / passwd /
 * secret / credential / authorization / cookie / signature, is `pwd` or `loginExt`, or its last word is `key`
 * (`key`, `privateKey`, `api_key`, `accessKEY`), so `keyword`, `monkey` and `authType` stay readable.
 */
export function classifyKey(name: string): KeyClass {
  if (name.length > MAX_KEY_LENGTH) return 'plain';
  if (MASKED_NAME.test(name)) return 'masked';
  if (SECRET_PART.test(name) || SECRET_NAME.test(name)) return 'secret';
  const words = name.match(WORD);
  return words?.[words.length - 1]?.toLowerCase() === 'key' ? 'secret' : 'plain';
}

/**
 * Query and fragment parameters that carry credentials in URLs, beyond the key rules above (which already
 * cover token, access_token, password, secret, signature, api_key…): `auth`, `sig`, `ticket`, `jwt`,
 * session ids (`sid`, `sessionid`, `session_id`, `PHPSESSID`, `JSESSIONID`). In SDK options and log lines
 * `sessionId` is NIM's conversation id (`p2p-alice`) and stays readable: these names apply to URLs only.
 */
const URL_SECRET_NAME = /^(?:auth|sig|ticket|jwt|sid|\w*sess(?:ion)?_?id)$/i;

export function isSecretUrlParam(name: string): boolean {
  return name.length <= MAX_KEY_LENGTH && (classifyKey(name) === 'secret' || URL_SECRET_NAME.test(name));
}

/** `45c6a1b2c3d4e5f6…` → `45c6…e1f2`: at most a quarter of the characters stay, none below 8 characters. */
export function maskValue(value: string): string {
  const keep = value.length >= 16 ? 4 : value.length >= 8 ? 2 : 0;
  return keep === 0 ? '…' : `${value.slice(0, keep)}…${value.slice(-keep)}`;
}
