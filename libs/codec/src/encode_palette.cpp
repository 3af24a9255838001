// PALETTE (§4.4, packed indices) and PALETTE_RLE (§4.5, runs of indices).
#include "tfts/codec/tile_encoders.h"

namespace tfts::codec {
namespace {

constexpr uint32_t kShortRunMax = 15;        // item low nibble 0..14 -> run 1..15
constexpr uint32_t kLongRunMax = 16 + 255;   // nibble 15 + byte -> run 16..271

void write_palette(const TileStats& s, VectorWriter& w) {
  w.u8(static_cast<uint8_t>(s.colour_count));
  for (int i = 0; i < s.colour_count; ++i) w.be16(s.palette[static_cast<size_t>(i)]);
}

}  // namespace

int palette_index(const TileStats& stats, uint16_t value) {
  for (int i = 0; i < stats.colour_count && i < kMaxPaletteColours; ++i) {
    if (stats.palette[static_cast<size_t>(i)] == value) return i;
  }
  return -1;
}

void encode_palette_rle(const TileStats& s, VectorWriter& w) {
  write_palette(s, w);
  for (const Run& r : s.runs) {
    const auto idx = static_cast<uint8_t>(palette_index(s, r.value) << 4);
    uint32_t left = r.length;
    while (left > 0) {
      const uint32_t n = std::min(left, kLongRunMax);
      if (n <= kShortRunMax) {
        w.u8(static_cast<uint8_t>(idx | (n - 1)));
      } else {
        w.u8(static_cast<uint8_t>(idx | 15));
        w.u8(static_cast<uint8_t>(n - 16));
      }
      left -= n;
    }
  }
}

void encode_palette(core::PlaneView<const uint16_t> tile, const TileStats& s, VectorWriter& w) {
  write_palette(s, w);
  const unsigned bits = s.colour_count <= 2 ? 1u : (s.colour_count <= 4 ? 2u : 4u);
  for (int y = 0; y < tile.height; ++y) {
    const uint16_t* row = tile.row(y);
    unsigned acc = 0, filled = 0;
    for (int x = 0; x < tile.width; ++x) {
      acc = (acc << bits) | static_cast<unsigned>(palette_index(s, row[x]));
      filled += bits;
      if (filled == 8) {
        w.u8(static_cast<uint8_t>(acc));
        acc = filled = 0;
      }
    }
    if (filled > 0) w.u8(static_cast<uint8_t>(acc << (8 - filled)));
  }
}


}  // namespace tfts::codec
