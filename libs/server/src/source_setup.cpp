#include "tfts/server/source_setup.h"

#include <vector>

namespace tfts::server {
namespace {

// The keys of a [themes.NAME] table that are set (config uses "" and 0 for "as in the base").
std::vector<draw::ThemeSetting> settings_of(const config::ThemeConfig& t) {
  std::vector<draw::ThemeSetting> out{{"base", t.base}};
  const std::pair<const char*, const std::string*> texts[] = {
      {"background", &t.background}, {"panel", &t.panel}, {"text", &t.text},
      {"muted", &t.muted},           {"accent", &t.accent}, {"good", &t.good},
      {"warn", &t.warn},             {"bad", &t.bad},     {"grid", &t.grid},
      {"font", &t.font},             {"mono_font", &t.mono_font},
      {"text_rendering", &t.text_rendering}};
  for (const auto& [key, value] : texts) {
    if (!value->empty()) out.push_back({key, *value});
  }
  const std::pair<const char*, int> sizes[] = {{"title_size", t.title_size},
                                               {"body_size", t.body_size},
                                               {"small_size", t.small_size},
                                               {"mono_size", t.mono_size},
                                               {"padding", t.padding},
                                               {"gap", t.gap},
                                               {"radius", t.radius}};
  for (const auto& [key, value] : sizes) {
    if (value != 0) out.push_back({key, std::to_string(value)});
  }
  if (t.line_width != 0) out.push_back({"line_width", std::to_string(t.line_width)});
  return out;
}

}  // namespace

std::optional<draw::Theme> theme_for(const config::ServerConfig& config, const std::string& name,
                                     std::string& error) {
  const auto defined = config.themes.find(name);
  if (defined == config.themes.end()) {
    if (auto builtin = draw::builtin_theme(name)) return builtin;
    error = "no theme is named '" + name + "'";
    return std::nullopt;
  }
  const std::vector<draw::ThemeSetting> settings = settings_of(defined->second);
  draw::Theme theme;
  std::string why;
  if (!draw::make_theme(name, settings, theme, why)) {
    error = why;  // make_theme() names the theme itself
    return std::nullopt;
  }
  return theme;
}

std::optional<source::SourceSpec> source_spec_for(const config::ServerConfig& config,
                                                  const config::ScreenConfig& screen,
                                                  std::string& error) {
  source::SourceSpec spec;
  spec.spec = screen.source;
  spec.fps = screen.fps;
  spec.loop = screen.loop;
  spec.interval_s = screen.interval;
  spec.history = screen.history;
  spec.dashboard_toml = screen.prometheus;
  if (!screen.theme.empty()) {
    spec.theme = theme_for(config, screen.theme, error);
    if (!spec.theme) return std::nullopt;
  }
  return spec;
}

}  // namespace tfts::server
