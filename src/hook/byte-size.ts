/**
 * The size on the wire of a WebSocket frame's payload, computed without keeping or copying it.
 * Runs once per frame, so it allocates nothing and calls no page code.
 */

/**
 * UTF-8 byte length of a string, exact: the browser sends text frames as UTF-8 and replaces a lone surrogate
 * with U+FFFD (3 bytes). One pass of `charCodeAt`, which V8 compiles to a tight loop; ASCII costs a compare
 * per character.
 */
export function utf8Length(text: string): number {
  const length = text.length;
  let bytes = length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair: 2 code units, 4 bytes.
        bytes += 2;
        i++;
        continue;
      }
    }
    bytes += 2;
  }
  return bytes;
}

export type ByteSizer = (data: unknown) => number;

/**
 * Sizes what `send` accepts and what a `message` event carries: string, ArrayBuffer, ArrayBufferView, Blob.
 * Anything else `send` stringifies with the page's own `toString`; calling that again would run page code,
 * so such a frame counts with 0 bytes. So does a buffer from another frame's realm (it fails `instanceof`
 * against this realm's constructors), which a page would rarely send.
 */
export function createByteSizer(win: Pick<typeof globalThis, 'ArrayBuffer' | 'Blob'>): ByteSizer {
  const { ArrayBuffer: PageArrayBuffer, Blob: PageBlob } = win;
  const isView = PageArrayBuffer.isView;
  return (data) => {
    if (typeof data === 'string') return utf8Length(data);
    if (data instanceof PageArrayBuffer) return data.byteLength;
    if (isView(data)) return data.byteLength;
    if (PageBlob !== undefined && data instanceof PageBlob) return data.size;
    return 0;
  };
}
