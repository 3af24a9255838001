// Moves values between the schema and ServerConfig through each entry's Field. Internal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tfts/config/server_config.h"
#include "value.h"

namespace tfts::config {

// Checks `value` against `entry` (check_value) and, when it passes, stores it. For entries of
// a wildcard section `name` names the instance (a screen, a theme), which is created
// (ensure_instance) if missing. Returns the problems; on any, the config is left unchanged.
std::vector<std::string> set_checked(const SchemaEntry& entry, const Value& value,
                                     ServerConfig& config, std::string_view name);

// The current value. For entries of a wildcard section, instance `name` must exist in config.
Value get_value(const SchemaEntry& entry, const ServerConfig& config, std::string_view name);

// The schema's defaults for every key outside the wildcard sections; instances are left as
// they are.
void apply_defaults(ServerConfig& config);

// Instance `name` of the wildcard section `section` (ServerConfig::screens, ::themes), created
// with the schema's defaults for that section if it does not exist. No-op for other sections.
void ensure_instance(ServerConfig& config, Section section, std::string_view name);

// The names of the instances of the wildcard section `section`, in name order; empty for other
// sections.
std::vector<std::string> instance_names(const ServerConfig& config, Section section);

}  // namespace tfts::config
