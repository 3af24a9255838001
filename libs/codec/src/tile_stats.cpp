#include "tfts/codec/tile_stats.h"

#include <limits>


namespace tfts::codec {
namespace {

constexpr size_t kCannot = std::numeric_limits<size_t>::max();

size_t& bytes_of(TileStats& s, proto::Codec c) {
  return s.payload_bytes[static_cast<size_t>(c)];
}

// Exact sizes straight from the runs, the same arithmetic as the encoders
// without producing bytes (the round-trip tests check that the two always agree).
size_t rle_size(const std::vector<Run>& runs) {
  size_t bytes = 0, literals = 0;
  for (const Run& r : runs) {
    const uint32_t items = r.length / 128 + (r.length % 128 >= 2 ? 1 : 0);
    if (items > 0 && literals > 0) {
      bytes += (literals + 127) / 128 + 2 * literals;
      literals = 0;
    }
    bytes += 3 * static_cast<size_t>(items);
    if (r.length % 128 == 1) ++literals;
  }
  return bytes + (literals + 127) / 128 + 2 * literals;
}

// PALETTE_RLE: the colour table, then one byte per run of up to 15 and two up to 271.
size_t palette_rle_size(const TileStats& s) {
  size_t bytes = 1 + 2 * static_cast<size_t>(s.colour_count);
  for (const Run& r : s.runs) {
    const uint32_t full = r.length / 271, rest = r.length % 271;
    bytes += 2 * static_cast<size_t>(full) + (rest == 0 ? 0 : rest <= 15 ? 1 : 2);
  }
  return bytes;
}

size_t predict_step_size(uint16_t prev, uint16_t next) {
  const int dr = static_cast<int>(next >> 11) - static_cast<int>(prev >> 11);
  const int dg = static_cast<int>((next >> 5) & 63) - static_cast<int>((prev >> 5) & 63);
  const int db = static_cast<int>(next & 31) - static_cast<int>(prev & 31);
  if (static_cast<unsigned>(dr + 2) < 4 && static_cast<unsigned>(dg + 2) < 4 &&
      static_cast<unsigned>(db + 2) < 4)
    return 1;
  const int half = dg >> 1;
  if (static_cast<unsigned>(dg + 32) < 64 && static_cast<unsigned>(dr - half + 8) < 16 &&
      static_cast<unsigned>(db - half + 8) < 16)
    return 2;
  return 3;
}

size_t predict_size(const std::vector<Run>& runs) {
  size_t bytes = 0;
  uint16_t prev = 0;
  for (const Run& r : runs) {
    uint32_t n = r.length;
    if (r.value != prev) {
      bytes += predict_step_size(prev, r.value);
      prev = r.value;
      --n;
    }
    bytes += (n + 125) / 126;
  }
  return bytes;
}

}  // namespace

void analyse_tile(core::PlaneView<const uint16_t> tile, TileStats& s) {
  s.width = tile.width;
  s.height = tile.height;
  s.colour_count = 0;
  // Branch-free run building: photographic tiles change value at nearly every pixel, and a
  // branch per pixel there mispredicts half the time. Each pixel stores its value and the end
  // of its run into slot k; k moves on only where the value changes. Lengths follow from ends.
  thread_local std::vector<Run> scratch;
  const size_t pixels = static_cast<size_t>(s.pixels());
  if (scratch.size() < pixels + 1) scratch.resize(pixels + 1);
  Run* runs = scratch.data();
  size_t k = 0;
  uint32_t end = 0;
  uint16_t prev = tile.row(0)[0];
  for (int y = 0; y < tile.height; ++y) {
    const uint16_t* row = tile.row(y);
    for (int x = 0; x < tile.width; ++x) {
      const uint16_t v = row[x];
      k += v != prev;
      runs[k].value = v;
      runs[k].length = ++end;
      prev = v;
    }
  }
  s.runs.assign(runs, runs + k + 1);
  uint32_t start = 0;
  for (Run& r : s.runs) {
    const uint32_t run_end = r.length;
    r.length = run_end - start;
    start = run_end;
    if (s.colour_count <= kMaxPaletteColours && palette_index(s, r.value) < 0) {
      if (s.colour_count < kMaxPaletteColours) s.palette[static_cast<size_t>(s.colour_count)] = r.value;
      ++s.colour_count;
    }
  }
  s.payload_bytes.fill(kCannot);
  const size_t px = static_cast<size_t>(s.pixels());
  bytes_of(s, proto::Codec::raw) = px * 2;
  if (s.colour_count == 1) bytes_of(s, proto::Codec::fill) = 2;
  bytes_of(s, proto::Codec::rle) = rle_size(s.runs);
  bytes_of(s, proto::Codec::predict) = predict_size(s.runs);
  if (s.colour_count <= kMaxPaletteColours) {
    bytes_of(s, proto::Codec::palette_rle) = palette_rle_size(s);
    if (s.colour_count >= 2) {
      const size_t bits = s.colour_count <= 2 ? 1 : (s.colour_count <= 4 ? 2 : 4);
      const size_t row_bytes = (static_cast<size_t>(s.width) * bits + 7) / 8;
      bytes_of(s, proto::Codec::palette) =
          1 + 2 * static_cast<size_t>(s.colour_count) + row_bytes * static_cast<size_t>(s.height);
    }
  }
}

}  // namespace tfts::codec
