// Moves values between the schema and ServerConfig through each entry's Field. Internal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tfts/config/server_config.h"
#include "value.h"

namespace tfts::config {

// Checks `value` against `entry` (check_value) and, when it passes, stores it. For screen
// entries `screen` names the screen, which is created (ensure_screen) if missing. Returns the
// problems; on any, the config is left unchanged.
std::vector<std::string> set_checked(const SchemaEntry& entry, const Value& value,
                                     ServerConfig& config, std::string_view screen);

// The current value. For screen entries `screen` must exist in config.screens.
Value get_value(const SchemaEntry& entry, const ServerConfig& config, std::string_view screen);

// The schema's defaults for every server and legacy key; screens are left as they are.
void apply_defaults(ServerConfig& config);

// The screen called `name`, created with the schema's screen defaults if it does not exist.
ScreenConfig& ensure_screen(ServerConfig& config, std::string_view name);

}  // namespace tfts::config
