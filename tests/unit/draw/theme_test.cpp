// Themes: the built-ins, and building a theme from [themes.NAME] settings as the config does.
#include "tfts/draw/theme.h"

#include <gtest/gtest.h>

#include <vector>

namespace tfts::draw {
namespace {

TEST(Theme, BuiltinsExistAndDiffer) {
  ASSERT_EQ(builtin_theme_names().size(), 3u);
  for (std::string_view name : builtin_theme_names()) {
    const std::optional<Theme> t = builtin_theme(name);
    ASSERT_TRUE(t) << name;
    EXPECT_EQ(t->name, name);
    EXPECT_NE(t->background, t->text) << name;
  }
  EXPECT_FALSE(builtin_theme("neon"));
  const Theme bios = *builtin_theme("bios");
  EXPECT_EQ(bios.background, 0x0000AAu);  // VGA blue
  EXPECT_EQ(bios.mono_family, "Terminus");
  EXPECT_EQ(bios.text_rendering, TextRendering::crisp);
}

TEST(Theme, FontsScaleButStayLegible) {
  const Theme t;
  EXPECT_EQ(t.font(FontRole::body).px, 12);
  EXPECT_TRUE(t.font(FontRole::title).bold);
  EXPECT_FALSE(t.font(FontRole::body).bold);
  EXPECT_EQ(t.font(FontRole::mono).family, t.mono_family);
  EXPECT_EQ(t.font(FontRole::title, 2.0).px, 28);
  EXPECT_EQ(t.font(FontRole::small, 0.5).px, Theme::kMinTextPx);
}

TEST(Theme, SettingsChangeABuiltin) {
  const std::vector<ThemeSetting> settings = {{"accent", "#ff8800"},    {"body_size", "13"},
                                              {"font", "DejaVu Serif"}, {"text_rendering", "crisp"},
                                              {"line_width", "2.5"},    {"radius", "0"}};
  Theme t;
  std::string error;
  ASSERT_TRUE(make_theme("dark", settings, t, error)) << error;
  EXPECT_EQ(t.name, "dark");
  EXPECT_EQ(t.accent, 0xFF8800u);
  EXPECT_EQ(t.body_px, 13);
  EXPECT_EQ(t.font_family, "DejaVu Serif");
  EXPECT_EQ(t.text_rendering, TextRendering::crisp);
  EXPECT_EQ(t.line_width, 2.5);
  EXPECT_EQ(t.radius, 0);
  EXPECT_EQ(t.background, builtin_theme("dark")->background);  // the rest stays
}

TEST(Theme, NewThemeStartsFromBaseOrDark) {
  Theme t;
  std::string error;
  const std::vector<ThemeSetting> from_bios = {{"base", "bios"}, {"accent", "#00ffff"}};
  ASSERT_TRUE(make_theme("retro", from_bios, t, error)) << error;
  EXPECT_EQ(t.name, "retro");
  EXPECT_EQ(t.background, 0x0000AAu);
  EXPECT_EQ(t.accent, 0x00FFFFu);
  ASSERT_TRUE(make_theme("plain", {}, t, error)) << error;
  EXPECT_EQ(t.background, builtin_theme("dark")->background);
}

TEST(Theme, ReportsEveryProblemAndKeepsOutput) {
  const std::vector<ThemeSetting> settings = {
      {"base", "neon"}, {"accent", "orange"},         {"colour", "#fff"},   {"body_size", "4"},
      {"padding", "x"}, {"text_rendering", "blurry"}, {"line_width", "100"}};
  Theme t;
  t.name = "unchanged";
  std::string error;
  EXPECT_FALSE(make_theme("mine", settings, t, error));
  EXPECT_EQ(t.name, "unchanged");
  for (const char* part : {"'base'", "'accent'", "unknown theme key 'colour'", "'body_size'",
                           "'padding'", "'text_rendering'", "'line_width'"}) {
    EXPECT_NE(error.find(part), std::string::npos) << part << " in: " << error;
  }
}

TEST(Theme, EveryKeyReadsBackItsValue) {
  const Theme bios = *builtin_theme("bios");
  std::vector<ThemeSetting> settings;
  for (const ThemeKey& key : theme_keys()) {
    if (key.key == "base") continue;
    EXPECT_FALSE(key.help.empty()) << key.key;
    const std::string value = theme_value(bios, key.key);
    EXPECT_FALSE(value.empty()) << key.key;
    settings.push_back({std::string(key.key), value});
  }
  Theme rebuilt;
  std::string error;
  ASSERT_TRUE(make_theme("bios", settings, rebuilt, error)) << error;
  EXPECT_EQ(rebuilt, bios);
  EXPECT_EQ(theme_value(bios, "nonsense"), "");
}

}  // namespace
}  // namespace tfts::draw
