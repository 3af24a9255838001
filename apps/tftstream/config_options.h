// Command-line options that build a ServerConfig: the TOML file, then flags over it. Shared by
// `serve` and `render`, so both see exactly the same configuration.
#pragma once

#include <string>
#include <vector>

#include "tfts/config/config_loader.h"

namespace tfts::app {

struct ConfigOptions {
  std::string config_file;             // TOML; empty = defaults
  std::vector<std::string> overrides;  // "key=value", applied after the file
  std::string source;                  // shortcut for the default screen's source
  int port = -1;                       // -1 = from the config
  int http_port = -1;
  bool legacy = false;                 // shortcut for legacy.enabled=true
};

config::LoadResult load_config(const ConfigOptions& options);

// Prints warnings and errors to stderr prefixed with `command`; true when the config is usable.
bool report(const config::LoadResult& result, const char* command);

}  // namespace tfts::app
