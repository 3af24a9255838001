// Downscaling (and upscaling) by area averaging: each output pixel is the mean of the source
// area it covers, so thin text strokes fade instead of aliasing away. Integer ratios take an
// exact, rounded box-sum path; other ratios use 16-bit fixed-point coverage weights.
#pragma once

#include <cstdint>

#include "tfts/core/plane.h"

namespace tfts::pipeline {

// Fills all of `dst` from all of `src` (0x00RRGGBB). Views must not overlap.
void resize_area(core::PlaneView<const uint32_t> src, core::PlaneView<uint32_t> dst);

}  // namespace tfts::pipeline
