#include "tfts/pipeline/color_lut.h"

#include <algorithm>
#include <cmath>

namespace tfts::pipeline {
namespace {

std::array<uint8_t, 256> make_table(double gamma, double gain) {
  std::array<uint8_t, 256> t{};
  for (int i = 0; i < 256; ++i) {
    double v = std::pow(i / 255.0, 1.0 / gamma) * gain;
    t[static_cast<size_t>(i)] = static_cast<uint8_t>(std::clamp(std::lround(v * 255.0), 0L, 255L));
  }
  return t;
}

}  // namespace

ColorLut::ColorLut(const ColorParams& p)
    : r_(make_table(p.gamma, p.gain_r)),
      g_(make_table(p.gamma, p.gain_g)),
      b_(make_table(p.gamma, p.gain_b)) {
  for (int i = 0; i < 256 && identity_; ++i) {
    const auto u = static_cast<size_t>(i);
    identity_ = r_[u] == i && g_[u] == i && b_[u] == i;
  }
}

void ColorLut::apply(core::PlaneView<uint32_t> img) const {
  if (identity_) return;
  for (int y = 0; y < img.height; ++y) {
    uint32_t* row = img.row(y);
    for (int x = 0; x < img.width; ++x) row[x] = map(row[x]);
  }
}

}  // namespace tfts::pipeline
