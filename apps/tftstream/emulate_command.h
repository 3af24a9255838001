// `tftstream emulate`: a virtual display that speaks exactly what a board speaks.
#pragma once

#include <string>

#include "tfts/sim/tcp_display.h"

namespace tfts::app {

struct EmulateOptions {
  sim::TcpDisplayOptions display;
  std::string out_png;     // the framebuffer at the end
  std::string stats_json;  // frames, bytes, fps, latency percentiles
};

int run_emulate(const EmulateOptions& options);

}  // namespace tfts::app
