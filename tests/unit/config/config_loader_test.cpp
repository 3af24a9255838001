// Loading TOML: every type, type and range errors naming the key, all errors at once, unknown
// keys, syntax errors with their location, files.
#include "tfts/config/config_loader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "message_matchers.h"

namespace tfts::config {
namespace {

LoadResult parse(std::string_view text) { return parse_config(text, "test.toml", {}); }

TEST(ConfigLoader, ReadsEveryType) {
  const LoadResult r = parse(R"(
[server]
bind = "192.168.1.2"
port = 9000
http_bind = "0.0.0.0"
http_port = 0
max_in_flight = 4
keepalive_ms = 500
max_displays = 8
default_screen = "desk"
log_level = "debug"

[screens.desk]
source = "images:/srv/pics"
fps = 12.5
loop = false
theme = "light"
interval = 2.5
history = 60
crop = [10, 20, 640, 480]
rotation = 270
gamma = 2.2
white_balance = [1.0, 0.9, 1]
dither = true
max_error = 8
displays = ["kitchen", "hall"]

[legacy]
enabled = true
bind = "10.0.0.1"
port = 7000
width = 160
height = 128
max_packet = 4096
screen = "desk"
)");
  ASSERT_TRUE(is_clean(r));
  const ServerConfig& c = r.config;
  EXPECT_EQ(c.bind, "192.168.1.2");
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.http_bind, "0.0.0.0");
  EXPECT_EQ(c.http_port, 0);
  EXPECT_EQ(c.max_in_flight, 4);
  EXPECT_EQ(c.keepalive_ms, 500);
  EXPECT_EQ(c.max_displays, 8);
  EXPECT_EQ(c.default_screen, "desk");
  EXPECT_EQ(c.log_level, "debug");
  ASSERT_EQ(c.screens.size(), 1u);
  const ScreenConfig& s = c.screens.at("desk");
  EXPECT_EQ(s.name, "desk");
  EXPECT_EQ(s.source, "images:/srv/pics");
  EXPECT_EQ(s.fps, 12.5);
  EXPECT_FALSE(s.loop);
  EXPECT_EQ(s.theme, "light");
  EXPECT_EQ(s.interval, 2.5);
  EXPECT_EQ(s.history, 60);
  EXPECT_EQ(s.crop, (CropRect{10, 20, 640, 480}));
  EXPECT_EQ(s.rotation, 270);
  EXPECT_EQ(s.gamma, 2.2);
  EXPECT_EQ(s.white_balance, (std::array<double, 3>{1.0, 0.9, 1.0}));
  EXPECT_TRUE(s.dither);
  EXPECT_EQ(s.max_error, 8);
  EXPECT_EQ(s.displays, (std::vector<std::string>{"kitchen", "hall"}));
  EXPECT_TRUE(c.legacy.enabled);
  EXPECT_EQ(c.legacy.bind, "10.0.0.1");
  EXPECT_EQ(c.legacy.port, 7000);
  EXPECT_EQ(c.legacy.width, 160);
  EXPECT_EQ(c.legacy.height, 128);
  EXPECT_EQ(c.legacy.max_packet, 4096);
  EXPECT_EQ(c.legacy.screen, "desk");
}

TEST(ConfigLoader, FloatKeysTakeIntegers) {
  const LoadResult r = parse("[screens.main]\nfps = 25\ngamma = 2\n");
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.screens.at("main").fps, 25.0);
  EXPECT_EQ(r.config.screens.at("main").gamma, 2.0);
}

TEST(ConfigLoader, EmptyScreenTableDefinesAScreenWithDefaults) {
  const LoadResult r = parse("[server]\ndefault_screen = \"a\"\n[screens.a]\n[screens.b]\n");
  ASSERT_TRUE(is_clean(r));
  ASSERT_EQ(r.config.screens.size(), 2u);
  ScreenConfig expected;
  expected.name = "b";
  EXPECT_EQ(r.config.screens.at("b"), expected);
}

TEST(ConfigLoader, DottedKeysWork) {
  const LoadResult r = parse("server.port = 1234\nscreens.main.fps = 5\n");
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.port, 1234);
  EXPECT_EQ(r.config.screens.at("main").fps, 5.0);
}

TEST(ConfigLoader, WrongTypeNamesKeyAndLocation) {
  const LoadResult r = parse("[server]\nport = \"abc\"\n");
  EXPECT_TRUE(has_error(r, "test.toml:2:8: server.port: expected an integer, got string \"abc\""));
  EXPECT_EQ(r.config.port, 8888) << "a bad value leaves the default";
}

