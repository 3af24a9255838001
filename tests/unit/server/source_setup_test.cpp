// From [themes.NAME] tables and screen keys to the SourceSpec the source factory gets: every
// theme key of the config reaches the drawing kit's Theme.
#include <gtest/gtest.h>

#include <algorithm>

#include "tfts/config/config_loader.h"
#include "tfts/config/config_schema.h"
#include "tfts/server/source_setup.h"

namespace tfts::server {
namespace {

TEST(SourceSetup, ConfigAndDrawingKitKnowTheSameBuiltInThemes) {
  const auto a = config::builtin_themes();
  const auto b = draw::builtin_theme_names();
  ASSERT_EQ(a.size(), b.size());
  EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin()));
}

TEST(SourceSetup, EveryThemeKeyReachesTheTheme) {
  const config::LoadResult r = config::parse_config(R"(
[themes.night]
base = "light"
background = "#010203"
panel = "#040506"
text = "#070809"
muted = "#0a0b0c"
accent = "#0d0e0f"
good = "#101112"
warn = "#131415"
bad = "#161718"
grid = "#191a1b"
font = "DejaVu Serif"
mono_font = "Terminus"
title_size = 21
body_size = 13
small_size = 11
mono_size = 15
padding = 7
gap = 5
radius = 9
line_width = 2.5
text_rendering = "crisp"
[screens.main]
source = "cpu"
theme = "night"
interval = 2
history = 30
)",
                                                    "t.toml", {});
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0]);
  std::string error;
  const auto spec = source_spec_for(r.config, r.config.screens.at("main"), error);
  ASSERT_TRUE(spec) << error;
  EXPECT_EQ(spec->interval_s, 2);
  EXPECT_EQ(spec->history, 30);
  ASSERT_TRUE(spec->theme);
  const draw::Theme& t = *spec->theme;
  EXPECT_EQ(t.font_family, "DejaVu Serif");
  EXPECT_EQ(t.mono_family, "Terminus");
  EXPECT_EQ(t.title_px, 21);
  EXPECT_EQ(t.body_px, 13);
  EXPECT_EQ(t.small_px, 11);
  EXPECT_EQ(t.mono_px, 15);
  EXPECT_EQ(t.padding, 7);
  EXPECT_EQ(t.gap, 5);
  EXPECT_EQ(t.radius, 9);
  EXPECT_EQ(t.line_width, 2.5);
  EXPECT_EQ(t.text_rendering, draw::TextRendering::crisp);
  EXPECT_NE(*spec->theme, *draw::builtin_theme("light"));
}

TEST(SourceSetup, BuiltInThemeByNameAndNoThemeByDefault) {
  const config::LoadResult r = config::parse_config(
      "[screens.main]\nsource = \"bios\"\n[screens.side]\nsource = \"cpu\"\ntheme = \"light\"\n",
      "t.toml", {});
  ASSERT_TRUE(r.ok());
  std::string error;
  EXPECT_FALSE(source_spec_for(r.config, r.config.screens.at("main"), error)->theme);
  EXPECT_EQ(*source_spec_for(r.config, r.config.screens.at("side"), error)->theme,
            *draw::builtin_theme("light"));
}

}  // namespace
}  // namespace tfts::server
