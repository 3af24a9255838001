// Dotted key paths ("screens.main.fps") matched against the schema's patterns
// ("screens.*.fps"). Internal to the config library.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/config/config_schema.h"

namespace tfts::config {

using KeyPath = std::vector<std::string>;

// Splits at every '.'; empty segments stay (so "server..port" matches nothing). Overrides use
// this; TOML paths come segment by segment from the document, quoted segments included.
KeyPath split_key(std::string_view dotted);

// Joins with '.', quoting segments that are not bare TOML keys, so a message shows the key as
// it would be written.
std::string join_key(std::span<const std::string> path);

// A bare TOML key: one or more ASCII letters, digits, '_' and '-'.
bool is_bare_key(std::string_view segment);

// `pattern` with its "*" replaced by `name` ("screens.*.fps", "main" -> "screens.main.fps").
std::string instance_key(std::string_view pattern, std::string_view name);

// The schema entry whose pattern matches `path` segment by segment, or nullptr.
const SchemaEntry* find_entry(std::span<const std::string> path);

// The segment of `path` that the pattern's "*" matched; empty when the pattern has none.
std::string_view wildcard_segment(std::string_view pattern, std::span<const std::string> path);

// `path` is a table on the way to some key ("server", "screens.main", and the root).
bool is_section(std::span<const std::string> path);

// When the segment after `path` is a "*" in some key, `path` holds the named instances of a
// wildcard section ("screens", "themes"): that section. Otherwise none.
std::optional<Section> collection_at(std::span<const std::string> path);

// "a theme name uses only letters, digits, ..." for a name that is_valid_instance_name()
// rejects; `section` is a wildcard section.
std::string name_rule(Section section);

// The known key closest to `path` by edit distance, as text, or "" when none is close enough
// to be a likely typo.
std::string suggest_key(std::span<const std::string> path);

}  // namespace tfts::config
