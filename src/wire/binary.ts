/**
 * The binary framing (v9's default, v8 with `binaryWebsocket: true`, v10 V2): one packet per frame, little-endian,
 * `varint length | u8 sid | u8 cid | u16 ser | u8 tag | [u16 code when tag & 2]`, then the body.
 *
 * Bounded by construction: the header is read at fixed offsets; every body read checks the bytes left and
 * stops the reader for good when they run out, so a loop (a Property's count) ends within the frame's size
 * whatever count a hostile frame claims. Nothing here throws.
 */
import { type BodyReader, buildMessage, planFor } from './message';
import type { LinkDirection, LinkMessage } from './types';

/** Tag bit: a u16 result code follows the header (the SDK's `hasRescode`). */
const TAG_HAS_CODE = 2;

/** The SDK refuses varints longer than 5 bytes. */
const MAX_VARINT_BYTES = 5;

// Made when the module loads: in the page hook that is document_start, before any page script could replace it.
// Not fatal: a malformed string becomes U+FFFD rather than an exception.
const utf8 = new TextDecoder('utf-8');

export function decodeBinaryFrame(bytes: Uint8Array, direction: LinkDirection): LinkMessage | undefined {
  const length = bytes.length;
  let offset = 0;
  // The packet length (the SDK writes 0 over WebSocket): skipped, never trusted.
  while (offset < length && (bytes[offset] as number) & 128) {
    if (++offset >= MAX_VARINT_BYTES) return undefined;
  }
  offset++;
  if (offset + 5 > length) return undefined;
  const sid = bytes[offset] as number;
  const cid = bytes[offset + 1] as number;
  const ser = (bytes[offset + 2] as number) | ((bytes[offset + 3] as number) << 8);
  const tag = bytes[offset + 4] as number;
  offset += 5;
  let code = 200;
  if (tag & TAG_HAS_CODE) {
    if (offset + 2 > length) return undefined;
    code = (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8);
    offset += 2;
  }
  const plan = planFor(direction, sid, cid, code);
  if (plan === undefined) return undefined;
  return buildMessage(plan, { sid, cid, ser, code }, direction, new BinaryBody(bytes, offset));
}

class BinaryBody implements BodyReader {
  private failed = false;

  constructor(
    private readonly bytes: Uint8Array,
    private offset: number,
  ) {}

  property(keys: readonly number[]): Record<number, string> | undefined {
    const count = this.varint();
    if (count === undefined) return undefined;
    const values: Record<number, string> = {};
    // Each entry takes at least two bytes, so a spent reader (not `count`) ends a hostile loop.
    for (let index = 0; index < count && !this.failed; index++) {
      const key = this.varint();
      const size = this.varint();
      if (key === undefined || size === undefined || !this.has(size)) return undefined;
      if (keys.includes(key)) values[key] = this.text(size);
      this.offset += size;
    }
    return this.failed ? undefined : values;
  }

  int(): number | undefined {
    if (!this.has(4)) return undefined;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 4);
    this.offset += 4;
    return view.getUint32(0, true);
  }

  string(): string | undefined {
    const size = this.varint();
    if (size === undefined || !this.has(size)) return undefined;
    const value = this.text(size);
    this.offset += size;
    return value;
  }

  private varint(): number | undefined {
    let value = 0;
    let scale = 1;
    for (let count = 0; count < MAX_VARINT_BYTES; count++) {
      if (!this.has(1)) return undefined;
      const byte = this.bytes[this.offset++] as number;
      value += (byte & 127) * scale;
      if ((byte & 128) === 0) return value;
      scale *= 128;
    }
    this.failed = true;
    return undefined;
  }

  private has(size: number): boolean {
    if (!this.failed && this.offset + size <= this.bytes.length) return true;
    this.failed = true;
    return false;
  }

  private text(size: number): string {
    return utf8.decode(this.bytes.subarray(this.offset, this.offset + size));
  }
}
