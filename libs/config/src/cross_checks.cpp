#include "cross_checks.h"

#include <map>

#include "field_access.h"
#include "key_path.h"
#include "value.h"

namespace tfts::config {
namespace {

// The key that fills `member`, from the schema, so these messages follow a rename.
template <class S, class T>
std::string key_of(T S::*member, std::string_view screen = {}) {
  const SchemaEntry* entry = entry_for(FieldOf<S>{member});
  return entry ? instance_key(entry->key, screen) : std::string("?");
}

std::string screen_names(const ServerConfig& config) {
  std::string out;
  for (const auto& [name, screen] : config.screens) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

void check_screen_exists(const ServerConfig& config, const std::string& key,
                         const std::string& name, LoadResult& out) {
  if (config.screens.count(name) != 0) return;
  out.errors.push_back(key + ": no screen is named " + quote_toml(name) +
                       " (screens: " + screen_names(config) + ")");
}

}  // namespace

void apply_cross_checks(ServerConfig& config, LoadResult& out) {
  const std::string default_key = key_of(&ServerConfig::default_screen);
  if (config.screens.empty()) {
    if (is_valid_screen_name(config.default_screen)) {
      ensure_screen(config, config.default_screen);
    } else {
      out.errors.push_back(default_key + ": " + quote_toml(config.default_screen) +
                           " cannot name a screen (letters, digits, \"_\" and \"-\" only)");
    }
  } else {
    check_screen_exists(config, default_key, config.default_screen, out);
  }

  if (!config.legacy.screen.empty()) {
    check_screen_exists(config, key_of(&LegacyConfig::screen), config.legacy.screen, out);
  }

  // A display is told what to show by exactly one screen; two would make the choice depend on
  // map order.
  std::map<std::string, std::string> owner;  // display name -> screen that lists it first
  for (const auto& [name, screen] : config.screens) {
    for (const std::string& display : screen.displays) {
      const auto [it, inserted] = owner.emplace(display, name);
      if (inserted) continue;
      const std::string key = key_of(&ScreenConfig::displays, name);
      if (it->second == name) {
        out.warnings.push_back(key + ": display " + quote_toml(display) + " is listed twice");
      } else {
        out.errors.push_back(key + ": display " + quote_toml(display) + " is already listed by " +
                             key_of(&ScreenConfig::displays, it->second));
      }
    }
  }
}

}  // namespace tfts::config
