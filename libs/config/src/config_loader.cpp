#include "tfts/config/config_loader.h"

#include <toml++/toml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cross_checks.h"
#include "field_access.h"
#include "key_path.h"
#include "toml_reader.h"

namespace tfts::config {
namespace {

void apply_override(std::string_view text, ServerConfig& config, LoadResult& out) {
  const std::string where = "override " + quote_toml(text) + ": ";
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    out.errors.push_back(where + "expected key=value");
    return;
  }
  std::string_view key = text.substr(0, eq);
  while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
  while (!key.empty() && (key.front() == ' ' || key.front() == '\t')) key.remove_prefix(1);
  const KeyPath path = split_key(key);
  const SchemaEntry* entry = find_entry(path);
  if (!entry) {
    std::string message = where + "unknown key " + quote_toml(key);
    if (const std::string suggestion = suggest_key(path); !suggestion.empty()) {
      message += " (did you mean " + quote_toml(suggestion) + "?)";
    }
    out.errors.push_back(std::move(message));
    return;
  }
  const std::string_view name = wildcard_segment(entry->key, path);
  if (is_wildcard(entry->section()) && !is_valid_instance_name(name)) {
    out.errors.push_back(where + std::string(key) + ": " + name_rule(entry->section()));
    return;
  }
  const Conversion c = value_from_text(*entry, text.substr(eq + 1));
  for (const std::string& e : c.errors) out.errors.push_back(where + std::string(key) + ": " + e);
  if (!c.value) return;
  for (const std::string& e : set_checked(*entry, *c.value, config, name)) {
    out.errors.push_back(where + std::string(key) + ": " + e);
  }
}

}  // namespace

LoadResult parse_config(std::string_view toml_text, std::string_view origin,
                        const std::vector<std::string>& overrides) {
  LoadResult out;
  // The schema, not ServerConfig's member initialisers, is the source of the defaults; a test
  // pins that the two agree.
  apply_defaults(out.config);
  // toml++ reports syntax errors by throwing; they end here, as a value.
  try {
    const toml::table document = toml::parse(toml_text, origin);
    read_toml(document, origin, out.config, out);
  } catch (const toml::parse_error& e) {
    out.errors.push_back(location_prefix(origin, e.source()) +
                         "syntax error: " + std::string(e.description()));
  }
  for (const std::string& text : overrides) apply_override(text, out.config, out);
  apply_cross_checks(out.config, out);
  return out;
}

LoadResult load_config(const std::string& path, const std::vector<std::string>& overrides) {
  if (path.empty()) return parse_config({}, {}, overrides);
  std::string problem;
  std::ostringstream text;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    problem = "is a directory";
  } else if (std::ifstream file(path, std::ios::binary); !file) {
    problem = std::strerror(errno);
  } else if (!(text << file.rdbuf()) && file.bad()) {
    problem = "read error";
  }
  if (problem.empty()) return parse_config(text.str(), path, overrides);
  // Keep the overrides' and the rules' messages too: every problem in one pass.
  LoadResult out = parse_config({}, path, overrides);
  out.errors.insert(out.errors.begin(), path + ": cannot read the file: " + problem);
  return out;
}

}  // namespace tfts::config
