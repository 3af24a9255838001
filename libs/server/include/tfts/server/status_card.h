// The picture a screen shows while its source fails (a window closed, no X display, an
// unreachable Prometheus): which screen, what is wrong in words, and for how long, so a panel
// says what is going on instead of freezing on its last frame.
#pragma once

#include <string>

#include "tfts/core/plane.h"

namespace tfts::server {

// Renders the card into `out` (resized to width x height). Deterministic for equal inputs.
void render_status_card(core::RgbPlane& out, int width, int height, const std::string& screen,
                        const std::string& message, int seconds_failing);

}  // namespace tfts::server