TEST(ConfigLoader, IntegerKeyRejectsFloat) {
  EXPECT_TRUE(has_error(parse("[server]\nport = 80.5\n"),
                        "server.port: expected an integer, got float 80.5"));
}

TEST(ConfigLoader, OutOfRangeNamesKeyAndBound) {
  const LoadResult r = parse("[screens.main]\ngamma = 7\nfps = 0.01\n[server]\nport = 70000\n");
  EXPECT_TRUE(has_error(r, "screens.main.gamma: 7 is above the maximum 5"));
  EXPECT_TRUE(has_error(r, "screens.main.fps: 0.01 is below the minimum 0.1"));
  EXPECT_TRUE(has_error(r, "server.port: 70000 is above the maximum 65535"));
}

TEST(ConfigLoader, AllowedValues) {
  const LoadResult r = parse("[server]\nlog_level = \"verbose\"\n[screens.main]\nrotation = 45\n");
  EXPECT_TRUE(
      has_error(r, "server.log_level: \"verbose\" is not one of trace, debug, info, warn, error"));
  EXPECT_TRUE(has_error(r, "screens.main.rotation: 45 is not one of 0, 90, 180, 270"));
}

TEST(ConfigLoader, CropRules) {
  EXPECT_TRUE(has_error(parse("[screens.main]\ncrop = [0, 0, 0, 10]\n"),
                        "screens.main.crop: w = 0 is below the minimum 1"));
  EXPECT_TRUE(has_error(parse("[screens.main]\ncrop = [-1, 0, 5, 5]\n"),
                        "screens.main.crop: x = -1 is below the minimum 0"));
  EXPECT_TRUE(has_error(parse("[screens.main]\ncrop = [1, 2, 3]\n"),
                        "screens.main.crop: expected an array of 4 integers"));
  EXPECT_TRUE(has_error(parse("[screens.main]\ncrop = [1, 2, 3, 4.5]\n"),
                        "screens.main.crop: expected an array of 4 integers"));
  EXPECT_TRUE(has_error(parse("[screens.main]\ncrop = [0, 0, 10, 99999999999]\n"),
                        "screens.main.crop: item 4: 99999999999 is out of range"));
}

TEST(ConfigLoader, WhiteBalanceRules) {
  EXPECT_TRUE(has_error(parse("[screens.main]\nwhite_balance = [1, 0.5, 5]\n"),
                        "screens.main.white_balance: b = 5 is above the maximum 4"));
  EXPECT_TRUE(has_error(parse("[screens.main]\nwhite_balance = 1.0\n"),
                        "screens.main.white_balance: expected an array of 3 numbers"));
  EXPECT_TRUE(has_error(parse("[screens.main]\nwhite_balance = [1, 1, nan]\n"),
                        "screens.main.white_balance: b = nan is not a number"));
}

TEST(ConfigLoader, DisplayListRules) {
  const std::string long_name(33, 'x');
  const LoadResult r = parse("[screens.main]\ndisplays = [\"\", \"ok\", \"" + long_name + "\"]\n");
  EXPECT_EQ(r.errors.size(), 2u) << all_messages(r);
  EXPECT_TRUE(has_error(r, "screens.main.displays: item 1 \"\" is shorter than 1 byte"));
  EXPECT_TRUE(
      has_error(r, "screens.main.displays: item 3 \"" + long_name + "\" is longer than 32 bytes"));
  EXPECT_TRUE(has_error(parse("[screens.main]\ndisplays = [\"a\", 3]\n"),
                        "screens.main.displays: item 2: expected a string, got integer 3"));
  EXPECT_TRUE(has_error(parse("[screens.main]\ndisplays = \"a\"\n"),
                        "screens.main.displays: expected an array of strings"));
}

TEST(ConfigLoader, ReportsEveryErrorAtOnce) {
  const LoadResult r = parse(R"(
[server]
port = "abc"
max_in_flight = 0
log_level = 3
[screens.main]
gamma = 7
loop = "yes"
[legacy]
width = 0
)");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors.size(), 6u) << all_messages(r);
  for (const char* key : {"server.port:", "server.max_in_flight:", "server.log_level:",
                          "screens.main.gamma:", "screens.main.loop:", "legacy.width:"}) {
    EXPECT_TRUE(has_error(r, key));
  }
}

