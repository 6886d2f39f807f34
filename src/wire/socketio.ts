/**
 * The socket.io 0.9 framing (v8's default, v9 with `binaryWebsocket: false`, v10's V1-compatible API): text frames
 * `type:id:endpoint:data`; NIM packets travel as JSON in message frames, `3:::{"SID","CID","SER","Q":[{t, v}]}`
 * from the SDK and `3:::{"sid","cid","ser","code","r":[…]}` from the server. Other frames (`1::` connect,
 * `2::` socket.io's own heartbeat, `0::` disconnect) carry no NIM packet.
 *
 * The header is found in the first `HEAD_CHARS` characters of the JSON (the SDK and the server write it before the body), so
 * a chat frame costs a bounded scan whatever its size; JSON.parse runs only for the frames `planFor` asks for.
 */
import { type BodyReader, buildMessage, heartbeat, planFor } from './message';
import type { LinkDirection, LinkMessage } from './types';

const MESSAGE_PREFIX = '3:::';
const HEAD_CHARS = 160;

export function decodeTextFrame(text: string, direction: LinkDirection): LinkMessage | undefined {
  if (!text.startsWith(MESSAGE_PREFIX)) return undefined;
  // A slice of a flat string is a view in V8, not a copy; `indexOf` on it stops at HEAD_CHARS.
  const head = text.slice(MESSAGE_PREFIX.length, MESSAGE_PREFIX.length + HEAD_CHARS);
  const spell = direction === 'out' ? SPELLINGS.request : SPELLINGS.reply;
  const sid = numberAfter(head, spell.sid);
  const cid = numberAfter(head, spell.cid);
  if (sid === undefined || cid === undefined) return undefined;
  const code = numberAfter(head, spell.code) ?? 200;
  const plan = planFor(direction, sid, cid, code);
  if (plan === undefined) return undefined;
  if (plan === 'heartbeat') return heartbeat(direction);
  const header = { sid, cid, ser: numberAfter(head, spell.ser) ?? 0, code };
  return buildMessage(plan, header, direction, new JsonBody(bodyValues(text.slice(MESSAGE_PREFIX.length))));
}

/** The SDK spells a request's header keys in capitals and reads a reply's in lower case; the other is a fallback. */
const SPELLINGS = {
  request: { sid: ['"SID":', '"sid":'], cid: ['"CID":', '"cid":'], ser: ['"SER":', '"ser":'], code: ['"code":'] },
  reply: { sid: ['"sid":', '"SID":'], cid: ['"cid":', '"CID":'], ser: ['"ser":', '"SER":'], code: ['"code":'] },
} as const;

/** The non-negative integer right after the first of `needles` found in `head`, or undefined. */
function numberAfter(head: string, needles: readonly string[]): number | undefined {
  for (const needle of needles) {
    const at = head.indexOf(needle);
    if (at >= 0) return integerAt(head, at + needle.length);
  }
  return undefined;
}

function integerAt(text: string, start: number): number | undefined {
  let at = start;
  while (text[at] === ' ') at++;
  let value = 0;
  let digits = 0;
  for (; at < text.length && digits < 10; at++, digits++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return digits === 0 ? undefined : value;
}

/** The body values in schema order: a request's `Q[i].v`, a reply's `r[i]`. Empty when the JSON is unusable. */
function bodyValues(json: string): unknown[] {
  let packet: unknown;
  try {
    packet = JSON.parse(json);
  } catch {
    return [];
  }
  if (typeof packet !== 'object' || packet === null) return [];
  const record = packet as Record<string, unknown>;
  if (Array.isArray(record.r)) return record.r;
  if (Array.isArray(record.Q)) {
    return record.Q.map((value: unknown) =>
      typeof value === 'object' && value !== null ? (value as { v?: unknown }).v : undefined,
    );
  }
  return [];
}

class JsonBody implements BodyReader {
  private index = 0;

  constructor(private readonly values: unknown[]) {}

  property(keys: readonly number[]): Record<number, string> | undefined {
    const value = this.values[this.index++];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const values: Record<number, string> = {};
    for (const key of keys) {
      const field = Object.hasOwn(value, key) ? (value as Record<number, unknown>)[key] : undefined;
      // The JSON wire writes some Property values as numbers or booleans where the binary wire has strings.
      if (typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean') {
        values[key] = String(field);
      }
    }
    return values;
  }

  int(): number | undefined {
    const value = this.values[this.index++];
    return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
  }

  string(): string | undefined {
    const value = this.values[this.index++];
    return typeof value === 'string' ? value : undefined;
  }
}
