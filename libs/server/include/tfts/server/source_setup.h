// From a screen's configuration to the SourceSpec that builds its source: the spec string,
// rates, and the theme resolved from a built-in name or a [themes.NAME] table. Used by the
// server and by `tftstream render`, so both build exactly the same source.
#pragma once

#include <optional>
#include <string>

#include "tfts/config/server_config.h"
#include "tfts/source/source_factory.h"

namespace tfts::server {

// Returns nothing and a sentence in `error` when the screen's theme cannot be built.
std::optional<source::SourceSpec> source_spec_for(const config::ServerConfig& config,
                                                  const config::ScreenConfig& screen,
                                                  std::string& error);

// The draw::Theme for a theme name: a built-in one, or a [themes.NAME] table over its base.
std::optional<draw::Theme> theme_for(const config::ServerConfig& config, const std::string& name,
                                     std::string& error);

}  // namespace tfts::server
