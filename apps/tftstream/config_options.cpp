#include "config_options.h"

#include <cstdio>

namespace tfts::app {

config::LoadResult load_config(const ConfigOptions& o) {
  std::vector<std::string> overrides = o.overrides;
  if (o.port >= 0) overrides.push_back("server.port=" + std::to_string(o.port));
  if (o.http_port >= 0) overrides.push_back("server.http_port=" + std::to_string(o.http_port));
  if (o.legacy) overrides.push_back("legacy.enabled=true");
  config::LoadResult r = config::load_config(o.config_file, overrides);
  if (r.ok() && !o.source.empty()) {
    // --source names the default screen's source, whatever the config calls that screen.
    overrides.push_back("screens." + r.config.default_screen + ".source=" + o.source);
    r = config::load_config(o.config_file, overrides);
  }
  return r;
}

bool report(const config::LoadResult& r, const char* command) {
  for (const auto& w : r.warnings) std::fprintf(stderr, "tftstream %s: warning: %s\n", command, w.c_str());
  for (const auto& e : r.errors) std::fprintf(stderr, "tftstream %s: error: %s\n", command, e.c_str());
  if (!r.ok()) {
    std::fprintf(stderr, "tftstream %s: %zu configuration error(s); nothing started\n", command,
                 r.errors.size());
  }
  return r.ok();
}

}  // namespace tfts::app
