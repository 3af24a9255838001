#include "tfts/pipeline/tile_mask.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace tfts::pipeline {

TileMask::TileMask(int width, int height)
    : width_(width),
      height_(height),
      cols_((width + kTileSize - 1) / kTileSize),
      rows_((height + kTileSize - 1) / kTileSize),
      tiles_(static_cast<size_t>(cols_) * static_cast<size_t>(rows_), 0) {}

void TileMask::set_all() { std::fill(tiles_.begin(), tiles_.end(), uint8_t{1}); }
void TileMask::clear() { std::fill(tiles_.begin(), tiles_.end(), uint8_t{0}); }

bool TileMask::any() const {
  return std::any_of(tiles_.begin(), tiles_.end(), [](uint8_t t) { return t != 0; });
}

int TileMask::count() const {
  return static_cast<int>(std::count(tiles_.begin(), tiles_.end(), uint8_t{1}));
}

bool TileMask::row_any(int row) const {
  const auto first = tiles_.begin() + static_cast<std::ptrdiff_t>(index(0, row));
  return std::any_of(first, first + cols_, [](uint8_t t) { return t != 0; });
}

TileMask& TileMask::operator|=(const TileMask& other) {
  assert(other.width_ == width_ && other.height_ == height_);
  for (size_t i = 0; i < tiles_.size(); ++i) tiles_[i] |= other.tiles_[i];
  return *this;
}

void mark_changed_tiles(core::PlaneView<const uint16_t> a, core::PlaneView<const uint16_t> b,
                        TileMask& mask) {
  assert(a.width == b.width && a.height == b.height);
  assert(mask.width() == a.width && mask.height() == a.height);
  for (int row = 0; row < mask.rows(); ++row) {
    const int y0 = row * kTileSize, y1 = std::min(y0 + kTileSize, a.height);
    // Most rows are unchanged between frames: one memcmp per row decides that.
    for (int y = y0; y < y1; ++y) {
      if (std::memcmp(a.row(y), b.row(y), static_cast<size_t>(a.width) * 2) == 0) continue;
      for (int col = 0; col < mask.cols(); ++col) {
        if (mask.test(col, row)) continue;
        const int x0 = col * kTileSize, w = std::min(kTileSize, a.width - x0);
        if (std::memcmp(a.row(y) + x0, b.row(y) + x0, static_cast<size_t>(w) * 2) != 0) {
          mask.set(col, row);
        }
      }
    }
  }
}

}  // namespace tfts::pipeline
