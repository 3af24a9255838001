// A set of 16x16 tiles of a frame: where something may have changed. The screen marks the tiles
// that changed between two pipeline frames once (design principle 2); every session ORs that into
// its own mask and later compares only those tiles against its shadow framebuffer.
#pragma once

#include <cstdint>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/pipeline/damage.h"

namespace tfts::pipeline {

class TileMask {
 public:
  TileMask() = default;
  // A mask for a frame of width x height pixels, all tiles clear.
  TileMask(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }
  int cols() const { return cols_; }
  int rows() const { return rows_; }

  bool test(int col, int row) const { return tiles_[index(col, row)] != 0; }
  void set(int col, int row) { tiles_[index(col, row)] = 1; }
  void set_all();
  void clear();
  bool any() const;
  int count() const;
  // True when some tile of tile row `row` is set.
  bool row_any(int row) const;

  // Adds the tiles of `other`, which must have the same frame size.
  TileMask& operator|=(const TileMask& other);
  bool operator==(const TileMask&) const = default;

 private:
  size_t index(int col, int row) const { return static_cast<size_t>(row) * cols_ + col; }

  int width_ = 0, height_ = 0, cols_ = 0, rows_ = 0;
  std::vector<uint8_t> tiles_;  // one byte per tile: a few hundred tiles, byte access is fastest
};

// Sets in `mask` (same size as the frames) every tile where `a` and `b` differ in any pixel.
void mark_changed_tiles(core::PlaneView<const uint16_t> a, core::PlaneView<const uint16_t> b,
                        TileMask& mask);

}  // namespace tfts::pipeline
