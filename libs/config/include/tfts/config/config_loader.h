// Loading the server's configuration: one TOML file, then "key=value" overrides, checked
// against the schema (config_schema.h). Errors come back as values, never as exceptions, and
// all of them at once, so a user fixes a config file in one pass.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tfts/config/server_config.h"

namespace tfts::config {

struct LoadResult {
  ServerConfig config;                // usable only when ok(); otherwise partly filled
  std::vector<std::string> errors;    // one sentence each, naming the key and the reason
  std::vector<std::string> warnings;  // unknown keys, with a suggestion when one is close
  bool ok() const { return errors.empty(); }
};

/// Reads the TOML file at `path` (skipped when `path` is empty; then the schema defaults are
/// the base), applies `overrides` in order, then the rules that span keys. A file that cannot
/// be read is an error like any other.
///
/// Overrides are "key=value" with the value in text form, parsed by the key's type: integers,
/// numbers, booleans (true/false, yes/no, 1/0), strings as written, lists "a,b,c", crop
/// "x,y,w,h" (empty = whole picture), white balance "r,g,b", colours "#RRGGBB".
/// "screens.NAME.key=value" creates screen NAME if needed, "themes.NAME.key=value" theme NAME.
/// An override without '=' or with an unknown key is an error.
///
/// Rules that span keys, checked last: with no screen at all, one named server.default_screen
/// is created with defaults; server.default_screen and a non-empty legacy.screen must name a
/// screen; no display may be listed by two screens; a non-empty screens.NAME.theme must name a
/// built-in theme or a [themes.NAME] table, and no [themes.NAME] may take a built-in's name.
/// Messages from the file start with "file:line:column: ", from overrides with
/// "override \"text\": ".
[[nodiscard]] LoadResult load_config(const std::string& path,
                                     const std::vector<std::string>& overrides);

/// load_config() on text already in memory; `origin` names it in messages (a file name).
[[nodiscard]] LoadResult parse_config(std::string_view toml_text, std::string_view origin,
                                      const std::vector<std::string>& overrides);

/// A readable table of every key: key, type, default, range or allowed values, then the help
/// text indented below. For `tftstream serve --help-config`.
std::string schema_help();

/// The whole configuration as TOML, every key written (a missing crop is left out), in schema
/// order, screens and themes in name order. For a valid config c, parse_config(to_toml(c), ...)
/// gives c.
std::string to_toml(const ServerConfig& config);

}  // namespace tfts::config
