// PREDICT payload (docs/protocol.md §4.6): a QOI-like tag stream over native RGB565 values.
// The predictor v is the previous pixel (black at the start of each rectangle):
//   0x00..0x3F  run of tag + 1 copies of v
//   0x40..0x7F  DIFF: v += PREDICT_DIFF[tag - 0x40]
//   0x80..0xBF  LUMA: one more byte b; v += PREDICT_LUMA_GREEN[tag - 0x80]
//               + (b >> 4) * 2048 + (b & 15) - 8 * 2049
//   0xC0..0xFD  run of tag - 0xC0 + 65 copies
//   0xFE        literal: two bytes, big-endian
//   0xFF        reserved (corrupt)
// Arithmetic is modulo 2^16. Port of client/decode_predict.cpp.

function buildDiff() {
  const t = new Uint16Array(64);
  for (let i = 0; i < 64; ++i) {
    const dr = (i >> 4) - 2, dg = ((i >> 2) & 3) - 2, db = (i & 3) - 2;
    t[i] = dr * 2048 + dg * 32 + db; // Uint16Array stores modulo 2^16
  }
  return t;
}

function buildLumaGreen() {
  const t = new Uint16Array(64);
  for (let i = 0; i < 64; ++i) {
    const dg = i - 32;
    t[i] = dg * 32 + Math.floor(dg / 2) * 2049;
  }
  return t;
}

// The tables of client/predict_tables.h, computed from their formulas (the tests compare a
// few entries with the C++ header's literals).
export const PREDICT_DIFF = buildDiff();
export const PREDICT_LUMA_GREEN = buildLumaGreen();

const kLumaBias = 8 * 2049;

/** Decodes `len` bytes of `src` from `pos` into `out`; true only for an exact, valid payload. */
export function decodePredict(src, pos, len, out) {
  const end = pos + len;
  const buf = out.buf;
  let v = 0;
  let p = out.p;
  let pEnd = out.end;
  while (pos < end && !out.done) {
    const tag = src[pos++];
    if (tag >= 0x40 && tag < 0x80) {
      v = (v + PREDICT_DIFF[tag - 0x40]) & 0xffff;
    } else if (tag >= 0x80 && tag < 0xc0) {
      if (pos === end) return false;
      const b = src[pos++];
      v = (v + PREDICT_LUMA_GREEN[tag - 0x80] + ((b >> 4) << 11) + (b & 15) - kLumaBias) & 0xffff;
    } else if (tag === 0xfe) {
      if (end - pos < 2) return false;
      v = (src[pos] << 8) | src[pos + 1];
      pos += 2;
    } else if (tag === 0xff) {
      return false;
    } else {
      const run = tag < 0x40 ? tag + 1 : tag - 0xc0 + 65;
      out.p = p;
      if (!out.putRun(run, v >> 8, v & 0xff)) return false; // a run past the last pixel
      p = out.p;
      pEnd = out.end;
      continue;
    }
    buf[p] = v >> 8;
    buf[p + 1] = v & 0xff;
    p += 2;
    if (p === pEnd) {
      out.p = p;
      out.flush();
      p = out.p;
      pEnd = out.end;
    }
  }
  // Exactly the rectangle's pixels from exactly the payload's bytes.
  out.p = p;
  return pos === end && out.complete();
}
