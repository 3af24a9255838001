// One screen's settings as text, read and changed while the server runs (the web UI's form and
// POST /api/screens/NAME, docs/http-api.md). Values use the override syntax of config_loader.h,
// so the form shows and sends what `--set` takes, and a change is checked by the same schema
// and cross-key rules as a config file.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tfts/config/server_config.h"

namespace tfts::config {

// Key (without the "screens.NAME." prefix) and value in override syntax.
using KeyText = std::pair<std::string, std::string>;

// Every key of screen `name`, in schema order: "30", "true", "a,b", "0,0,320,240" ("" = no
// crop), "1,0.9,0.8". Empty when no such screen exists.
std::vector<KeyText> screen_values(const ServerConfig& config, std::string_view name);

struct KeyError {
  std::string key;  // as given in the change, or "" for a rule that spans keys
  std::string message;
};

struct ScreenEdit {
  ServerConfig config;           // the changed configuration; meaningful when ok()
  std::vector<KeyError> errors;  // every problem at once
  bool ok() const { return errors.empty(); }
};

// `config` with `changes` applied to existing screen `name`: each value converted and
// range-checked for its key, then the rules that span keys (a display listed twice, an unknown
// theme). An unknown key, a key of another section or a bad value is an error; all or nothing.
ScreenEdit edit_screen(const ServerConfig& config, std::string_view name,
                       const std::vector<KeyText>& changes);

}  // namespace tfts::config
