// [themes.NAME] and the screen keys of rendered sources (theme, interval, history): reading,
// overrides, colour validation, the rule that a screen's theme exists, and themes going through
// the same wildcard machinery as screens (names, unknown keys, misplaced tables).
#include <gtest/gtest.h>

#include "message_matchers.h"
#include "tfts/config/config_loader.h"

namespace tfts::config {
namespace {

LoadResult parse(std::string_view text, const std::vector<std::string>& overrides = {}) {
  return parse_config(text, "themes.toml", overrides);
}

TEST(ConfigThemes, ReadsEveryThemeKeyAndTheScreenKeys) {
  const LoadResult r = parse(R"(
[screens.main]
theme = "night"
interval = 0.5
history = 300

[themes.night]
base = "light"
background = "#000000"
panel = "#101820"
text = "#E0E0E0"
muted = "#808080"
accent = "#ff8800"
good = "#00C000"
warn = "#e0c000"
bad = "#FF0000"
grid = "#202020"
font = "DejaVu Sans"
mono_font = "DejaVu Sans Mono"
title_size = 24
body_size = 16
small_size = 10
padding = 6
radius = 32
)");
  ASSERT_TRUE(is_clean(r));
  const ScreenConfig& s = r.config.screens.at("main");
  EXPECT_EQ(s.theme, "night");
  EXPECT_EQ(s.interval, 0.5);
  EXPECT_EQ(s.history, 300);
  ASSERT_EQ(r.config.themes.size(), 1u);
  const ThemeConfig& t = r.config.themes.at("night");
  EXPECT_EQ(t.name, "night");
  EXPECT_EQ(t.base, "light");
  EXPECT_EQ(t.background, "#000000");
  EXPECT_EQ(t.panel, "#101820");
  EXPECT_EQ(t.text, "#E0E0E0") << "kept as written";
  EXPECT_EQ(t.muted, "#808080");
  EXPECT_EQ(t.accent, "#ff8800");
  EXPECT_EQ(t.good, "#00C000");
  EXPECT_EQ(t.warn, "#e0c000");
  EXPECT_EQ(t.bad, "#FF0000");
  EXPECT_EQ(t.grid, "#202020");
  EXPECT_EQ(t.font, "DejaVu Sans");
  EXPECT_EQ(t.mono_font, "DejaVu Sans Mono");
  EXPECT_EQ(t.title_size, 24);
  EXPECT_EQ(t.body_size, 16);
  EXPECT_EQ(t.small_size, 10);
  EXPECT_EQ(t.padding, 6);
  EXPECT_EQ(t.radius, 32);
}

TEST(ConfigThemes, NoThemesByDefault) {
  const LoadResult r = parse("");
  ASSERT_TRUE(is_clean(r));
  EXPECT_TRUE(r.config.themes.empty());
  EXPECT_EQ(r.config.screens.at("main").theme, "");
  EXPECT_EQ(r.config.screens.at("main").interval, 0.0);  // the source's own default
  EXPECT_EQ(r.config.screens.at("main").history, 120);
}

TEST(ConfigThemes, OverridesCreateTheThemeTheyName) {
  const LoadResult r = parse(
      "[themes.day]\nbase = \"light\"\n",
      {"themes.night.accent=#FF8800", "themes.night.title_size=20", "themes.night.font=Noto Sans",
       "screens.main.theme=night", "screens.main.interval=0.25", "screens.main.history=3600"});
  ASSERT_TRUE(is_clean(r));
  ASSERT_EQ(r.config.themes.size(), 2u);
  const ThemeConfig& night = r.config.themes.at("night");
  EXPECT_EQ(night.name, "night");
  EXPECT_EQ(night.accent, "#FF8800");
  EXPECT_EQ(night.title_size, 20);
  EXPECT_EQ(night.font, "Noto Sans");
  EXPECT_EQ(night.base, "dark") << "the rest are defaults";
  EXPECT_EQ(night.background, "");
  EXPECT_EQ(r.config.themes.at("day").base, "light");
  const ScreenConfig& s = r.config.screens.at("main");
  EXPECT_EQ(s.theme, "night");
  EXPECT_EQ(s.interval, 0.25);
  EXPECT_EQ(s.history, 3600);
}

TEST(ConfigThemes, ColoursMustBeHashAndSixHexDigits) {
  const LoadResult r = parse(R"(
[themes.night]
background = "#12345"
panel = "123456"
text = "#12345g"
muted = "#1234567"
accent = "red"
good = "#aBcDeF"
warn = ""
grid = 1122867
)");
  EXPECT_EQ(r.errors.size(), 6u) << all_messages(r);
  EXPECT_TRUE(has_error(
      r, "themes.toml:3:14: themes.night.background: \"#12345\" is not a colour (#RRGGBB)"));
  EXPECT_TRUE(has_error(r, "themes.night.panel: \"123456\" is not a colour (#RRGGBB)"));
  EXPECT_TRUE(has_error(r, "themes.night.text: \"#12345g\" is not a colour (#RRGGBB)"));
  EXPECT_TRUE(has_error(r, "themes.night.muted: \"#1234567\" is not a colour (#RRGGBB)"));
  EXPECT_TRUE(has_error(r, "themes.night.accent: \"red\" is not a colour (#RRGGBB)"));
  EXPECT_TRUE(
      has_error(r, "themes.night.grid: expected a string \"#RRGGBB\", got integer 1122867"));
  EXPECT_EQ(r.config.themes.at("night").good, "#aBcDeF");
  EXPECT_EQ(r.config.themes.at("night").background, "") << "a bad value leaves the default";
}

TEST(ConfigThemes, OverrideColoursAreCheckedToo) {
  const LoadResult r =
      parse("", {"themes.night.grid=#zzzzzz", "themes.night.bad=", "themes.night.good= #00ff00 "});
  EXPECT_EQ(r.errors.size(), 1u) << all_messages(r);
  EXPECT_TRUE(has_error(r,
                        "override \"themes.night.grid=#zzzzzz\": themes.night.grid: \"#zzzzzz\" "
                        "is not a colour (#RRGGBB)"));
  EXPECT_EQ(r.config.themes.at("night").good, "#00ff00") << "trimmed like every override";
}

TEST(ConfigThemes, RangesAndAllowedValues) {
  const LoadResult r = parse(R"(
[screens.main]
interval = -1
history = 1
[screens.side]
interval = 3601
history = 3601
[themes.night]
base = "blue"
title_size = 65
padding = -1
)");
  EXPECT_EQ(r.errors.size(), 7u) << all_messages(r);
  EXPECT_TRUE(has_error(r, "screens.main.interval: -1 is below the minimum 0"));
  EXPECT_TRUE(has_error(r, "screens.main.history: 1 is below the minimum 2"));
  EXPECT_TRUE(has_error(r, "screens.side.interval: 3601 is above the maximum 3600"));
  EXPECT_TRUE(has_error(r, "screens.side.history: 3601 is above the maximum 3600"));
  EXPECT_TRUE(has_error(r, "themes.night.base: \"blue\" is not one of dark, light, bios"));
  EXPECT_TRUE(has_error(r, "themes.night.title_size: 65 is above the maximum 64"));
  EXPECT_TRUE(has_error(r, "themes.night.padding: -1 is below the minimum 0"));
}

TEST(ConfigThemes, ScreenThemeIsBuiltinOrDefined) {
  for (const char* name : {"", "dark", "light", "bios"}) {
    EXPECT_TRUE(is_clean(parse(std::string("[screens.main]\ntheme = \"") + name + "\"\n"))) << name;
  }
  EXPECT_TRUE(is_clean(parse("[screens.main]\ntheme = \"night\"\n[themes.night]\n")));
}

TEST(ConfigThemes, UnknownScreenThemeIsAnErrorNamingTheKey) {
  EXPECT_TRUE(has_error(parse("[screens.main]\ntheme = \"nigth\"\n[themes.night]\n[themes.day]\n"),
                        "screens.main.theme: no theme is named \"nigth\" (built-in: dark, light, "
                        "bios; defined: day, night)"));
  EXPECT_TRUE(has_error(parse("[screens.main]\ntheme = \"Dark\"\n"),
                        "screens.main.theme: no theme is named \"Dark\" (built-in: dark, light, "
                        "bios)"));
}

TEST(ConfigThemes, ThemeRuleSeesOverrides) {
  EXPECT_TRUE(is_clean(parse("[screens.main]\ntheme = \"night\"\n", {"themes.night.base=bios"})));
  EXPECT_TRUE(has_error(parse("[themes.night]\n", {"screens.side.theme=day"}),
                        "screens.side.theme: no theme is named \"day\""));
}

TEST(ConfigThemes, ThemeMayNotTakeABuiltinName) {
  const LoadResult r =
      parse("[themes.dark]\naccent = \"#ff0000\"\n[screens.main]\ntheme = \"dark\"\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
  EXPECT_TRUE(
      has_error(r, "themes.dark: \"dark\" is a built-in theme; give this one another name"));
}

TEST(ConfigThemes, BadThemeNameIsAnError) {
  const LoadResult r = parse("[themes.\"my theme\"]\naccent = \"#000000\"\n");
  EXPECT_TRUE(has_error(r, "themes.\"my theme\": a theme name uses only letters"));
  EXPECT_TRUE(r.config.themes.empty());
  const LoadResult o = parse("", {"themes.my theme.accent=#000000"});
  EXPECT_TRUE(has_error(o, "themes.my theme.accent: a theme name uses only letters"));
  EXPECT_TRUE(o.config.themes.empty());
}

TEST(ConfigThemes, UnknownThemeKeysWarnWithSuggestion) {
  const LoadResult r = parse("[themes.night]\nacent = \"#000000\"\n");
  EXPECT_TRUE(r.ok()) << all_messages(r);
  EXPECT_TRUE(has_warning(r,
                          "themes.toml:2:9: unknown key \"themes.night.acent\" (did you mean "
                          "\"themes.night.accent\"?)"));
  EXPECT_EQ(r.config.themes.count("night"), 1u) << "the table still defines the theme";
  EXPECT_TRUE(has_error(parse("", {"themes.night.mono_fnt=x"}),
                        "unknown key \"themes.night.mono_fnt\" (did you mean "
                        "\"themes.night.mono_font\"?)"));
  EXPECT_TRUE(has_warning(parse("[screens.main]\nhistroy = 5\n"),
                          "(did you mean \"screens.main.history\"?)"));
}

TEST(ConfigThemes, MisplacedThemeTablesAreErrors) {
  EXPECT_TRUE(has_error(parse("themes = 1\n"), "themes: expected a table, got integer 1"));
  EXPECT_TRUE(
      has_error(parse("[themes]\nnight = 1\n"), "themes.night: expected a table, got integer 1"));
}

TEST(ConfigThemes, DottedKeysWork) {
  const LoadResult r = parse("themes.night.accent = \"#010203\"\nscreens.main.history = 9\n");
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.themes.at("night").accent, "#010203");
  EXPECT_EQ(r.config.screens.at("main").history, 9);
}

}  // namespace
}  // namespace tfts::config
