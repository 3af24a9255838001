// paint_test_card: the test card's drawing, kept apart from TestCardSource so the source holds
// only timing and the picture stays a pure function of TestCardState.
#pragma once

#include <cstdint>
#include <string>

#include "tfts/core/plane.h"

namespace tfts::source {

struct TestCardState {
  double elapsed_s = 0;  // since the source's first grab; drives the ball
  int64_t frame = 0;     // frame number shown on the card
  int hour = 0;          // wall clock (local time) shown on the card
  int minute = 0;
  int second = 0;
};

// Paints the card into `frame`, reallocating it to width x height when its size differs.
// Returns false and a sentence in `error` when Cairo fails (out of memory); `frame` is then
// partly painted.
[[nodiscard]] bool paint_test_card(core::RgbPlane& frame, int width, int height,
                                   const TestCardState& state, std::string& error);

}  // namespace tfts::source