TEST(ConfigLoader, UnknownKeysWarnWithSuggestion) {
  const LoadResult r = parse("[server]\nprot = 1\n[screens.main]\ngama = 2\n[sever]\nport = 1\n");
  EXPECT_TRUE(r.ok()) << all_messages(r);
  EXPECT_EQ(r.warnings.size(), 3u) << all_messages(r);
  EXPECT_TRUE(has_warning(r,
                          "test.toml:2:8: unknown key \"server.prot\" (did you mean "
                          "\"server.port\"?)"));
  EXPECT_TRUE(has_warning(r,
                          "unknown key \"screens.main.gama\" (did you mean "
                          "\"screens.main.gamma\"?)"));
  EXPECT_TRUE(has_warning(r, "unknown key \"sever.port\" (did you mean \"server.port\"?)"));
}

TEST(ConfigLoader, UnknownKeyFarFromAnyKeyHasNoSuggestion) {
  const LoadResult r = parse("[server]\ncompletely_different = 1\n");
  EXPECT_TRUE(has_warning(r, "unknown key \"server.completely_different\""));
  EXPECT_FALSE(has_warning(r, "did you mean"));
}

TEST(ConfigLoader, MisplacedTablesAreErrors) {
  EXPECT_TRUE(has_error(parse("server = 5\n"), "server: expected a table, got integer 5"));
  EXPECT_TRUE(has_error(parse("screens = [1]\n"), "screens: expected a table"));
  EXPECT_TRUE(
      has_error(parse("[screens]\nmain = 1\n"), "screens.main: expected a table, got integer 1"));
  EXPECT_TRUE(
      has_error(parse("[server.port]\nx = 1\n"), "server.port: expected an integer, got a table"));
}

TEST(ConfigLoader, BadScreenNameIsAnError) {
  const LoadResult r = parse("[screens.\"my screen\"]\nfps = 5\n");
  EXPECT_TRUE(has_error(r, "screens.\"my screen\": a screen name uses only letters"));
  EXPECT_EQ(r.config.screens.count("my screen"), 0u);
}

TEST(ConfigLoader, SyntaxErrorIsLocated) {
  const LoadResult r = parse("[server]\nport = 1\nbind = \"unterminated\n");
  ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
  EXPECT_TRUE(has_error(r, "test.toml:3:"));
  EXPECT_TRUE(has_error(r, "syntax error"));
}

TEST(ConfigLoader, SyntaxErrorStillChecksOverrides) {
  const LoadResult r = parse_config("[server\n", "test.toml", {"server.port=abc"});
  EXPECT_TRUE(has_error(r, "test.toml:1:"));
  EXPECT_TRUE(has_error(r, "server.port: expected an integer"));
}

TEST(ConfigLoader, DuplicateKeyIsASyntaxError) {
  EXPECT_TRUE(has_error(parse("[server]\nport = 1\nport = 2\n"), "test.toml:3:"));
}

TEST(ConfigLoader, LoadsAFile) {
  const std::string path = ::testing::TempDir() + "tfts_config_loader_test.toml";
  {
    std::ofstream out(path);
    out << "[server]\nport = 1234\n";
  }
  const LoadResult r = load_config(path, {"server.http_port=99"});
  std::remove(path.c_str());
  ASSERT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.port, 1234);
  EXPECT_EQ(r.config.http_port, 99);
}

TEST(ConfigLoader, MessagesNameTheFile) {
  const std::string path = ::testing::TempDir() + "tfts_config_loader_named.toml";
  {
    std::ofstream out(path);
    out << "[server]\nport = -1\n";
  }
  const LoadResult r = load_config(path, {});
  std::remove(path.c_str());
  EXPECT_TRUE(has_error(r, path + ":2:8: server.port: -1 is below the minimum 0"));
}

TEST(ConfigLoader, MissingFileIsAnError) {
  const LoadResult r = load_config("/nonexistent/tftstream.toml", {"server.port=x"});
  EXPECT_TRUE(has_error(r, "/nonexistent/tftstream.toml: cannot read the file"));
  EXPECT_TRUE(has_error(r, "server.port: expected an integer")) << "other problems still reported";
}

TEST(ConfigLoader, NoPathMeansDefaults) {
  const LoadResult r = load_config("", {});
  EXPECT_TRUE(is_clean(r));
  EXPECT_EQ(r.config.screens.size(), 1u);
}

}  // namespace
}  // namespace tfts::config
