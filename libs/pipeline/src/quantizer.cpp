#include "tfts/pipeline/quantizer.h"

#include <algorithm>

#include "tfts/core/rgb565.h"

namespace tfts::pipeline {
namespace {

// 4x4 Bayer matrix, values 0..15.
constexpr int kBayer[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};

// Offset in 1/16 of a quantization step, centred on zero.
int dither_offset(int x, int y, int step) {
  return ((2 * kBayer[y & 3][x & 3] + 1 - 16) * step) / 32;
}

// The code whose bit-replicated expansion (what a panel shows) is nearest to v: slightly
// better than round(v * max / 255), which ignores how the panel expands the code.
unsigned nearest_code(unsigned v, unsigned bits) {
  unsigned best = 0, best_err = 256;
  for (unsigned c = 0; c < (1u << bits); ++c) {
    const unsigned e = (c << (8 - bits)) | (c >> (2 * bits - 8));
    const unsigned err = e > v ? e - v : v - e;
    if (err < best_err) {
      best = c;
      best_err = err;
    }
  }
  return best;
}

}  // namespace

Quantizer::Quantizer(bool dither) : dither_(dither) {
  for (unsigned i = 0; i < 256; ++i) {
    r_[i] = static_cast<uint16_t>(nearest_code(i, 5) << 11);
    g_[i] = static_cast<uint16_t>(nearest_code(i, 6) << 5);
    b_[i] = static_cast<uint16_t>(nearest_code(i, 5));
  }
}

void Quantizer::quantize_plain(core::PlaneView<const uint32_t> src,
                               core::PlaneView<uint16_t> dst) const {
  for (int y = 0; y < src.height; ++y) {
    const uint32_t* s = src.row(y);
    uint16_t* d = dst.row(y);
    for (int x = 0; x < src.width; ++x) {
      const uint32_t p = s[x];
      d[x] = static_cast<uint16_t>(r_[(p >> 16) & 255u] | g_[(p >> 8) & 255u] | b_[p & 255u]);
    }
  }
}

void Quantizer::quantize(core::PlaneView<const uint32_t> src,
                         core::PlaneView<uint16_t> dst) const {
  if (!dither_) return quantize_plain(src, dst);
  for (int y = 0; y < src.height; ++y) {
    const uint32_t* s = src.row(y);
    uint16_t* d = dst.row(y);
    for (int x = 0; x < src.width; ++x) {
      const uint32_t p = s[x];
      const int o5 = dither_offset(x, y, 8), o6 = dither_offset(x, y, 4);
      const auto ch = [](uint32_t v, int o) {
        return static_cast<size_t>(std::clamp(static_cast<int>(v & 255u) + o, 0, 255));
      };
      d[x] = static_cast<uint16_t>(r_[ch(p >> 16, o5)] | g_[ch(p >> 8, o6)] | b_[ch(p, o5)]);
    }
  }
}

}  // namespace tfts::pipeline
