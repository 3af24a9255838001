// to_toml(): the configuration written back through the schema, so a saved file holds exactly
// the keys load_config() reads.
#include <toml++/toml.h>

#include <sstream>
#include <utility>
#include <vector>

#include "field_access.h"
#include "key_path.h"
#include "tfts/config/config_loader.h"

namespace tfts::config {
namespace {

// "server" for "server.port", "screens.*" for "screens.*.fps".
std::string_view table_of(std::string_view key) { return key.substr(0, key.rfind('.')); }
std::string_view name_of(std::string_view key) { return key.substr(key.rfind('.') + 1); }

// One [table] with the keys of `table_pattern` in schema order; `name` replaces its "*".
void write_table(std::string& out, std::string_view table_pattern, std::string_view name,
                 const ServerConfig& config) {
  if (!out.empty()) out += '\n';
  // Substituted segment by segment, so that join_key() quotes an odd name as one key.
  KeyPath header = split_key(table_pattern);
  for (std::string& segment : header) {
    if (segment == "*") segment = name;
  }
  out += '[' + join_key(header) + "]\n";
  for (const SchemaEntry& entry : schema()) {
    if (table_of(entry.key) != table_pattern) continue;
    const std::string value = format_toml(get_value(entry, config, name));
    if (value.empty()) continue;  // a missing crop: absent means the whole picture
    out += std::string(name_of(entry.key)) + " = " + value + '\n';
  }
  // A screen's dashboard table goes below it, under its full key path.
  const auto screen = config.screens.find(std::string(name));
  if (table_pattern == "screens.*" && screen != config.screens.end() &&
      !screen->second.prometheus.empty()) {
    // The text came from toml++ itself (toml_reader.cpp), so it parses.
    try {
      toml::table inner;
      inner.insert("prometheus", toml::parse(screen->second.prometheus));
      toml::table named;
      named.insert(std::string(name), std::move(inner));
      toml::table root;
      root.insert("screens", std::move(named));
      std::ostringstream text;
      text << toml::toml_formatter(root);
      out += '\n';
      out += text.str();
      out += '\n';
    } catch (const toml::parse_error&) {
    }
  }
}

}  // namespace

std::string to_toml(const ServerConfig& config) {
  // Tables in order of first appearance in the schema, each with the section of its keys
  // (one section per table; wildcard sections are checked for it in config_schema.cpp).
  std::vector<std::pair<std::string_view, Section>> tables;
  for (const SchemaEntry& entry : schema()) {
    const std::string_view table = table_of(entry.key);
    if (tables.empty() || tables.back().first != table) tables.emplace_back(table, entry.section());
  }
  std::string out;
  for (const auto& [table, section] : tables) {
    if (!is_wildcard(section)) {
      write_table(out, table, {}, config);
      continue;
    }
    for (const std::string& name : instance_names(config, section)) {
      write_table(out, table, name, config);
    }
  }
  return out;
}

}  // namespace tfts::config
