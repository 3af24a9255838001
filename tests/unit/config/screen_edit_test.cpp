// screen_values() and edit_screen(): the text the web UI shows and sends, and the checks a
// change gets (the same as a config file's).
#include "tfts/config/screen_edit.h"

#include <gtest/gtest.h>

#include <map>

#include "tfts/config/config_loader.h"

namespace tfts::config {
namespace {

ServerConfig two_screens() {
  const LoadResult r = parse_config(
      "[screens.main]\nsource = \"test\"\ncrop = [1, 2, 30, 40]\nwhite_balance = [1, 0.9, 0.25]\n"
      "displays = [\"a\", \"b\"]\n[screens.side]\nsource = \"bios\"\ndisplays = [\"c\"]\n",
      "test.toml", {});
  EXPECT_TRUE(r.ok());
  return r.config;
}

std::map<std::string, std::string> values(const ServerConfig& c, const std::string& name) {
  std::map<std::string, std::string> out;
  for (const auto& [key, text] : screen_values(c, name)) out[key] = text;
  return out;
}

TEST(ScreenEdit, ValuesAreOverrideText) {
  const auto v = values(two_screens(), "main");
  EXPECT_EQ(v.at("crop"), "1,2,30,40");
  EXPECT_EQ(v.at("white_balance"), "1,0.9,0.25");
  EXPECT_EQ(v.at("displays"), "a,b");
  EXPECT_EQ(v.at("fps"), "30");
  EXPECT_EQ(v.at("dither"), "false");
  EXPECT_EQ(v.at("rotation"), "0");
  EXPECT_EQ(v.size(), 13u);
  EXPECT_TRUE(screen_values(two_screens(), "nowhere").empty());
}

TEST(ScreenEdit, SendingTheValuesBackChangesNothing) {
  const ServerConfig c = two_screens();
  const ScreenEdit e = edit_screen(c, "main", screen_values(c, "main"));
  ASSERT_TRUE(e.ok()) << e.errors.front().message;
  EXPECT_EQ(e.config, c);
}

TEST(ScreenEdit, AChangeIsCheckedLikeAConfigFile) {
  const ServerConfig c = two_screens();
  ScreenEdit e = edit_screen(c, "main", {{"gamma", "2.2"}, {"crop", ""}, {"rotation", "270"}});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e.config.screens.at("main").gamma, 2.2);
  EXPECT_FALSE(e.config.screens.at("main").crop.has_value());
  EXPECT_EQ(e.config.screens.at("main").rotation, 270);
  EXPECT_EQ(e.config.screens.at("side"), c.screens.at("side"));

  e = edit_screen(c, "main", {{"gamma", "0"}, {"port", "1"}, {"crop", "1,2,3"}});
  ASSERT_EQ(e.errors.size(), 3u);
  EXPECT_EQ(e.errors[0].key, "gamma");
  EXPECT_EQ(e.errors[1].key, "port");
  EXPECT_EQ(e.errors[1].message, "not a screen setting");
  EXPECT_EQ(e.errors[2].key, "crop");

  // Rules that span keys: a display may be listed by one screen only.
  e = edit_screen(c, "side", {{"displays", "c,a"}});
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "");
  EXPECT_NE(e.errors[0].message.find("\"a\""), std::string::npos) << e.errors[0].message;
  e = edit_screen(c, "main", {{"theme", "nosuchtheme"}});
  EXPECT_FALSE(e.ok());
  EXPECT_FALSE(edit_screen(c, "nowhere", {}).ok());
}

}  // namespace
}  // namespace tfts::config
