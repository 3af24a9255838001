// RLE (§4.3): runs of two or more become run items (up to 128); single pixels gather into
// literal items (up to 128 pixels).
#include <cstddef>

#include "tfts/codec/tile_encoders.h"

namespace tfts::codec {
namespace {

constexpr uint32_t kMaxItem = 128;

void flush_literals(const std::vector<uint16_t>& lits, VectorWriter& w) {
  for (size_t i = 0; i < lits.size(); i += kMaxItem) {
    const size_t n = std::min<size_t>(kMaxItem, lits.size() - i);
    w.u8(static_cast<uint8_t>(n - 1));
    for (size_t k = 0; k < n; ++k) w.be16(lits[i + k]);
  }
}

}  // namespace

void encode_rle(const TileStats& s, VectorWriter& w) {
  thread_local std::vector<uint16_t> lits;
  lits.clear();
  for (const Run& r : s.runs) {
    uint32_t left = r.length;
    while (left >= 2) {
      flush_literals(lits, w);
      lits.clear();
      const uint32_t n = std::min(left, kMaxItem);
      w.u8(static_cast<uint8_t>(0x80 | (n - 1)));
      w.be16(r.value);
      left -= n;
    }
    if (left == 1) lits.push_back(r.value);
  }
  flush_literals(lits, w);
}


}  // namespace tfts::codec
