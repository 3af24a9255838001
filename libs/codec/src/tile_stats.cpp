#include "tfts/codec/tile_stats.h"

#include <limits>

#include "tfts/codec/tile_encoders.h"

namespace tfts::codec {
namespace {

constexpr size_t kCannot = std::numeric_limits<size_t>::max();

size_t& bytes_of(TileStats& s, proto::Codec c) {
  return s.payload_bytes[static_cast<size_t>(c)];
}

}  // namespace

void analyse_tile(core::PlaneView<const uint16_t> tile, TileStats& s) {
  s.width = tile.width;
  s.height = tile.height;
  s.runs.clear();
  s.colour_count = 0;
  for (int y = 0; y < tile.height; ++y) {
    const uint16_t* row = tile.row(y);
    for (int x = 0; x < tile.width; ++x) {
      if (!s.runs.empty() && s.runs.back().value == row[x]) {
        ++s.runs.back().length;
        continue;
      }
      s.runs.push_back({row[x], 1});
      if (s.colour_count <= kMaxPaletteColours && palette_index(s, row[x]) < 0) {
        if (s.colour_count < kMaxPaletteColours) s.palette[static_cast<size_t>(s.colour_count)] = row[x];
        ++s.colour_count;
      }
    }
  }
  s.payload_bytes.fill(kCannot);
  const size_t px = static_cast<size_t>(s.pixels());
  bytes_of(s, proto::Codec::raw) = px * 2;
  if (s.colour_count == 1) bytes_of(s, proto::Codec::fill) = 2;
  CountingWriter rle, pred;
  encode_rle(s, rle);
  encode_predict(s, pred);
  bytes_of(s, proto::Codec::rle) = rle.size();
  bytes_of(s, proto::Codec::predict) = pred.size();
  if (s.colour_count <= kMaxPaletteColours) {
    CountingWriter prle;
    encode_palette_rle(s, prle);
    bytes_of(s, proto::Codec::palette_rle) = prle.size();
    if (s.colour_count >= 2) {
      const size_t bits = s.colour_count <= 2 ? 1 : (s.colour_count <= 4 ? 2 : 4);
      const size_t row_bytes = (static_cast<size_t>(s.width) * bits + 7) / 8;
      bytes_of(s, proto::Codec::palette) =
          1 + 2 * static_cast<size_t>(s.colour_count) + row_bytes * static_cast<size_t>(s.height);
    }
  }
}

}  // namespace tfts::codec
