// Theme: the colours, fonts and sizes a rendered screen is drawn with. A plain value: built-in
// themes ("dark", "light", "bios") are starting points, and the config's [themes.NAME] tables
// change single keys through make_theme(), so the config code needs no drawing knowledge.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/draw/colour.h"
#include "tfts/draw/font.h"

namespace tfts::draw {

enum class FontRole { title, body, small, mono };

struct Theme {
  std::string name = "dark";

  // Colours (0x00RRGGBB).
  Colour background = 0x0D1117;  // behind everything
  Colour panel = 0x161B22;       // tiles and bands drawn on the background
  Colour text = 0xE6EDF3;        // values
  Colour muted = 0x8B949E;       // labels, units, captions
  Colour accent = 0x58A6FF;      // graphs, highlights, the selected item
  Colour good = 0x3FB950;        // levels: low load, cool, plenty free
  Colour warn = 0xD29922;
  Colour bad = 0xF85149;
  Colour grid = 0x30363D;  // panel borders, graph grid lines, frames

  // Fonts: sizes in pixels at 320x240; screens scale them down on smaller panels, never below
  // kMinTextPx. A crisp (bitmap) family snaps each size to the nearest size the font has.
  std::string font_family = "DejaVu Sans";
  std::string mono_family = "DejaVu Sans Mono";
  int title_px = 14;
  int body_px = 12;
  int small_px = 10;
  int mono_px = 12;
  TextRendering text_rendering = TextRendering::smooth;

  // Sizes in pixels.
  int padding = 4;          // inside panels
  int gap = 4;              // between panels
  int radius = 4;           // panel corners
  double line_width = 1.5;  // graph lines

  static constexpr int kMinTextPx = 10;  // smaller is not legible on a 2.4" 320x240 panel

  /// The font for `role`, its size multiplied by `scale` and rounded (at least kMinTextPx).
  /// Titles are bold; mono uses mono_family.
  Font font(FontRole role, double scale = 1.0) const;

  bool operator==(const Theme&) const = default;
};

/// The built-in theme called `name`, or nothing.
std::optional<Theme> builtin_theme(std::string_view name);
/// "dark", "light", "bios".
std::span<const std::string_view> builtin_theme_names();

// One key of a [themes.NAME] table, as text ("#1e90ff", "12", "crisp", "DejaVu Sans").
struct ThemeSetting {
  std::string key;
  std::string value;
};

enum class ThemeKeyType { theme_name, colour, font_family, pixels, number, rendering };

struct ThemeKey {
  std::string_view key;
  ThemeKeyType type;
  std::string_view help;  // one line for the docs and the config UI
};

/// Every key make_theme() accepts, in the order the docs list them ("base" first).
std::span<const ThemeKey> theme_keys();

/// Builds the theme called `name` from `settings`. It starts from the built-in named by a
/// "base" setting, else from the built-in called `name`, else from "dark"; then applies the
/// other settings in order. On failure returns false, leaves `out` alone and sets `error` to
/// every problem found (unknown key, bad value, unknown base), separated by "; ".
[[nodiscard]] bool make_theme(std::string_view name, std::span<const ThemeSetting> settings,
                              Theme& out, std::string& error);

/// The current value of `key` in `theme`, as make_theme() reads it ("" for "base" and unknown
/// keys); for writing a config file with the defaults filled in.
std::string theme_value(const Theme& theme, std::string_view key);

}  // namespace tfts::draw
