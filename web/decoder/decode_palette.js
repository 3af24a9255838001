// PALETTE and PALETTE_RLE payloads (docs/protocol.md §4.4, §4.5): n colours then either packed
// indices (1, 2 or 4 bits, MSB first, each row byte-aligned) or run items.
// Port of client/decode_palette.cpp.

const kMaxColours = 16;

// Reads the colour table into `hi`/`lo` (the two wire bytes of each colour); returns the bytes
// used, or 0 when malformed.
function readPalette(src, pos, len, minColours, hi, lo) {
  if (len < 1) return 0;
  const n = src[pos];
  if (n < minColours || n > kMaxColours || len < 1 + 2 * n) return 0;
  for (let i = 0; i < n; ++i) {
    hi[i] = src[pos + 1 + 2 * i];
    lo[i] = src[pos + 2 + 2 * i];
  }
  return 1 + 2 * n;
}

/** Packed indices; `w`, `h` are the rectangle's. True only for an exact, valid payload. */
export function decodePalette(src, pos, len, w, h, out) {
  const hi = new Uint8Array(kMaxColours);
  const lo = new Uint8Array(kMaxColours);
  const used = readPalette(src, pos, len, 2, hi, lo);
  if (used === 0) return false;
  const n = src[pos];
  const bits = n <= 2 ? 1 : n <= 4 ? 2 : 4;
  const rowBytes = Math.ceil((w * bits) / 8);
  if (len - used !== rowBytes * h) return false;
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  const buf = out.buf;
  let row = pos + used;
  for (let y = 0; y < h; ++y, row += rowBytes) {
    let p = out.p;
    let s = row;
    for (let x = 0; x < w; ) {
      const byte = src[s++];
      const count = Math.min(w - x, perByte);
      for (let k = 0; k < count; ++k) {
        const idx = (byte >> (8 - bits * (k + 1))) & mask;
        if (idx >= n) return false;
        buf[p] = hi[idx];
        buf[p + 1] = lo[idx];
        p += 2;
      }
      x += count;
    }
    out.p = p;
    // Strips hold whole rows, so a strip can only fill up at the end of a row.
    if (out.p === out.end) out.flush();
  }
  return out.complete();
}

/** Index runs: items idx << 4 | L, L = 15 takes an extension byte. */
export function decodePaletteRle(src, pos, len, out) {
  const hi = new Uint8Array(kMaxColours);
  const lo = new Uint8Array(kMaxColours);
  const used = readPalette(src, pos, len, 1, hi, lo);
  if (used === 0) return false;
  const n = src[pos];
  const end = pos + len;
  pos += used;
  while (pos < end && !out.done) {
    const item = src[pos++];
    const idx = item >> 4;
    let run = (item & 15) + 1;
    if (run === 16) {
      if (pos === end) return false;
      run = 16 + src[pos++];
    }
    if (idx >= n || !out.putRun(run, hi[idx], lo[idx])) return false;
  }
  return pos === end && out.complete();
}
