/**
 * The NIM link protocol's binary codec, as the Web SDK writes and reads it (see /work/shared/nim-sdk.md):
 * little-endian, LEB128 varints for counts and lengths, strings as varint length + UTF-8.
 * Knows nothing about NIM commands; `nim-packets.ts` builds those on top of it.
 */

/** Tag bit that says a 16-bit result code follows the header (the SDK's `hasRescode`). */
export const TAG_HAS_CODE = 2;

/** The SDK's reader refuses varints longer than 5 bytes; so does ours, so that garbage fails the same way. */
const MAX_VARINT_BYTES = 5;

export interface PacketHeader {
  /** The SDK writes 0 here over WebSocket (a frame is a packet) and ignores it when reading. */
  packetLength: number;
  sid: number;
  cid: number;
  /** Serial number that matches a reply to its request; the SDK uses 0 for heartbeats. */
  ser: number;
  tag: number;
  /** Result code: present on the wire only when `tag & TAG_HAS_CODE`; 200 otherwise, as the SDK assumes. */
  code: number;
}

/** A NIM Property: numeric keys to string values. */
export type Property = Record<number, string>;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export class PacketWriter {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private offset = 0;

  /** Arithmetic rather than bitwise so that values above 2^31 (varints reach 35 bits) stay correct. */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
    let rest = value;
    do {
      const low = rest % 128;
      rest = Math.floor(rest / 128);
      this.byte(rest > 0 ? low + 128 : low);
    } while (rest > 0);
    return this;
  }

  byte(value: number): this {
    this.ensure(1);
    this.view.setUint8(this.offset, value);
    this.offset += 1;
    return this;
  }

  u16(value: number): this {
    this.ensure(2);
    this.view.setUint16(this.offset, value, true);
    this.offset += 2;
    return this;
  }

  u32(value: number): this {
    this.ensure(4);
    this.view.setUint32(this.offset, value, true);
    this.offset += 4;
    return this;
  }

  u64(value: number | bigint): this {
    this.ensure(8);
    this.view.setBigUint64(this.offset, BigInt(value), true);
    this.offset += 8;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.offset);
    this.offset += bytes.length;
    return this;
  }

  string(value: string): this {
    const bytes = utf8Encoder.encode(value);
    return this.varint(bytes.length).raw(bytes);
  }

  property(property: Property): this {
    const entries = Object.entries(property);
    this.varint(entries.length);
    for (const [key, value] of entries) this.varint(Number(key)).string(value);
    return this;
  }

  propertyArray(properties: readonly Property[]): this {
    this.varint(properties.length);
    for (const property of properties) this.property(property);
    return this;
  }

  /** The header as the SDK marshals it; the code is written only when the tag says so. */
  header(header: Omit<PacketHeader, 'packetLength' | 'code'> & { packetLength?: number; code?: number }): this {
    this.varint(header.packetLength ?? 0)
      .byte(header.sid)
      .byte(header.cid)
      .u16(header.ser)
      .byte(header.tag);
    if (header.tag & TAG_HAS_CODE) this.u16(header.code ?? 200);
    return this;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.offset);
  }

  private ensure(extra: number): void {
    if (this.offset + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.offset + extra));
    grown.set(this.buffer);
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** Thrown on truncated or malformed input, so a server can tell a bad frame from its own bugs. */
export class PacketDecodeError extends Error {
  override name = 'PacketDecodeError';
}

export class PacketReader {
  private readonly view: DataView;
  private offset = 0;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get remaining(): number {
    return this.data.length - this.offset;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let count = 1; count <= MAX_VARINT_BYTES; count++) {
      const byte = this.byte();
      value += (byte & 127) * scale;
      if ((byte & 128) === 0) return value;
      scale *= 128;
    }
    throw new PacketDecodeError(`varint longer than ${MAX_VARINT_BYTES} bytes at offset ${this.offset}`);
  }

  byte(): number {
    this.need(1);
    const value = this.view.getUint8(this.offset);
    this.offset += 1;
    return value;
  }

  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  u64(): bigint {
    this.need(8);
    const value = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    return value;
  }

  raw(length: number): Uint8Array {
    this.need(length);
    const bytes = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  string(): string {
    const bytes = this.raw(this.varint());
    try {
      return utf8Decoder.decode(bytes);
    } catch {
      throw new PacketDecodeError(`invalid UTF-8 in a string ending at offset ${this.offset}`);
    }
  }

  property(): Property {
    const count = this.varint();
    const property: Property = {};
    for (let index = 0; index < count; index++) {
      const key = this.varint();
      property[key] = this.string();
    }
    return property;
  }

  propertyArray(): Property[] {
    const count = this.varint();
    const properties: Property[] = [];
    for (let index = 0; index < count; index++) properties.push(this.property());
    return properties;
  }

  header(): PacketHeader {
    const packetLength = this.varint();
    const sid = this.byte();
    const cid = this.byte();
    const ser = this.u16();
    const tag = this.byte();
    const code = tag & TAG_HAS_CODE ? this.u16() : 200;
    return { packetLength, sid, cid, ser, tag, code };
  }

  private need(length: number): void {
    if (this.offset + length > this.data.length) {
      throw new PacketDecodeError(`need ${length} byte(s) at offset ${this.offset}, frame has ${this.data.length}`);
    }
  }
}
