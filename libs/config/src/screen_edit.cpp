#include "tfts/config/screen_edit.h"

#include "cross_checks.h"
#include "field_access.h"
#include "tfts/config/config_loader.h"
#include "tfts/config/config_schema.h"
#include "value.h"

namespace tfts::config {
namespace {

constexpr std::string_view kScreenPrefix = "screens.*.";

std::string join_numbers(const double* values, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    out += format_number(values[i]);
  }
  return out;
}

// The inverse of value_from_text(): value_from_text(entry, text_of(v)) gives v back.
struct TextOf {
  std::string operator()(const std::string& s) const { return s; }
  std::string operator()(std::int64_t v) const { return std::to_string(v); }
  std::string operator()(double v) const { return format_number(v); }
  std::string operator()(bool v) const { return v ? "true" : "false"; }
  std::string operator()(const std::vector<std::string>& items) const {
    std::string out;
    for (const std::string& item : items) {
      if (!out.empty()) out += ',';
      out += item;
    }
    return out;
  }
  std::string operator()(const std::optional<CropRect>& crop) const {
    if (!crop) return "";
    const double v[] = {double(crop->x), double(crop->y), double(crop->w), double(crop->h)};
    return join_numbers(v, 4);
  }
  std::string operator()(const std::array<double, 3>& rgb) const {
    return join_numbers(rgb.data(), rgb.size());
  }
};

}  // namespace

std::vector<KeyText> screen_values(const ServerConfig& config, std::string_view name) {
  std::vector<KeyText> out;
  if (!config.screens.contains(std::string(name))) return out;
  for (const SchemaEntry& entry : schema()) {
    if (entry.section() != Section::screen) continue;
    out.emplace_back(std::string(entry.key.substr(kScreenPrefix.size())),
                     std::visit(TextOf{}, get_value(entry, config, name)));
  }
  return out;
}

ScreenEdit edit_screen(const ServerConfig& config, std::string_view name,
                       const std::vector<KeyText>& changes) {
  ScreenEdit out{config, {}};
  if (!config.screens.contains(std::string(name))) {
    out.errors.push_back({"", "no screen called '" + std::string(name) + "'"});
    return out;
  }
  for (const auto& [key, text] : changes) {
    const SchemaEntry* entry = find_entry("screens." + std::string(name) + "." + key);
    if (!entry || entry->section() != Section::screen) {
      out.errors.push_back({key, "not a screen setting"});
      continue;
    }
    const Conversion c = value_from_text(*entry, text);
    for (const std::string& e : c.errors) out.errors.push_back({key, e});
    if (!c.value) continue;
    for (std::string& e : set_checked(*entry, *c.value, out.config, name)) {
      out.errors.push_back({key, std::move(e)});
    }
  }
  if (!out.errors.empty()) return out;
  LoadResult rules;
  apply_cross_checks(out.config, rules);
  for (std::string& e : rules.errors) out.errors.push_back({"", std::move(e)});
  return out;
}

}  // namespace tfts::config
