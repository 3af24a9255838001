// RGB565 <-> 8-bit channel conversions used by the pipeline, the tests and the PNG writer.
#pragma once

#include <cstdint>

namespace tfts::core {

constexpr uint16_t pack565(unsigned r5, unsigned g6, unsigned b5) {
  return static_cast<uint16_t>((r5 << 11) | (g6 << 5) | b5);
}
constexpr unsigned red5(uint16_t v) { return v >> 11; }
constexpr unsigned green6(uint16_t v) { return (v >> 5) & 63u; }
constexpr unsigned blue5(uint16_t v) { return v & 31u; }

// Expands by bit replication, which maps 0 -> 0 and full scale -> 255.
constexpr uint32_t expand565(uint16_t v) {
  unsigned r = red5(v), g = green6(v), b = blue5(v);
  return ((r << 3 | r >> 2) << 16) | ((g << 2 | g >> 4) << 8) | (b << 3 | b >> 2);
}

// Nearest 565 value to an 8-bit colour (rounded, not truncated: truncation costs ~6 dB).
constexpr uint16_t nearest565(uint32_t rgb) {
  unsigned r = (rgb >> 16) & 255u, g = (rgb >> 8) & 255u, b = rgb & 255u;
  return pack565((r * 31 + 127) / 255, (g * 63 + 127) / 255, (b * 31 + 127) / 255);
}

}  // namespace tfts::core
