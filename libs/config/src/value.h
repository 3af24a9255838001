// One key's value between reading it (TOML or override text) and storing it in ServerConfig.
// Internal to the config library.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tfts/config/config_schema.h"

namespace tfts::config {

// Alternatives in Kind's order, a colour held as a string (storage_index()). Integers stay 64-bit
// (TOML's width) until the range check has passed, so 4294967296 is reported as too large instead
// of wrapping to 0.
using Value = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>,
                           std::optional<CropRect>, std::array<double, 3>>;

// A value read from text or TOML, or why it could not be: the reasons name no key (the caller
// adds key and location) and there may be several (one per bad list item).
struct Conversion {
  std::optional<Value> value;
  std::vector<std::string> errors;
};

// Override syntax: "8888", "true"/"yes"/"1", "a,b", "x,y,w,h", "r,g,b"; "" = empty list or no
// crop. The schema's default_text uses the same syntax. (value_text.cpp)
Conversion value_from_text(const SchemaEntry& entry, std::string_view text);

// What a value of `entry` must look like, for "expected ..., got ..." messages. (value_text.cpp)
std::string_view expected_form(Kind kind, bool from_toml);

// Range and allowed-value problems, one sentence each; empty = acceptable. (value_check.cpp)
std::vector<std::string> check_value(const SchemaEntry& entry, const Value& value);

// The value as a TOML literal ("8888", "\"0.0.0.0\"", "[0, 0, 640, 480]", "30.0"); a missing
// crop gives "". Doubles use the shortest text that reads back to the same bits, which is what
// makes to_toml() round-trip exactly. (value_format.cpp)
std::string format_toml(const Value& value);

// Shortest decimal text that reads back as `v` ("30", "0.1"); no ".0" added.
std::string format_number(double v);

// A TOML basic string literal, quotes and escapes included.
std::string quote_toml(std::string_view text);

}  // namespace tfts::config
