// The one table of configuration keys: name, type, default, range or allowed values, help text
// and the ServerConfig field each key fills. Parsing, validation, the help text and to_toml()
// all read this table, so a key is added, renamed or re-ranged here and nowhere else (style.md
// §8: Sunshine needs a consistency test because its options live in three places).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tfts/config/server_config.h"

namespace tfts::config {

// What a key holds. The order matches FieldOf's alternatives (see storage_index());
// config_schema.cpp checks at compile time that every entry's kind agrees with its field.
enum class Kind : std::uint8_t {
  string,       // TOML string; `allowed`, when not empty, lists the accepted values
  integer,      // TOML integer; bounded by `range`; `allowed`, when not empty, lists the values
  real,         // TOML float or integer; bounded by `range`
  boolean,      // TOML boolean; overrides also take 1/0 and yes/no
  string_list,  // TOML array of strings; `range` bounds each string's length in bytes
  crop,         // TOML array [x, y, w, h] of integers, x,y >= 0, w,h >= 1; absent = none
  rgb,          // TOML array [r, g, b] of numbers; `range` bounds each of them
  color,        // TOML string "#RRGGBB" (hex digits in either case), or "" = unset
};

// The alternative of FieldOf (and of the loader's values) that holds a key of `kind`: its own
// position, except that a colour is kept as the string it was written as. A kind of its own
// still lets the help text and the web UI show "colour" (a picker) rather than "string".
constexpr std::size_t storage_index(Kind kind) {
  return kind == Kind::color ? std::size_t(Kind::string) : std::size_t(kind);
}

// "string", "integer", "float", ... as the help text and error messages say it.
std::string_view kind_name(Kind kind);

// Inclusive bounds. For string_list they bound each string's length in bytes.
struct Range {
  double min;
  double max;
};

// A field of one section struct; the alternatives are in Kind's order (up to Kind::rgb).
template <class Section>
using FieldOf = std::variant<std::string Section::*, int Section::*, double Section::*,
                             bool Section::*, std::vector<std::string> Section::*,
                             std::optional<CropRect> Section::*, std::array<double, 3> Section::*>;

// Which struct a key lives in, in the order of the Section enum below.
using Field = std::variant<FieldOf<ServerConfig>, FieldOf<ScreenConfig>, FieldOf<ThemeConfig>,
                           FieldOf<LegacyConfig>>;

enum class Section : std::uint8_t {
  server,  // ServerConfig itself
  screen,  // one ScreenConfig of ServerConfig::screens ("screens.*.key")
  theme,   // one ThemeConfig of ServerConfig::themes ("themes.*.key")
  legacy,  // ServerConfig::legacy
};

// A wildcard section has named instances: its keys hold "*", which stands for the name of one
// ([screens.NAME], [themes.NAME]). config_schema.cpp checks that only their keys hold "*".
constexpr bool is_wildcard(Section section) {
  return section == Section::screen || section == Section::theme;
}

struct SchemaEntry {
  std::string_view key;  // dotted TOML path; "*" stands for an instance name
  Kind kind;
  std::string_view default_text;  // in override syntax (see config_loader.h); "" = empty/none
  std::optional<Range> range;     // none = unbounded (for the kind)
  std::span<const std::string_view> allowed;  // empty = any value in range
  std::string_view help;  // one or two sentences, for --help-config and the web UI
  Field field;            // where load_config() stores the value

  constexpr Section section() const { return static_cast<Section>(field.index()); }
};

// Every key, in the order the help text and to_toml() list them. The span lives forever.
std::span<const SchemaEntry> schema();

// The entry for a concrete dotted key such as "screens.main.fps" ("*" matches any single
// segment; the instance name is not validated here), or nullptr when no key matches.
const SchemaEntry* find_entry(std::string_view key);

// The entry that fills `field` (nullptr if none does); lets rules name keys without spelling them.
const SchemaEntry* entry_for(const Field& field);

// Names of screens, themes and any other wildcard section's instances (the "*" of
// screens.*.key): one or more ASCII letters, digits, '_' and '-', so that a name is always a
// bare TOML key and safe in URLs and log lines.
bool is_valid_instance_name(std::string_view name);

// The built-in themes ("dark", "light", "bios"): the values of themes.*.base, and the names
// screens.*.theme accepts besides the [themes.NAME] tables. The span lives forever.
std::span<const std::string_view> builtin_themes();

}  // namespace tfts::config
