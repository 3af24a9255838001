#include "tfts/draw/theme.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <variant>

namespace tfts::draw {
namespace {

Theme dark_theme() { return Theme{}; }  // the defaults in theme.h are the dark theme

Theme light_theme() {
  Theme t;
  t.name = "light";
  t.background = 0xF6F8FA;
  t.panel = 0xFFFFFF;
  t.text = 0x1F2328;
  t.muted = 0x59636E;
  t.accent = 0x0969DA;
  t.good = 0x1A7F37;
  t.warn = 0x9A6700;
  t.bad = 0xCF222E;
  t.grid = 0xD0D7DE;
  return t;
}

// The 16-colour VGA palette of text-mode setup screens: blue 0x0000AA, light grey 0xAAAAAA,
// bright white, yellow, green and red. Terminus is a bitmap font, drawn without anti-aliasing.
Theme bios_theme() {
  Theme t;
  t.name = "bios";
  t.background = 0x0000AA;
  t.panel = 0x000080;
  t.text = 0xFFFFFF;
  t.muted = 0xAAAAAA;
  t.accent = 0xFFFF55;
  t.good = 0x55FF55;
  t.warn = 0xFFFF55;
  t.bad = 0xFF5555;
  t.grid = 0xAAAAAA;
  t.font_family = "Terminus";
  t.mono_family = "Terminus";
  t.title_px = 16;
  t.body_px = 16;
  t.small_px = 12;
  t.mono_px = 16;
  t.text_rendering = TextRendering::crisp;
  t.padding = 3;
  t.gap = 3;
  t.radius = 0;
  t.line_width = 1;
  return t;
}

struct Builtin {
  std::string_view name;
  Theme (*make)();
};
constexpr Builtin kBuiltins[] = {
    {"dark", dark_theme}, {"light", light_theme}, {"bios", bios_theme}};
constexpr std::string_view kBuiltinNames[] = {"dark", "light", "bios"};

// Limits: a setting outside them is a typo, not a taste.
constexpr int kMaxFontPx = 64;
constexpr int kMaxSizePx = 32;
constexpr double kMaxLineWidth = 8;

using Member = std::variant<std::monostate, Colour Theme::*, std::string Theme::*, int Theme::*,
                            double Theme::*, TextRendering Theme::*>;

struct KeyDef {
  ThemeKey key;
  Member member;
};

const KeyDef kKeys[] = {
    {{"base", ThemeKeyType::theme_name, "built-in theme to start from: dark, light or bios"}, {}},
    {{"background", ThemeKeyType::colour, "behind everything"}, &Theme::background},
    {{"panel", ThemeKeyType::colour, "tiles and bands on the background"}, &Theme::panel},
    {{"text", ThemeKeyType::colour, "values"}, &Theme::text},
    {{"muted", ThemeKeyType::colour, "labels, units and captions"}, &Theme::muted},
    {{"accent", ThemeKeyType::colour, "graphs, highlights, the selected item"}, &Theme::accent},
    {{"good", ThemeKeyType::colour, "low levels (load, temperature, use)"}, &Theme::good},
    {{"warn", ThemeKeyType::colour, "raised levels"}, &Theme::warn},
    {{"bad", ThemeKeyType::colour, "high levels"}, &Theme::bad},
    {{"grid", ThemeKeyType::colour, "borders, frames and graph grid lines"}, &Theme::grid},
    {{"font", ThemeKeyType::font_family, "font family for titles and body text"},
     &Theme::font_family},
    {{"mono_font", ThemeKeyType::font_family, "monospace font family (clocks, tables)"},
     &Theme::mono_family},
    {{"title_size", ThemeKeyType::pixels, "title text size in pixels at 320x240"},
     &Theme::title_px},
    {{"body_size", ThemeKeyType::pixels, "body text size in pixels at 320x240"}, &Theme::body_px},
    {{"small_size", ThemeKeyType::pixels, "caption text size in pixels at 320x240"},
     &Theme::small_px},
    {{"mono_size", ThemeKeyType::pixels, "monospace text size in pixels at 320x240"},
     &Theme::mono_px},
    {{"text_rendering", ThemeKeyType::rendering,
      "smooth (anti-aliased) or crisp (no anti-aliasing, for bitmap fonts such as Terminus)"},
     &Theme::text_rendering},
    {{"padding", ThemeKeyType::pixels, "space inside panels in pixels"}, &Theme::padding},
    {{"gap", ThemeKeyType::pixels, "space between panels in pixels"}, &Theme::gap},
    {{"radius", ThemeKeyType::pixels, "panel corner radius in pixels"}, &Theme::radius},
    {{"line_width", ThemeKeyType::number, "graph line width in pixels"}, &Theme::line_width},
};

const KeyDef* find_key(std::string_view key) {
  for (const KeyDef& def : kKeys) {
    if (def.key.key == key) return &def;
  }
  return nullptr;
}

bool parse_int(std::string_view text, int& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end;
}

bool parse_double(std::string_view text, double& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end && std::isfinite(out);
}

// Applies one setting; returns "" or the problem.
std::string apply(Theme& theme, const KeyDef& def, std::string_view value) {
  const std::string key(def.key.key);
  const auto bad = [&](std::string_view expected) {
    return "theme key '" + key + "': '" + std::string(value) + "' is not " + std::string(expected);
  };
  if (auto* colour = std::get_if<Colour Theme::*>(&def.member)) {
    Colour c = 0;
    if (!parse_colour(value, c)) return bad("a colour like \"#1e90ff\"");
    theme.*(*colour) = c;
  } else if (auto* text = std::get_if<std::string Theme::*>(&def.member)) {
    if (value.empty()) return bad("a font family name");
    theme.*(*text) = std::string(value);
  } else if (auto* integer = std::get_if<int Theme::*>(&def.member)) {
    const bool font = def.key.key.ends_with("_size");
    const int lo = font ? Theme::kMinTextPx : 0;
    const int hi = font ? kMaxFontPx : kMaxSizePx;
    int v = 0;
    if (!parse_int(value, v) || v < lo || v > hi) {
      return bad("a whole number of pixels from " + std::to_string(lo) + " to " +
                 std::to_string(hi));
    }
    theme.*(*integer) = v;
  } else if (auto* number = std::get_if<double Theme::*>(&def.member)) {
    double v = 0;
    if (!parse_double(value, v) || v < 0.5 || v > kMaxLineWidth) {
      return bad("a number of pixels from 0.5 to 8");
    }
    theme.*(*number) = v;
  } else if (auto* rendering = std::get_if<TextRendering Theme::*>(&def.member)) {
    if (value == "smooth") {
      theme.*(*rendering) = TextRendering::smooth;
    } else if (value == "crisp") {
      theme.*(*rendering) = TextRendering::crisp;
    } else {
      return bad("smooth or crisp");
    }
  }
  return {};
}

std::string known_keys() {
  std::string list;
  for (const KeyDef& def : kKeys) {
    if (!list.empty()) list += ", ";
    list += def.key.key;
  }
  return list;
}

}  // namespace

Font Theme::font(FontRole role, double scale) const {
  Font f;
  f.family = role == FontRole::mono ? mono_family : font_family;
  f.rendering = text_rendering;
  f.bold = role == FontRole::title;
  int px = body_px;
  switch (role) {
    case FontRole::title:
      px = title_px;
      break;
    case FontRole::body:
      px = body_px;
      break;
    case FontRole::small:
      px = small_px;
      break;
    case FontRole::mono:
      px = mono_px;
      break;
  }
  f.px = std::max(kMinTextPx, static_cast<int>(std::lround(px * scale)));
  return f;
}

std::optional<Theme> builtin_theme(std::string_view name) {
  for (const Builtin& b : kBuiltins) {
    if (b.name == name) return b.make();
  }
  return std::nullopt;
}

std::span<const std::string_view> builtin_theme_names() { return kBuiltinNames; }

std::span<const ThemeKey> theme_keys() {
  static const std::vector<ThemeKey> keys = [] {
    std::vector<ThemeKey> out;
    for (const KeyDef& def : kKeys) out.push_back(def.key);
    return out;
  }();
  return keys;
}

bool make_theme(std::string_view name, std::span<const ThemeSetting> settings, Theme& out,
                std::string& error) {
  std::vector<std::string> problems;
  std::optional<Theme> theme;
  const auto base = std::find_if(settings.begin(), settings.end(),
                                 [](const ThemeSetting& s) { return s.key == "base"; });
  if (base != settings.end()) {
    theme = builtin_theme(base->value);
    if (!theme) {
      problems.push_back("theme key 'base': '" + base->value +
                         "' is not a built-in theme (dark, light, bios)");
    }
  }
  if (!theme) theme = builtin_theme(name);
  if (!theme) theme = dark_theme();
  theme->name = std::string(name);

  for (const ThemeSetting& s : settings) {
    if (s.key == "base") continue;
    const KeyDef* def = find_key(s.key);
    if (def == nullptr) {
      problems.push_back("unknown theme key '" + s.key + "' (known: " + known_keys() + ")");
      continue;
    }
    std::string problem = apply(*theme, *def, s.value);
    if (!problem.empty()) problems.push_back(std::move(problem));
  }
  if (!problems.empty()) {
    error = "theme '" + std::string(name) + "': ";
    for (size_t i = 0; i < problems.size(); ++i) error += (i ? "; " : "") + problems[i];
    return false;
  }
  out = std::move(*theme);
  return true;
}

std::string theme_value(const Theme& theme, std::string_view key) {
  const KeyDef* def = find_key(key);
  if (def == nullptr) return {};
  if (auto* colour = std::get_if<Colour Theme::*>(&def->member)) {
    return format_colour(theme.*(*colour));
  }
  if (auto* text = std::get_if<std::string Theme::*>(&def->member)) return theme.*(*text);
  if (auto* integer = std::get_if<int Theme::*>(&def->member)) {
    return std::to_string(theme.*(*integer));
  }
  if (auto* number = std::get_if<double Theme::*>(&def->member)) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", theme.*(*number));
    return text;
  }
  if (auto* rendering = std::get_if<TextRendering Theme::*>(&def->member)) {
    return theme.*(*rendering) == TextRendering::crisp ? "crisp" : "smooth";
  }
  return {};
}

}  // namespace tfts::draw
