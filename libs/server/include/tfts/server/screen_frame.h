// One target frame of a screen at one display size: what every display of that size on the
// screen should show. Immutable once published, shared by all sessions (shared_ptr).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "tfts/core/plane.h"
#include "tfts/pipeline/tile_mask.h"

namespace tfts::server {

using Clock = std::chrono::steady_clock;

struct ScreenFrame {
  uint64_t id = 0;                  // counts up from 1 per feed; 0 never names a frame
  core::Rgb565Plane target;         // the display-sized RGB565 picture
  pipeline::TileMask damage;        // tiles that differ from frame id - 1 (all, for id 1)
  Clock::time_point captured;       // when the source picture was grabbed
};

using ScreenFramePtr = std::shared_ptr<const ScreenFrame>;

}  // namespace tfts::server
