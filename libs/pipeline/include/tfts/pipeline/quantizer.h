// 8-bit RGB to RGB565, rounded to nearest, with optional 4x4 ordered (Bayer) dithering.
// Ordered dithering depends only on the pixel position, so a still image quantizes to the same
// values every frame: nothing flickers and the damage tracker sees no change.
#pragma once

#include <array>
#include <cstdint>

#include "tfts/core/plane.h"

namespace tfts::pipeline {

class Quantizer {
 public:
  explicit Quantizer(bool dither);
  // `dst` must have the size of `src`.
  void quantize(core::PlaneView<const uint32_t> src, core::PlaneView<uint16_t> dst) const;

 private:
  void quantize_plain(core::PlaneView<const uint32_t> src, core::PlaneView<uint16_t> dst) const;
  bool dither_;
  // Pre-shifted channel tables: 565 value = r_[r] | g_[g] | b_[b].
  std::array<uint16_t, 256> r_{}, g_{}, b_{};
};

}  // namespace tfts::pipeline
