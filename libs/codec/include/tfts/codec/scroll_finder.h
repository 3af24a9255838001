// Finds a vertical scroll between what the display holds (shadow) and the new target: a band of
// full-width rows that the display can move with one COPY rectangle instead of receiving them
// again (the terminal workload scrolls one text line per frame). Only for framebuffer displays.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "tfts/core/plane.h"

namespace tfts::codec {

struct Scroll {
  int top = 0;     // first target row of the band
  int height = 0;  // rows in the band
  int dy = 0;      // target row y shows shadow row y + dy
};

class ScrollFinder {
 public:
  // A band is reported only when it spans at least this many informative rows.
  static constexpr int kMinRows = 8;

  // The largest band of target rows equal to shadow rows shifted by one dy != 0, or nothing.
  // Rows of a single colour match anywhere and do not vote. Reuses its buffers between calls.
  std::optional<Scroll> find(core::PlaneView<const uint16_t> target,
                             core::PlaneView<const uint16_t> shadow);

 private:
  std::vector<uint64_t> target_hash_, shadow_hash_;
  std::vector<int> votes_;
};

}  // namespace tfts::codec
