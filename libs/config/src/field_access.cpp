#include "field_access.h"

#include <type_traits>

namespace tfts::config {
namespace {

// The map of ServerConfig that holds the instances of the wildcard section whose struct is S.
// Together with ensure_instance() and instance_names() below, the one place that pairs a
// wildcard section with its map.
template <class S, class Config>
auto& instances(Config& config) {
  if constexpr (std::is_same_v<S, ScreenConfig>) {
    return config.screens;
  } else {
    static_assert(std::is_same_v<S, ThemeConfig>, "S is not the struct of a wildcard section");
    return config.themes;
  }
}

template <class S>
S& ensure(ServerConfig& config, std::string_view name);

// The section struct a FieldOf<S> points into; `name` picks the instance of a wildcard section.
template <class S>
S& section_of(ServerConfig& config, std::string_view name) {
  if constexpr (std::is_same_v<S, ServerConfig>) {
    return config;
  } else if constexpr (std::is_same_v<S, LegacyConfig>) {
    return config.legacy;
  } else {
    return ensure<S>(config, name);
  }
}

template <class S>
const S& section_of(const ServerConfig& config, std::string_view name) {
  if constexpr (std::is_same_v<S, ServerConfig>) {
    return config;
  } else if constexpr (std::is_same_v<S, LegacyConfig>) {
    return config.legacy;
  } else {
    return instances<S>(config).find(std::string(name))->second;
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
void store_defaults(ServerConfig& config, std::string_view name) {
  for (const SchemaEntry& entry : schema()) {
    if (!std::holds_alternative<FieldOf<S>>(entry.field)) continue;
    // default_text is checked by a unit test to convert and to pass its own range.
    const Conversion c = value_from_text(entry, entry.default_text);
    if (c.value) set_checked(entry, *c.value, config, name);
  }
}

template <class S>
S& ensure(ServerConfig& config, std::string_view name) {
  auto& map = instances<S>(config);
  const std::string key(name);
  if (auto it = map.find(key); it != map.end()) return it->second;
  S& instance = map[key];
  instance.name = key;
  // Through set_checked, which finds the instance just made: the schema, not the member
  // initialisers, is the source of the defaults.
  store_defaults<S>(config, name);
  return instance;
}

template <class Map>
std::vector<std::string> names_of(const Map& map) {
  std::vector<std::string> out;
  for (const auto& [name, instance] : map) out.push_back(name);
  return out;
}

}  // namespace

std::vector<std::string> set_checked(const SchemaEntry& entry, const Value& value,
                                     ServerConfig& config, std::string_view name) {
  if (value.index() != storage_index(entry.kind)) return {"internal error: value of wrong kind"};
  std::vector<std::string> problems = check_value(entry, value);
  if (!problems.empty()) return problems;
  std::visit(
      [&](const auto& member_of) {
        std::visit(
            [&]<class S, class T>(T S::*member) {
              section_of<S>(config, name).*member = from_value<T>(value);
            },
            member_of);
      },
      entry.field);
  return problems;
}

Value get_value(const SchemaEntry& entry, const ServerConfig& config, std::string_view name) {
  return std::visit(
      [&](const auto& member_of) {
        return std::visit(
            [&]<class S, class T>(T S::*member) {
              return to_value(section_of<S>(config, name).*member);
            },
            member_of);
      },
      entry.field);
}

void apply_defaults(ServerConfig& config) {
  store_defaults<ServerConfig>(config, {});
  store_defaults<LegacyConfig>(config, {});
}

void ensure_instance(ServerConfig& config, Section section, std::string_view name) {
  switch (section) {
    case Section::screen:
      ensure<ScreenConfig>(config, name);
      return;
    case Section::theme:
      ensure<ThemeConfig>(config, name);
      return;
    case Section::server:
    case Section::legacy:
      return;  // one instance, always present
  }
}

std::vector<std::string> instance_names(const ServerConfig& config, Section section) {
  switch (section) {
    case Section::screen:
      return names_of(instances<ScreenConfig>(config));
    case Section::theme:
      return names_of(instances<ThemeConfig>(config));
    case Section::server:
    case Section::legacy:
      break;
  }
  return {};
}

}  // namespace tfts::config
