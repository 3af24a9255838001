// `tftstream render`: what a screen sends a display of a given size, as a PNG, without a
// server or a display: the source sampled at a time, through the same ScreenFeed the server
// uses (crop, resize, colour, RGB565, rotation). For previews, tests and benchmarks.
#pragma once

#include <string>

#include "config_options.h"

namespace tfts::app {

struct RenderOptions {
  ConfigOptions config;
  std::string screen;    // empty = the default screen
  int width = 320;
  int height = 240;
  double seconds = 0;    // source time to sample at (an images source played once ends on its
                         // last file for any time past its end)
  std::string out_png;
  // Dashboards: evaluate the queries at this Unix time (0: now), so a picture can be compared
  // with Prometheus' own answer for that instant.
  double at_unix = 0;
  std::string state_json;  // write the source's state (fetched values, errors) here as JSON
};

int run_render(const RenderOptions& options);

}  // namespace tfts::app
