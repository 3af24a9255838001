// RLE payload (docs/protocol.md §4.3): items of one header byte h; h < 0x80 is followed by
// h + 1 literal pixels, h >= 0x80 by one pixel repeated (h & 0x7f) + 1 times. Runs cross rows.
// Port of client/decode_rle.cpp.

/**
 * Decodes `len` bytes of `src` from `pos` into `out` (a begun StripWriter). Returns true only
 * when exactly those bytes made exactly the rectangle's pixels.
 */
export function decodeRle(src, pos, len, out) {
  const end = pos + len;
  const buf = out.buf;
  while (pos < end && !out.done) {
    const h = src[pos++];
    let n = (h & 0x7f) + 1;
    if (h & 0x80) {
      if (end - pos < 2) return false;
      const hi = src[pos];
      const lo = src[pos + 1];
      pos += 2;
      if (!out.putRun(n, hi, lo)) return false;
      continue;
    }
    if (end - pos < n * 2) return false;
    while (n > 0) { // literals: copy what fits in the strip, flush, go on
      const k = Math.min(n, (out.end - out.p) >> 1);
      buf.set(src.subarray(pos, pos + k * 2), out.p);
      out.p += k * 2;
      pos += k * 2;
      n -= k;
      if (out.p === out.end && !out.flush()) break;
    }
    if (n > 0) return false; // literals past the last pixel
  }
  return pos === end && out.complete();
}
