// Applies a parsed TOML document to a ServerConfig through the schema. Internal.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

#include "tfts/config/config_loader.h"

namespace tfts::config {

// "origin:line:column: " (gcc style, so editors jump to it); "origin: " when the region is
// unknown (tables that exist only through dotted keys have none).
std::string location_prefix(std::string_view origin, const toml::source_region& region);

// Stores every known key of `document` into `config`. Type and range errors, misplaced tables
// and bad screen or theme names become errors; unknown keys become warnings. Every message starts
// with location_prefix(). Keys with errors keep their previous value. Never stops early.
void read_toml(const toml::table& document, std::string_view origin, ServerConfig& config,
               LoadResult& out);

}  // namespace tfts::config
