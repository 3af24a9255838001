// Gamma and white balance as per-channel 256-entry lookup tables, applied in place.
#pragma once

#include <array>
#include <cstdint>

#include "tfts/core/plane.h"

namespace tfts::pipeline {

struct ColorParams {
  double gamma = 1.0;                // output = input^(1/gamma); 1.0 leaves values alone
  double gain_r = 1.0, gain_g = 1.0, gain_b = 1.0;  // white balance, applied after gamma
  bool operator==(const ColorParams&) const = default;
};

class ColorLut {
 public:
  explicit ColorLut(const ColorParams& params);
  bool is_identity() const { return identity_; }
  // Rewrites every pixel of `img` (0x00RRGGBB). Does nothing for the identity.
  void apply(core::PlaneView<uint32_t> img) const;
  uint32_t map(uint32_t rgb) const {
    return (uint32_t{r_[(rgb >> 16) & 255u]} << 16) | (uint32_t{g_[(rgb >> 8) & 255u]} << 8) |
           b_[rgb & 255u];
  }

 private:
  std::array<uint8_t, 256> r_{}, g_{}, b_{};
  bool identity_ = true;
};

}  // namespace tfts::pipeline
