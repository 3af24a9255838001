// One analysis pass over a rectangle of the target (design principle 6): its runs in raster
// order, its colours (up to 16) and the exact payload size of every codec. The chooser decides
// from these numbers alone; the encoders reuse the runs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/proto/wire.h"

namespace tfts::codec {

struct Run {
  uint16_t value;   // native RGB565
  uint32_t length;  // >= 1
};

inline constexpr int kMaxPaletteColours = 16;

struct TileStats {
  int width = 0;
  int height = 0;
  std::vector<Run> runs;  // maximal runs; consecutive runs differ in value
  int colour_count = 0;   // distinct colours, or kMaxPaletteColours + 1 for "more than 16"
  std::array<uint16_t, kMaxPaletteColours> palette{};
  // Exact payload bytes per codec, indexed by codec id; SIZE_MAX where the codec cannot encode
  // this rectangle (palette with more than 16 colours, fill with more than one, copy always).
  std::array<size_t, proto::kCodecCount> payload_bytes{};

  long pixels() const { return static_cast<long>(width) * height; }
};

// Fills `stats` for `tile`, reusing its run storage.
void analyse_tile(core::PlaneView<const uint16_t> tile, TileStats& stats);

// Index of `value` in the palette, or -1.
int palette_index(const TileStats& stats, uint16_t value);

}  // namespace tfts::codec
