// TOML nodes to values. The only files that include toml++ are this pair and toml_reader.*;
// the public headers stay free of it. Internal.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "value.h"

namespace tfts::config {

// The node as `entry` expects it (an integer is accepted where a float is expected), or the
// reasons it is not: "expected an integer, got string \"abc\"".
Conversion value_from_toml(const SchemaEntry& entry, const toml::node& node);

// "string \"abc\"", "integer 5", "float 7.5", "a table", ... for "got ..." in messages.
std::string describe_node(const toml::node& node);

}  // namespace tfts::config
