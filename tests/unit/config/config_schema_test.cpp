// The schema table: its defaults agree with ServerConfig, every default passes its own checks,
// and the help text lists every key.
#include "tfts/config/config_schema.h"

#include <gtest/gtest.h>

#include <set>

#include "message_matchers.h"
#include "tfts/config/config_loader.h"

namespace tfts::config {
namespace {

std::string concrete(std::string_view pattern) {
  std::string key(pattern);
  if (const size_t star = key.find('*'); star != std::string::npos) key.replace(star, 1, "main");
  return key;
}

// Help texts are wrapped onto lines indented by four spaces; this joins them again.
std::string unwrapped(std::string_view text) {
  constexpr std::string_view kBreak = "\n    ";
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.substr(i, kBreak.size()) == kBreak) {
      out += ' ';
      i += kBreak.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

TEST(ConfigSchema, HoldsTheDocumentedKeys) {
  std::set<std::string> keys;
  for (const SchemaEntry& e : schema()) keys.emplace(e.key);
  const std::set<std::string> expected{"server.bind",          "server.port",
                                       "server.http_bind",     "server.http_port",
                                       "server.http_token",    "server.max_viewers",
                                       "server.max_in_flight", "server.keepalive_ms",
                                       "server.max_displays",  "server.default_screen",
                                       "server.log_level",     "screens.*.source",
                                       "screens.*.fps",        "screens.*.loop",
                                       "screens.*.crop",       "screens.*.rotation",
                                       "screens.*.gamma",      "screens.*.white_balance",
                                       "screens.*.dither",     "screens.*.max_error",
                                       "screens.*.displays",   "screens.*.theme",
                                       "screens.*.interval",   "screens.*.history",
                                       "themes.*.base",        "themes.*.background",
                                       "themes.*.panel",       "themes.*.text",
                                       "themes.*.muted",       "themes.*.accent",
                                       "themes.*.good",        "themes.*.warn",
                                       "themes.*.bad",         "themes.*.grid",
                                       "themes.*.font",        "themes.*.mono_font",
                                       "themes.*.title_size",  "themes.*.body_size",
                                       "themes.*.small_size",  "themes.*.mono_size",
                                       "themes.*.padding",     "themes.*.gap",
                                       "themes.*.radius",      "themes.*.line_width",
                                       "themes.*.text_rendering", "legacy.enabled",
                                       "legacy.bind",          "legacy.port",
                                       "legacy.width",         "legacy.height",
                                       "legacy.max_packet",    "legacy.screen"};
  EXPECT_EQ(keys, expected);
}

TEST(ConfigSchema, EveryEntryHasHelp) {
  for (const SchemaEntry& e : schema()) EXPECT_FALSE(e.help.empty()) << e.key;
}

// An empty file gives the schema's defaults; they must be ServerConfig's member defaults too,
// or code that builds a ServerConfig by hand would disagree with a loaded one.
TEST(ConfigSchema, DefaultsAgreeWithServerConfig) {
  const LoadResult r = parse_config("", "empty.toml", {});
  EXPECT_TRUE(is_clean(r));
  ServerConfig expected;
  expected.screens["main"].name = "main";
  EXPECT_EQ(r.config, expected) << to_toml(r.config);
}

TEST(ConfigSchema, DefaultsAgreeWithThemeConfig) {
  const LoadResult r = parse_config("[themes.t]\n", "theme.toml", {});
  EXPECT_TRUE(is_clean(r));
  ThemeConfig expected;
  expected.name = "t";
  ASSERT_EQ(r.config.themes.size(), 1u);
  EXPECT_EQ(r.config.themes.at("t"), expected) << to_toml(r.config);
}

// Every default_text is valid override syntax, within its own range, and equal to the member
// initialiser (an override of a theme key also creates theme "main").
TEST(ConfigSchema, EveryDefaultPassesItsOwnChecks) {
  for (const SchemaEntry& e : schema()) {
    const std::string key = concrete(e.key);
    const LoadResult r = parse_config("", "", {key + "=" + std::string(e.default_text)});
    EXPECT_TRUE(is_clean(r)) << key;
    ServerConfig expected;
    expected.screens["main"].name = "main";
    if (e.section() == Section::theme) expected.themes["main"].name = "main";
    EXPECT_EQ(r.config, expected) << key << " default differs from the member initialiser";
  }
}

TEST(ConfigSchema, FindsConcreteKeys) {
  const SchemaEntry* fps = find_entry("screens.lobby.fps");
  ASSERT_NE(fps, nullptr);
  EXPECT_EQ(fps->key, "screens.*.fps");
  EXPECT_EQ(fps->kind, Kind::real);
  EXPECT_EQ(fps->section(), Section::screen);
  ASSERT_NE(find_entry("legacy.port"), nullptr);
  EXPECT_EQ(find_entry("legacy.port")->section(), Section::legacy);
  EXPECT_EQ(find_entry("server.prot"), nullptr);
  EXPECT_EQ(find_entry("screens.fps"), nullptr);
  EXPECT_EQ(find_entry("server"), nullptr);
  const SchemaEntry* accent = find_entry("themes.night.accent");
  ASSERT_NE(accent, nullptr);
  EXPECT_EQ(accent->key, "themes.*.accent");
  EXPECT_EQ(accent->kind, Kind::color);
  EXPECT_EQ(accent->section(), Section::theme);
  EXPECT_EQ(find_entry("themes.accent"), nullptr);
  EXPECT_EQ(find_entry("themes.night.fps"), nullptr);
}

TEST(ConfigSchema, WildcardSections) {
  EXPECT_TRUE(is_wildcard(Section::screen));
  EXPECT_TRUE(is_wildcard(Section::theme));
  EXPECT_FALSE(is_wildcard(Section::server));
  EXPECT_FALSE(is_wildcard(Section::legacy));
}

TEST(ConfigSchema, ThemeBaseAllowsExactlyTheBuiltinThemes) {
  const SchemaEntry* base = find_entry("themes.x.base");
  ASSERT_NE(base, nullptr);
  const std::vector<std::string_view> allowed(base->allowed.begin(), base->allowed.end());
  const std::vector<std::string_view> builtin(builtin_themes().begin(), builtin_themes().end());
  EXPECT_EQ(allowed, builtin);
  EXPECT_EQ(builtin, (std::vector<std::string_view>{"dark", "light", "bios"}));
}

TEST(ConfigSchema, EntryForFindsTheKeyOfAField) {
  const SchemaEntry* e = entry_for(FieldOf<ScreenConfig>{&ScreenConfig::gamma});
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->key, "screens.*.gamma");
}

TEST(ConfigSchema, InstanceNames) {
  EXPECT_TRUE(is_valid_instance_name("main"));
  EXPECT_TRUE(is_valid_instance_name("Desk_2-left"));
  EXPECT_FALSE(is_valid_instance_name(""));
  EXPECT_FALSE(is_valid_instance_name("my screen"));
  EXPECT_FALSE(is_valid_instance_name("a.b"));
  EXPECT_FALSE(is_valid_instance_name("caf\xc3\xa9"));
}

TEST(ConfigSchema, HelpListsEveryKeyWithItsRangeAndHelp) {
  const std::string help = unwrapped(schema_help());
  for (const SchemaEntry& e : schema()) {
    EXPECT_NE(help.find(e.key), std::string::npos) << e.key;
    EXPECT_NE(help.find(e.help), std::string::npos) << e.key;
  }
  EXPECT_NE(help.find("0..65535"), std::string::npos);
  EXPECT_NE(help.find("trace|debug|info|warn|error"), std::string::npos);
  EXPECT_NE(help.find("0|90|180|270"), std::string::npos);
  EXPECT_NE(help.find("\"0.0.0.0\""), std::string::npos);
  EXPECT_NE(help.find("each 1..32 bytes"), std::string::npos);
  // The theme keys: the colour type and form, the built-in bases, the pixel range.
  const size_t accent = help.find("\nthemes.*.accent ");
  ASSERT_NE(accent, std::string::npos);
  const std::string accent_row = help.substr(accent + 1, help.find('\n', accent + 1) - accent);
  EXPECT_NE(accent_row.find(" colour "), std::string::npos) << accent_row;
  EXPECT_NE(accent_row.find("#RRGGBB or empty"), std::string::npos) << accent_row;
  EXPECT_NE(help.find("dark|light|bios"), std::string::npos);
  EXPECT_NE(help.find("0..64"), std::string::npos);
  EXPECT_NE(help.find("0..3600"), std::string::npos);
  EXPECT_NE(help.find("2..3600"), std::string::npos);
  EXPECT_NE(help.find("name of a screen or a theme"), std::string::npos);
}

}  // namespace
}  // namespace tfts::config
