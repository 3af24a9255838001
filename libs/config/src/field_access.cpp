#include "field_access.h"

#include <type_traits>

namespace tfts::config {
namespace {

// The section struct a FieldOf<S> points into.
template <class S>
S& section_of(ServerConfig& config, std::string_view screen) {
  if constexpr (std::is_same_v<S, ServerConfig>) {
    return config;
  } else if constexpr (std::is_same_v<S, ScreenConfig>) {
    return ensure_screen(config, screen);
  } else {
    static_assert(std::is_same_v<S, LegacyConfig>);
    return config.legacy;
  }
}

template <class S>
const S& section_of(const ServerConfig& config, std::string_view screen) {
  if constexpr (std::is_same_v<S, ServerConfig>) {
    return config;
  } else if constexpr (std::is_same_v<S, ScreenConfig>) {
    return config.screens.find(std::string(screen))->second;
  } else {
    static_assert(std::is_same_v<S, LegacyConfig>);
    return config.legacy;
  }
}

// Field and Value share Kind's alternative order, so the value alternative is picked by the
// member's index. Only int narrows; set_checked() has range-checked it first.
template <class T>
T from_value(const Value& value) {
  if constexpr (std::is_same_v<T, int>) {
    return static_cast<int>(std::get<std::int64_t>(value));
  } else {
    return std::get<T>(value);
  }
}

template <class T>
Value to_value(const T& field) {
  if constexpr (std::is_same_v<T, int>) {
    return Value{std::int64_t{field}};
  } else {
    return Value{field};
  }
}

template <class S>
void store_defaults(ServerConfig& config, std::string_view screen) {
  for (const SchemaEntry& entry : schema()) {
    if (!std::holds_alternative<FieldOf<S>>(entry.field)) continue;
    // default_text is checked by a unit test to convert and to pass its own range.
    const Conversion c = value_from_text(entry, entry.default_text);
    if (c.value) set_checked(entry, *c.value, config, screen);
  }
}

}  // namespace

std::vector<std::string> set_checked(const SchemaEntry& entry, const Value& value,
                                     ServerConfig& config, std::string_view screen) {
  if (value.index() != size_t(entry.kind)) return {"internal error: value of the wrong kind"};
  std::vector<std::string> problems = check_value(entry, value);
  if (!problems.empty()) return problems;
  std::visit(
      [&](const auto& member_of) {
        std::visit(
            [&]<class S, class T>(T S::*member) {
              section_of<S>(config, screen).*member = from_value<T>(value);
            },
            member_of);
      },
      entry.field);
  return problems;
}

Value get_value(const SchemaEntry& entry, const ServerConfig& config, std::string_view screen) {
  return std::visit(
      [&](const auto& member_of) {
        return std::visit(
            [&]<class S, class T>(T S::*member) {
              return to_value(section_of<S>(config, screen).*member);
            },
            member_of);
      },
      entry.field);
}

void apply_defaults(ServerConfig& config) {
  store_defaults<ServerConfig>(config, {});
  store_defaults<LegacyConfig>(config, {});
}

ScreenConfig& ensure_screen(ServerConfig& config, std::string_view name) {
  const std::string key(name);
  if (auto it = config.screens.find(key); it != config.screens.end()) return it->second;
  ScreenConfig& screen = config.screens[key];
  screen.name = key;
  store_defaults<ScreenConfig>(config, name);
  return screen;
}

}  // namespace tfts::config
