// to_toml(): what it writes reads back to the same ServerConfig; and the documented example
// file loads clean.
#include <gtest/gtest.h>

#include "message_matchers.h"
#include "tfts/config/config_loader.h"

namespace tfts::config {
namespace {

// parse_config(to_toml(c)) must give c back, with no messages.
void expect_round_trip(const ServerConfig& c) {
  const std::string text = to_toml(c);
  const LoadResult r = parse_config(text, "written.toml", {});
  EXPECT_TRUE(is_clean(r)) << text;
  EXPECT_EQ(r.config, c) << "written:\n" << text << "read back:\n" << to_toml(r.config);
}

ScreenConfig screen(std::string name) {
  ScreenConfig s;
  s.name = std::move(name);
  return s;
}

TEST(ConfigWriter, DefaultsRoundTrip) {
  ServerConfig c;
  c.screens["main"] = screen("main");
  expect_round_trip(c);
}

TEST(ConfigWriter, EveryFieldRoundTrips) {
  ServerConfig c;
  c.bind = "::1";
  c.port = 0;
  c.http_bind = "0.0.0.0";
  c.http_port = 65535;
  c.max_in_flight = 16;
  c.keepalive_ms = 100;
  c.max_displays = 1;
  c.default_screen = "b";
  c.log_level = "trace";
  ScreenConfig a = screen("a");
  a.source = "images:C:\\pics \"best\"\tof";  // quotes, backslash and a tab need escaping
  a.fps = 0.1 + 0.2;                          // not exactly 0.3: needs all 17 digits
  a.loop = false;
  a.theme = "night";
  a.interval = 0.1;
  a.history = 3600;
  a.crop = CropRect{0, 1, 2, 3};
  a.rotation = 180;
  a.gamma = 1.0 / 3.0;
  a.white_balance = {0.0, 4.0, 1e-3};
  a.dither = true;
  a.max_error = 64;
  a.displays = {"x", std::string(32, 'y'), "caf\xc3\xa9"};
  c.screens["a"] = a;
  ScreenConfig b = screen("b");
  b.fps = 240;
  b.theme = "bios";
  b.interval = 3600;
  b.history = 2;
  c.screens["b"] = b;
  ThemeConfig& t = c.themes["night"];
  t.name = "night";
  t.base = "light";
  t.background = "#000000";
  t.panel = "#111111";
  t.text = "#AbCdEf";  // hex digits keep their case
  t.muted = "#333333";
  t.accent = "#444444";
  t.good = "#555555";
  t.warn = "#666666";
  t.bad = "#777777";
  t.grid = "#888888";
  t.font = "Noto \"Sans\"";
  t.mono_font = "Mono";
  t.title_size = 64;
  t.body_size = 1;
  t.small_size = 2;
  t.padding = 3;
  t.radius = 0;
  c.themes["plain"].name = "plain";
  c.legacy = {true, "10.0.0.9", 1, 4096, 1, 1048576, "a"};
  expect_round_trip(c);
}

TEST(ConfigWriter, MissingCropIsLeftOut) {
  ServerConfig c;
  c.screens["main"] = screen("main");
  const std::string text = to_toml(c);
  EXPECT_EQ(text.find("crop"), std::string::npos) << text;
  EXPECT_NE(text.find("[screens.main]"), std::string::npos) << text;
  EXPECT_NE(text.find("fps = 30.0"), std::string::npos) << "floats stay floats:\n" << text;
}

TEST(ConfigWriter, ThemesAreTablesAfterTheScreens) {
  ServerConfig c;
  c.screens["main"] = screen("main");
  EXPECT_EQ(to_toml(c).find("themes"), std::string::npos) << "no themes, no table";
  c.themes["night"].name = "night";
  c.themes["night"].accent = "#ff8800";
  const std::string text = to_toml(c);
  const size_t screens = text.find("[screens.main]");
  const size_t theme = text.find("[themes.night]\nbase = \"dark\"\nbackground = \"\"\n");
  const size_t legacy = text.find("[legacy]");
  ASSERT_NE(theme, std::string::npos) << text;
  EXPECT_LT(screens, theme) << text;
  EXPECT_LT(theme, legacy) << text;
  EXPECT_NE(text.find("accent = \"#ff8800\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("title_size = 0\n"), std::string::npos) << text;
  expect_round_trip(c);
}

TEST(ConfigWriter, ExampleFileLoadsClean) {
  const LoadResult r = load_config(TFTS_SOURCE_DIR "/docs/config.example.toml", {});
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.screens.size(), 3u);
  EXPECT_NE(r.config.screens.at("status").prometheus.find("node_memory_MemTotal_bytes"),
            std::string::npos);
  ASSERT_EQ(r.config.themes.size(), 1u);
  EXPECT_EQ(r.config.screens.at("main").theme, r.config.themes.begin()->first);
  EXPECT_FALSE(r.config.legacy.enabled);
  expect_round_trip(r.config);
}

TEST(ConfigWriter, ScreenDashboardTableIsKeptWholeAndWrittenBack) {
  const LoadResult r = parse_config(R"([server]
default_screen = "status"
[screens.status]
source = "prometheus"
[screens.status.prometheus]
url = "http://127.0.0.1:9090"
[[screens.status.prometheus.panel]]
title = "Load"
query = 'sum(rate(x{a="b"}[1m]))'
)",
                                    "dash.toml", {});
  ASSERT_TRUE(is_clean(r));
  const std::string& dashboard = r.config.screens.at("status").prometheus;
  EXPECT_NE(dashboard.find("url = 'http://127.0.0.1:9090'"), std::string::npos) << dashboard;
  EXPECT_NE(dashboard.find("[[panel]]"), std::string::npos) << dashboard;
  EXPECT_NE(dashboard.find(R"(query = 'sum(rate(x{a="b"}[1m]))')"), std::string::npos) << dashboard;
  expect_round_trip(r.config);
  EXPECT_NE(to_toml(r.config).find("[[screens.status.prometheus.panel]]"), std::string::npos);
}

TEST(ConfigWriter, InlineScreenDashboardTableIsKeptAsADocument) {
  const LoadResult r = parse_config(
      "[server]\ndefault_screen = \"status\"\n[screens.status]\nsource = \"prometheus\"\n"
      "prometheus = { url = \"http://127.0.0.1:9090\", panel = [{ query = \"up\" }] }\n",
      "dash.toml", {});
  ASSERT_TRUE(is_clean(r));
  const std::string& dashboard = r.config.screens.at("status").prometheus;
  EXPECT_EQ(dashboard.rfind("panel = ", 0), 0u) << dashboard;  // a document, not "{ ... }"
  EXPECT_NE(dashboard.find("url = 'http://127.0.0.1:9090'"), std::string::npos) << dashboard;
  expect_round_trip(r.config);
}

TEST(ConfigWriter, ScreenDashboardMustBeATable) {
  const LoadResult r = parse_config(
      "[server]\ndefault_screen = \"status\"\n[screens.status]\nprometheus = 3\n", "dash.toml", {});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "dash.toml:4:14: screens.status.prometheus: expected a table (a dashboard), got "
            "integer 3");
}

}  // namespace
}  // namespace tfts::config
