// Rules that span keys: the default screen, legacy.screen, displays listed by two screens.
#include <gtest/gtest.h>

#include "message_matchers.h"
#include "tfts/config/config_loader.h"

namespace tfts::config {
namespace {

LoadResult parse(std::string_view text, const std::vector<std::string>& overrides = {}) {
  return parse_config(text, "rules.toml", overrides);
}

TEST(ConfigRules, NoScreenCreatesTheDefaultScreen) {
  const LoadResult r = parse("[server]\ndefault_screen = \"lobby\"\n");
  ASSERT_TRUE(is_clean(r));
  ASSERT_EQ(r.config.screens.size(), 1u);
  ScreenConfig expected;
  expected.name = "lobby";
  EXPECT_EQ(r.config.screens.at("lobby"), expected);
}

TEST(ConfigRules, DefaultScreenThatCannotBeANameIsAnError) {
  EXPECT_TRUE(has_error(parse("[server]\ndefault_screen = \"my lobby\"\n"),
                        "server.default_screen: \"my lobby\" cannot name a screen"));
}

TEST(ConfigRules, DefaultScreenMustExist) {
  const LoadResult r = parse("[screens.a]\n[screens.b]\n");
  EXPECT_TRUE(has_error(r, "server.default_screen: no screen is named \"main\" (screens: a, b)"));
  EXPECT_TRUE(parse("[screens.a]\n", {"server.default_screen=a"}).ok());
}

TEST(ConfigRules, ScreenNameComesFromTheTable) {
  const LoadResult r = parse("[server]\ndefault_screen = \"x\"\n[screens.x]\n[screens.y-2]\n");
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.screens.at("x").name, "x");
  EXPECT_EQ(r.config.screens.at("y-2").name, "y-2");
}

TEST(ConfigRules, LegacyScreenMustExistWhenSet) {
  EXPECT_TRUE(has_error(parse("[legacy]\nscreen = \"old\"\n"),
                        "legacy.screen: no screen is named \"old\" (screens: main)"));
  EXPECT_TRUE(is_clean(parse("[legacy]\nscreen = \"\"\n")));
  EXPECT_TRUE(is_clean(parse("[legacy]\nscreen = \"main\"\n")));
}

TEST(ConfigRules, DisplayListedByTwoScreensIsAnError) {
  const LoadResult r = parse(R"(
[screens.main]
displays = ["kitchen", "hall"]
[screens.side]
displays = ["hall"]
)");
  ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
  EXPECT_TRUE(has_error(r,
                        "screens.side.displays: display \"hall\" is already listed by "
                        "screens.main.displays"));
}

TEST(ConfigRules, DisplayListedTwiceByOneScreenIsAWarning) {
  const LoadResult r = parse("[screens.main]\ndisplays = [\"hall\", \"hall\"]\n");
  EXPECT_TRUE(r.ok()) << all_messages(r);
  EXPECT_TRUE(has_warning(r, "screens.main.displays: display \"hall\" is listed twice"));
}

TEST(ConfigRules, RulesSeeOverrides) {
  const LoadResult r = parse("[screens.main]\ndisplays = [\"a\"]\n", {"screens.side.displays=a"});
  EXPECT_TRUE(has_error(r, "display \"a\" is already listed by screens.main.displays"));
}

TEST(ConfigRules, RuleErrorsAddToValueErrors) {
  const LoadResult r = parse("[server]\nport = -5\ndefault_screen = \"x\"\n[screens.y]\n");
  EXPECT_EQ(r.errors.size(), 2u) << all_messages(r);
}

}  // namespace
}  // namespace tfts::config
