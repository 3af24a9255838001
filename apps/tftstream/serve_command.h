// `tftstream serve`: the streaming server until SIGINT/SIGTERM (or --seconds).
#pragma once

#include <string>

#include "config_options.h"

namespace tfts::app {

struct ServeOptions {
  ConfigOptions config;
  double seconds = 0;                // stop after this long; 0 = run until a signal
  std::string stats_json;             // the server's status (sessions, latency) at the end
  std::string ready_file;            // written as JSON with the bound ports once listening
};

int run_serve(const ServeOptions& options);

}  // namespace tfts::app
