#include "cross_checks.h"

#include <algorithm>
#include <map>

#include "field_access.h"
#include "key_path.h"
#include "value.h"

namespace tfts::config {
namespace {

// The key that fills `member`, from the schema, so these messages follow a rename.
template <class S, class T>
std::string key_of(T S::*member, std::string_view name = {}) {
  const SchemaEntry* entry = entry_for(FieldOf<S>{member});
  return entry ? instance_key(entry->key, name) : std::string("?");
}

template <class Names>
std::string joined(const Names& names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string screen_names(const ServerConfig& config) {
  return joined(instance_names(config, Section::screen));
}

// "themes.NAME", the table of one theme, from the schema like the keys above.
std::string theme_table(std::string_view name) {
  const std::string key = key_of(&ThemeConfig::base, name);
  return key.substr(0, key.rfind('.'));
}

bool is_builtin_theme(std::string_view name) {
  const auto builtin = builtin_themes();
  return std::find(builtin.begin(), builtin.end(), name) != builtin.end();
}

// A screen's theme names a built-in theme or a [themes.NAME] table. A table may not take a
// built-in name: which of the two a screen meant would be a guess, and themes.*.base always
// means the built-in one.
void check_themes(const ServerConfig& config, LoadResult& out) {
  for (const auto& [name, theme] : config.themes) {
    if (!is_builtin_theme(name)) continue;
    const std::string quoted = quote_toml(name);
    out.errors.push_back(theme_table(name) + ": " + quoted +
                         " is a built-in theme; give this one another name (base = " + quoted +
                         " starts it from the built-in one)");
  }
  for (const auto& [name, screen] : config.screens) {
    if (screen.theme.empty() || is_builtin_theme(screen.theme) ||
        config.themes.count(screen.theme) != 0) {
      continue;
    }
    std::string message = key_of(&ScreenConfig::theme, name) + ": no theme is named " +
                          quote_toml(screen.theme) + " (built-in: " + joined(builtin_themes());
    if (!config.themes.empty()) {
      message += "; defined: " + joined(instance_names(config, Section::theme));
    }
    out.errors.push_back(message + ")");
  }
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
    if (is_valid_instance_name(config.default_screen)) {
      ensure_instance(config, Section::screen, config.default_screen);
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

  check_themes(config, out);
}

}  // namespace tfts::config
