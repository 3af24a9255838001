// PREDICT payload (docs/protocol.md §4.6): a QOI-like tag stream over native RGB565 values.
// The predictor is the previous pixel (black at the start of each rectangle):
//   0x00..0x3F  run of tag + 1 copies of the previous pixel
//   0x40..0x7F  DIFF: add kPredictDiff[tag - 0x40]
//   0x80..0xBF  LUMA: one more byte b; add kPredictLumaGreen[tag - 0x80]
//               + (b >> 4) * 2048 + (b & 15) - 8 * 2049
//   0xC0..0xFD  run of tag - 0xC0 + 65 copies
//   0xFE        literal: two bytes, big-endian
//   0xFF        reserved (corrupt)
// Arithmetic is modulo 2^16; the encoder only emits deltas that keep every channel in range.
#include "codec_decoders.h"
#include "pixel_store.h"
#include "predict_tables.h"

namespace tfts {
namespace client {
namespace {

const uint8_t kRunShortEnd = 0x40;
const uint8_t kDiffEnd = 0x80;
const uint8_t kLumaEnd = 0xC0;
const uint8_t kLiteral = 0xFE;
const uint8_t kReserved = 0xFF;
const uint32_t kLumaBias = 8 * 2049;

inline uint16_t to_token(uint16_t v) {
  uint8_t b[2] = {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
  return load_token(b);
}

}  // namespace

bool decode_predict(const uint8_t* in, size_t len, StripWriter& out) {
  const uint8_t* const end = in + len;
  // 32 bits, never masked: only bits 0..15 are ever stored (two byte stores), and modular
  // arithmetic keeps those right. Saves the zero-extension per pixel on rv32.
  uint32_t v = 0;
  uint8_t* p = out.p;
  uint8_t* p_end = out.end;
  bool done = false;
  while (in < end && !done) {
    const unsigned tag = *in++;
    // Most frequent first: DIFF and LUMA carry photographic content, runs are rarer per byte.
    const unsigned delta_op = tag - kRunShortEnd;
    if (delta_op < kDiffEnd - kRunShortEnd) {
      v += kPredictDiff[delta_op];
    } else if (delta_op < kLumaEnd - kRunShortEnd) {
      if (in == end) return false;
      const unsigned b = *in++;
      v += kPredictLumaGreen[tag - kDiffEnd] + ((b >> 4) << 11) + (b & 15u) - kLumaBias;
    } else if (tag == kLiteral) {
      if (end - in < 2) return false;
      v = static_cast<uint32_t>((in[0] << 8) | in[1]);
      in += 2;
    } else if (tag == kReserved) {
      return false;
    } else {
      size_t run = tag < kRunShortEnd ? tag + 1u : tag - kLumaEnd + 65u;
      const uint16_t token = to_token(static_cast<uint16_t>(v));
      while (run > 0) {
        size_t room = static_cast<size_t>(p_end - p) / 2;
        size_t k = run < room ? run : room;
        p = fill_tokens(p, k, token);
        run -= k;
        if (p == p_end) {
          out.p = p;
          done = !out.flush();
          if (done) break;
          p = out.p;
          p_end = out.end;
        }
      }
      if (run > 0) return false;  // a run past the last pixel
      continue;
    }
    p[0] = static_cast<uint8_t>(v >> 8);
    p[1] = static_cast<uint8_t>(v);
    p += 2;
    if (p == p_end) {
      out.p = p;
      done = !out.flush();
      p = out.p;
      p_end = out.end;
    }
  }
  // Exactly the rectangle's pixels from exactly the payload's bytes.
  out.p = p;
  return in == end && out.complete();
}

}  // namespace client
}  // namespace tfts
