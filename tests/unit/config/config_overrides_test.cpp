// "key=value" overrides: every type from text, order, screen creation, and their errors.
#include <gtest/gtest.h>

#include "message_matchers.h"
#include "tfts/config/config_loader.h"

namespace tfts::config {
namespace {

LoadResult apply(const std::vector<std::string>& overrides, std::string_view toml = "") {
  return parse_config(toml, "test.toml", overrides);
}

TEST(ConfigOverrides, ParseEveryType) {
  const LoadResult r = apply({
      "server.bind=10.1.2.3",
      "server.port=9000",
      "server.log_level=warn",
      "screens.main.fps=12.5",
      "screens.main.loop=no",
      "screens.main.theme=bios",
      "screens.main.interval=10",
      "screens.main.history=2",
      "screens.main.crop=1,2,30,40",
      "screens.main.rotation=90",
      "screens.main.white_balance=1, 0.75 ,2",
      "screens.main.dither=yes",
      "screens.main.displays=kitchen, hall",
      "legacy.enabled=1",
      "legacy.screen=main",
  });
  ASSERT_TRUE(is_clean(r));
  const ServerConfig& c = r.config;
  EXPECT_EQ(c.bind, "10.1.2.3");
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.log_level, "warn");
  const ScreenConfig& s = c.screens.at("main");
  EXPECT_EQ(s.fps, 12.5);
  EXPECT_FALSE(s.loop);
  EXPECT_EQ(s.theme, "bios");
  EXPECT_EQ(s.interval, 10.0);
  EXPECT_EQ(s.history, 2);
  EXPECT_EQ(s.crop, (CropRect{1, 2, 30, 40}));
  EXPECT_EQ(s.rotation, 90);
  EXPECT_EQ(s.white_balance, (std::array<double, 3>{1.0, 0.75, 2.0}));
  EXPECT_TRUE(s.dither);
  EXPECT_EQ(s.displays, (std::vector<std::string>{"kitchen", "hall"}));
  EXPECT_TRUE(c.legacy.enabled);
  EXPECT_EQ(c.legacy.screen, "main");
}

TEST(ConfigOverrides, BooleanSpellings) {
  for (const char* yes : {"true", "yes", "1", "TRUE", "Yes"}) {
    const LoadResult r = apply({std::string("screens.main.dither=") + yes});
    ASSERT_TRUE(is_clean(r)) << yes;
    EXPECT_TRUE(r.config.screens.at("main").dither) << yes;
  }
  for (const char* no : {"false", "no", "0"}) {
    const LoadResult r = apply({std::string("screens.main.loop=") + no});
    ASSERT_TRUE(is_clean(r)) << no;
    EXPECT_FALSE(r.config.screens.at("main").loop) << no;
  }
  EXPECT_TRUE(has_error(apply({"screens.main.loop=maybe"}),
                        "screens.main.loop: expected true/false, yes/no or 1/0, got \"maybe\""));
}

TEST(ConfigOverrides, EmptyValuesClearListsAndCrop) {
  const LoadResult r = apply({"screens.main.crop=", "screens.main.displays="},
                             "[screens.main]\ncrop = [0, 0, 8, 8]\ndisplays = [\"a\"]\n");
  ASSERT_TRUE(is_clean(r));
  EXPECT_FALSE(r.config.screens.at("main").crop.has_value());
  EXPECT_TRUE(r.config.screens.at("main").displays.empty());
}

TEST(ConfigOverrides, ApplyAfterTheFileAndInOrder) {
  const LoadResult r =
      apply({"server.port=1", "server.port=2"}, "[server]\nport = 5\nhttp_port = 6\n");
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.port, 2);
  EXPECT_EQ(r.config.http_port, 6);
}

TEST(ConfigOverrides, CreateTheScreenTheyName) {
  const LoadResult r =
      apply({"screens.side.fps=10", "screens.side.displays=lobby"}, "[screens.main]\nfps = 20\n");
  ASSERT_TRUE(is_clean(r));
  ASSERT_EQ(r.config.screens.size(), 2u);
  const ScreenConfig& side = r.config.screens.at("side");
  EXPECT_EQ(side.name, "side");
  EXPECT_EQ(side.fps, 10.0);
  EXPECT_EQ(side.gamma, 1.0) << "the rest are defaults";
  EXPECT_EQ(r.config.screens.at("main").fps, 20.0);
}

TEST(ConfigOverrides, StringsKeepInnerSpacesAndEquals) {
  const LoadResult r = apply({" screens.main.source = images:/my pics/a=b "});
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.screens.at("main").source, "images:/my pics/a=b");
}

TEST(ConfigOverrides, WrongTypeAndRangeNameTheKey) {
  const LoadResult r = apply({"server.port=abc", "screens.main.gamma=7", "server.port=8888x",
                              "screens.main.crop=1,2,3", "screens.main.white_balance=1,x,1"});
  EXPECT_EQ(r.errors.size(), 5u) << all_messages(r);
  EXPECT_TRUE(has_error(r,
                        "override \"server.port=abc\": server.port: expected an integer, "
                        "got \"abc\""));
  EXPECT_TRUE(has_error(r, "screens.main.gamma: 7 is above the maximum 5"));
  EXPECT_TRUE(has_error(r, "server.port: expected an integer, got \"8888x\""));
  EXPECT_TRUE(has_error(r, "screens.main.crop: expected 4 integers x,y,w,h, got \"1,2,3\""));
  EXPECT_TRUE(has_error(r, "screens.main.white_balance: expected 3 numbers r,g,b"));
}

TEST(ConfigOverrides, MissingEqualsIsAnError) {
  EXPECT_TRUE(has_error(apply({"server.port"}), "override \"server.port\": expected key=value"));
}

TEST(ConfigOverrides, UnknownKeyIsAnErrorWithSuggestion) {
  const LoadResult r = apply({"server.prot=1", "screens.main.gama=2", "nothing.like.it=1"});
  EXPECT_EQ(r.errors.size(), 3u) << all_messages(r);
  EXPECT_TRUE(has_error(r, "unknown key \"server.prot\" (did you mean \"server.port\"?)"));
  EXPECT_TRUE(has_error(r, "(did you mean \"screens.main.gamma\"?)"));
  EXPECT_TRUE(has_error(r, "unknown key \"nothing.like.it\""));
}

TEST(ConfigOverrides, BadScreenNameIsAnError) {
  const LoadResult r = apply({"screens.my screen.fps=5"});
  EXPECT_TRUE(has_error(r, "screens.my screen.fps: a screen name uses only letters"));
  EXPECT_EQ(r.config.screens.count("my screen"), 0u);
}

}  // namespace
}  // namespace tfts::config
