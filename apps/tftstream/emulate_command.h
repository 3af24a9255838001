// `tftstream emulate`: a virtual display that speaks exactly what a board speaks.
#pragma once

#include <string>

#include "tfts/sim/tcp_device.h"
#include "tfts/sim/tcp_display.h"

namespace tfts::app {

struct EmulateOptions {
  std::string role = "display";  // display, viewer or source
  sim::TcpDisplayOptions display;
  sim::TcpDeviceOptions device;   // role source: strip rows, fps (host, port, name from display)
  std::string frames_dir;         // role source: the pictures
  std::string out_png;     // the framebuffer at the end
  std::string stats_json;  // frames, bytes, fps, latency percentiles
};

int run_emulate(const EmulateOptions& options);

}  // namespace tfts::app
