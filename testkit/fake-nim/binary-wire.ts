/**
 * NIM packets on the binary WebSocket (`ws://<link>/websocket`), the SDK's transport by default since 9.x and with
 * `binaryWebsocket: true` in 8.x: one packet per binary frame.
 */
import { isLoginCommand, type NimPacket, type NimRequest, parseLogin } from './nim-packets';
import { PacketReader, PacketWriter, type Property, TAG_HAS_CODE } from './protocol';

/** Header, then the body values in order; the code is on the wire only when it is not 200. */
export function encodeBinary(packet: NimPacket): Uint8Array {
  const writer = new PacketWriter().header({
    sid: packet.sid,
    cid: packet.cid,
    ser: packet.ser,
    tag: packet.code === 200 ? 0 : TAG_HAS_CODE,
    code: packet.code,
  });
  for (const value of packet.body) {
    switch (value.type) {
      case 'Property':
        writer.property(value.value);
        break;
      case 'PropertyArray':
        writer.propertyArray(value.value);
        break;
      case 'Int':
        writer.u32(value.value);
        break;
      case 'Long':
        writer.u64(value.value);
        break;
      case 'String':
        writer.string(value.value);
        break;
    }
  }
  return writer.bytes();
}

/** Reads the header, and the login Property of a `2_3` (v10 V2: `26_3`, the same keys); throws PacketDecodeError on a malformed frame. */
export function decodeBinaryRequest(frame: Uint8Array): NimRequest {
  const reader = new PacketReader(frame);
  const { sid, cid, ser } = reader.header();
  const isLogin = isLoginCommand(sid, cid);
  return isLogin ? { sid, cid, ser, login: parseLogin(reader.property()) } : { sid, cid, ser };
}

/** A request as the SDK frames it: header (tag 0) and Property values. For tests that play the client. */
export function encodeBinaryRequest(command: { sid: number; cid: number }, ser: number, ...body: Property[]) {
  const writer = new PacketWriter().header({ ...command, ser, tag: 0 });
  for (const property of body) writer.property(property);
  return writer.bytes();
}
