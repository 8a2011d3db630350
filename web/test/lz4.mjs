// A minimal LZ4 frame decoder (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md) so
// that apache-arrow can read IPC bodies compressed with LZ4_FRAME (to_arrow {compression: "lz4"})
// in the protocol test; registered with apache-arrow's compressionRegistry by `registerLz4()`.
// Test-only: no checksum verification, no dictionary ids, no legacy frames.
import { compressionRegistry, CompressionType } from "apache-arrow";

function decodeBlock(src, start, end, out) {
  let i = start;
  while (i < end) {
    const token = src[i++];
    let literals = token >>> 4;
    if (literals === 15) {
      let b;
      do {
        b = src[i++];
        literals += b;
      } while (b === 255);
    }
    for (let k = 0; k < literals; k++) out.push(src[i + k]);
    i += literals;
    if (i >= end) break; // the last sequence has literals only
    const offset = src[i] | (src[i + 1] << 8);
    i += 2;
    let match = (token & 15) + 4;
    if ((token & 15) === 15) {
      let b;
      do {
        b = src[i++];
        match += b;
      } while (b === 255);
    }
    const from = out.length - offset;
    if (offset === 0 || from < 0) throw new Error("lz4: bad match offset");
    for (let k = 0; k < match; k++) out.push(out[from + k]);
  }
}

/** Decodes one or more concatenated LZ4 frames. */
export function lz4FrameDecode(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const magic = src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
    if (magic >>> 0 !== 0x184d2204) throw new Error("lz4: not an LZ4 frame");
    i += 4;
    const flg = src[i];
    i += 2; // FLG, BD
    if (flg & 0x08) i += 8; // content size
    if (flg & 0x01) i += 4; // dictionary id
    i += 1; // header checksum
    const blockChecksum = (flg & 0x10) !== 0;
    for (;;) {
      const size = (src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24)) >>> 0;
      i += 4;
      if (size === 0) break;
      const raw = (size & 0x80000000) !== 0;
      const n = size & 0x7fffffff;
      if (raw) for (let k = 0; k < n; k++) out.push(src[i + k]);
      else decodeBlock(src, i, i + n, out);
      i += n + (blockChecksum ? 4 : 0);
    }
    if (flg & 0x04) i += 4; // content checksum
  }
  return Uint8Array.from(out);
}

export function registerLz4() {
  compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: lz4FrameDecode });
}
