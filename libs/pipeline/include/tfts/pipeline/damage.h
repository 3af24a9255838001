// Damage: where the target frame differs from what a display holds (its shadow framebuffer).
// Principle 1 of the design: diff against the display, not against the previous source frame,
// so nothing is ever lost below a threshold and a still source converges to exact.
#pragma once

#include <cstdint>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/core/rect.h"

namespace tfts::pipeline {

class TileMask;

inline constexpr int kTileSize = 16;  // damage granularity; also the encoder's tile

// Appends to `out` one rectangle per changed 16x16 tile: the tight bounds of the pixels whose
// error exceeds `max_error` (in 8-bit channel units; 0 = any difference). Tiles are visited in
// raster order. `target` and `shadow` have the same size. With `candidates`, only the tiles it
// holds are compared (the caller knows the others are equal); it has the frames' size.
void collect_damage(core::PlaneView<const uint16_t> target, core::PlaneView<const uint16_t> shadow,
                    int max_error, std::vector<core::Rect>& out,
                    const TileMask* candidates = nullptr);

// True when some channel of a and b differs by more than max_error (8-bit units).
bool exceeds_error(uint16_t a, uint16_t b, int max_error);

}  // namespace tfts::pipeline
