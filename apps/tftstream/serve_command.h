// `tftstream serve`: the streaming server until SIGINT/SIGTERM (or --seconds).
#pragma once

#include <string>
#include <vector>

namespace tfts::app {

struct ServeOptions {
  std::string config_file;           // TOML; empty = defaults
  std::vector<std::string> overrides;  // "key=value", applied after the file
  std::string source;                // shortcut for the default screen's source
  int port = -1;                     // -1 = from the config
  int http_port = -1;
  bool legacy = false;               // shortcut for legacy.enabled=true
  double seconds = 0;                // stop after this long; 0 = run until a signal
  std::string ready_file;            // written as JSON with the bound ports once listening
};

int run_serve(const ServeOptions& options);

}  // namespace tfts::app
