// Viewers and runtime changes, end to end in one process: real sockets on loopback, the real
// decoder in TcpDisplay, sources from PNG files the tests write (docs/http-api.md).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "background_display.h"
#include "server_fixture.h"
#include "support/temp_dir.h"
#include "tfts/config/config_loader.h"
#include "tfts/server/screen_feed.h"

namespace tfts::server {
namespace {

using namespace std::chrono_literals;
using testing::BackgroundDisplay;
using testing::display_options;
using testing::eventually;
using testing::expected_target;
using testing::loopback_config;
using testing::RunningServer;

// A picture with detail everywhere, so colour, crop and rotation all show.
void write_pattern(const test::TempDir& dir, const std::string& name, int w, int h, int seed) {
  core::RgbPlane p(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      p.at(x, y) = static_cast<uint32_t>((x * 3 + seed * 40) & 255) << 16 |
                   static_cast<uint32_t>((y * 5 + seed * 17) & 255) << 8 |
                   static_cast<uint32_t>(((x ^ y) + seed * 90) & 255);
    }
  }
  std::string error;
  ASSERT_TRUE(core::save_png(dir.file(name), p, error)) << error;
}

// What the server's pipeline makes of `png` for a w x h display under screen settings `s`.
core::Rgb565Plane target_with(const std::string& png, int w, int h, const config::ScreenConfig& s) {
  core::RgbPlane src;
  std::string error;
  EXPECT_TRUE(core::load_png(png, src, error)) << error;
  ScreenFeed feed(w, h, s);
  return feed.produce(apply_crop(src, s.crop), Clock::now())->target;
}

const DisplayStatus* find_display(const ServerStatus& st, const std::string& name) {
  for (const auto& d : st.displays) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

// Waits until display `name` has acknowledged more than `acked` frames and holds none in
// flight: with a still source, it then shows the newest frame.
bool settles_after(RunningServer& server, const std::string& name, uint64_t acked) {
  return eventually([&] {
    const ServerStatus st = server->status();
    const DisplayStatus* d = find_display(st, name);
    return d && d->frames_acked > acked && d->in_flight == 0;
  });
}

uint64_t acked(RunningServer& server, const std::string& name) {
  const ServerStatus st = server->status();
  const DisplayStatus* d = find_display(st, name);
  return d ? d->frames_acked : 0;
}

// The network thread's calls, made from the test's thread as the HTTP routes make them.
config::ScreenEdit change(Server& server, const std::string& screen,
                          const std::vector<config::KeyText>& changes) {
  config::ScreenEdit edit;
  EXPECT_TRUE(server.run_on_network_thread([&] { edit = server.change_screen(screen, changes); }));
  return edit;
}

config::ServerConfig running_config(Server& server) {
  config::ServerConfig cfg;
  EXPECT_TRUE(server.run_on_network_thread([&] { cfg = server.config(); }));
  return cfg;
}

bool saved(Server& server) {
  bool yes = false;
  EXPECT_TRUE(server.run_on_network_thread([&] { yes = server.config_saved(); }));
  return yes;
}

bool save(Server& server, std::string& error) {
  bool ok = false;
  size_t bytes = 0;
  EXPECT_TRUE(server.run_on_network_thread([&] { ok = server.save_config(error, bytes); }));
  return ok && bytes > 0;
}

TEST(Viewers, WatchADisplayWithoutCountingAsOne) {
  test::TempDir dir;
  write_pattern(dir, "a.png", 160, 120, 1);
  RunningServer server(loopback_config("images:" + dir.path()));
  BackgroundDisplay desk(display_options(server.port(), "desk", 80, 60));
  sim::TcpDisplayOptions v = display_options(server.port(), "desk", 80, 60);
  v.role = proto::Role::viewer;
  BackgroundDisplay viewer(v);
  sim::TcpDisplayOptions s = display_options(server.port(), "screen:main", 40, 30);
  s.role = proto::Role::viewer;
  BackgroundDisplay screen_viewer(s);
  ASSERT_TRUE(eventually([&] {
    const auto st = server->status();
    return st.displays.size() == 1 && st.viewers.size() == 2 && st.viewers[0].frames_acked >= 1 &&
           st.viewers[1].frames_acked >= 1 && st.displays[0].frames_acked >= 1;
  }));
  const auto st = server->status();
  EXPECT_EQ(st.displays[0].name, "desk");
  viewer.stop();
  screen_viewer.stop();
  desk.stop();
  EXPECT_EQ(viewer.display().framebuffer(), expected_target(dir.file("a.png"), 80, 60));
  EXPECT_EQ(viewer.display().framebuffer(), desk.display().framebuffer());
  EXPECT_EQ(screen_viewer.display().framebuffer(), expected_target(dir.file("a.png"), 40, 30));
}

TEST(Viewers, UnknownScreensAndViewersBeyondTheLimitAreRefused) {
  test::TempDir dir;
  dir.write_png("a.png", 32, 24, 0x336699);
  auto cfg = loopback_config("images:" + dir.path());
  cfg.max_viewers = 1;
  RunningServer server(cfg);
  sim::TcpDisplayOptions first = display_options(server.port(), "screen:main", 32, 24);
  first.role = proto::Role::viewer;
  first.max_seconds = 2;

  sim::TcpDisplayOptions lost = first;
  lost.name = "screen:nowhere";
  sim::TcpDisplay nowhere(lost);
  nowhere.run();
  EXPECT_EQ(nowhere.stats().last_error, "server said bye: protocol_violation");
  EXPECT_EQ(nowhere.stats().connects, 0u);

  first.max_seconds = 0;
  BackgroundDisplay admitted(first);
  ASSERT_TRUE(eventually([&] { return server->status().viewers.size() == 1; }));
  sim::TcpDisplayOptions more = first;
  more.max_seconds = 2;
  sim::TcpDisplay second(more);
  second.run();
  EXPECT_EQ(second.stats().last_error, "server said bye: server_full");
  EXPECT_EQ(second.stats().connects, 0u);
  // Viewers take no display's place.
  BackgroundDisplay display(display_options(server.port(), "desk", 32, 24));
  EXPECT_TRUE(eventually([&] { return server->status().displays.size() == 1; }));
}

TEST(ScreenControl, ColourCropAndRotationReachConnectedDisplays) {
  test::TempDir dir;
  write_pattern(dir, "a.png", 160, 120, 2);
  RunningServer server(loopback_config("images:" + dir.path()));
  BackgroundDisplay desk(display_options(server.port(), "desk", 80, 60));
  ASSERT_TRUE(settles_after(server, "desk", 0));
  const uint64_t before = acked(server, "desk");
  const config::ScreenEdit edit = change(
      *server, "main",
      {{"gamma", "2.2"}, {"white_balance", "1,0.8,0.6"}, {"crop", "10,20,100,80"}, {"rotation", "180"}});
  ASSERT_TRUE(edit.ok()) << edit.errors.front().message;
  ASSERT_TRUE(settles_after(server, "desk", before));
  std::this_thread::sleep_for(200ms);  // nothing more may follow
  desk.stop();
  const config::ScreenConfig now = running_config(*server).screens.at("main");
  EXPECT_EQ(now.gamma, 2.2);
  EXPECT_EQ(now.rotation, 180);
  EXPECT_EQ(desk.display().framebuffer(), target_with(dir.file("a.png"), 80, 60, now));
  EXPECT_NE(desk.display().framebuffer(), expected_target(dir.file("a.png"), 80, 60));
  EXPECT_EQ(desk.display().stats().connects, 1u);
}

TEST(ScreenControl, ANewSourceReplacesTheOldOne) {
  test::TempDir first, second;
  write_pattern(first, "a.png", 64, 48, 3);
  write_pattern(second, "b.png", 64, 48, 4);
  RunningServer server(loopback_config("images:" + first.path()));
  BackgroundDisplay desk(display_options(server.port(), "desk", 64, 48));
  ASSERT_TRUE(settles_after(server, "desk", 0));
  const uint64_t before = acked(server, "desk");
  ASSERT_TRUE(change(*server, "main", {{"source", "images:" + second.path()}}).ok());
  ASSERT_TRUE(settles_after(server, "desk", before));
  EXPECT_TRUE(server->status().screens.at(0).source.starts_with("images:" + second.path()));
  desk.stop();
  EXPECT_EQ(desk.display().framebuffer(), expected_target(second.file("b.png"), 64, 48));
}

TEST(ScreenControl, ABadChangeChangesNothing) {
  test::TempDir dir;
  dir.write_png("a.png", 32, 24, 0x102030);
  RunningServer server(loopback_config("images:" + dir.path()));
  const config::ServerConfig before = running_config(*server);
  config::ScreenEdit edit =
      change(*server, "main", {{"gamma", "99"}, {"dither", "true"}, {"colour", "red"}});
  ASSERT_EQ(edit.errors.size(), 2u);
  EXPECT_EQ(edit.errors[0].key, "gamma");
  EXPECT_NE(edit.errors[0].message.find("above the maximum 5"), std::string::npos)
      << edit.errors[0].message;
  EXPECT_EQ(edit.errors[1].key, "colour");
  edit = change(*server, "main", {{"source", "nonsense:1"}, {"gamma", "2"}});
  ASSERT_EQ(edit.errors.size(), 1u);
  EXPECT_EQ(edit.errors[0].key, "source");
  EXPECT_NE(edit.errors[0].message.find("unknown source 'nonsense'"), std::string::npos);
  EXPECT_EQ(running_config(*server), before);
  EXPECT_FALSE(change(*server, "elsewhere", {{"gamma", "2"}}).ok());
}

TEST(ScreenControl, ADisplayListedByAnotherScreenMovesThereWithoutReconnecting) {
  test::TempDir red, blue;
  red.write_png("a.png", 48, 32, 0xFF0000);
  blue.write_png("a.png", 48, 32, 0x0000FF);
  auto cfg = loopback_config("images:" + red.path());
  config::ScreenConfig other;
  other.name = "other";
  other.source = "images:" + blue.path();
  cfg.screens["other"] = other;
  RunningServer server(cfg);
  BackgroundDisplay desk(display_options(server.port(), "desk", 48, 32));
  ASSERT_TRUE(settles_after(server, "desk", 0));
  const uint64_t before = acked(server, "desk");
  ASSERT_TRUE(change(*server, "other", {{"displays", "desk"}}).ok());
  ASSERT_TRUE(settles_after(server, "desk", before));
  EXPECT_EQ(find_display(server->status(), "desk")->screen, "other");
  // Listed twice is refused, as in a config file.
  const auto twice = change(*server, "main", {{"displays", "desk"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.errors[0].message.find("desk"), std::string::npos);
  desk.stop();
  EXPECT_EQ(desk.display().framebuffer(), core::Rgb565Plane(48, 32, 0x001F));
  EXPECT_EQ(desk.display().stats().connects, 1u);
}

TEST(ScreenControl, SaveWritesTheRunningConfigurationAndKeepsTheOriginal) {
  test::TempDir dir;
  dir.write_png("a.png", 32, 24, 0x102030);
  const std::string original = "# my screens\n[screens.main]\nsource = \"images:" + dir.path() +
                               "\"\n[server]\nbind = \"127.0.0.1\"\nport = 0\nhttp_port = 0\n";
  const std::string file = dir.file("tftstream.toml");
  std::ofstream(file) << original;
  const config::LoadResult loaded = config::load_config(file, {});
  ASSERT_TRUE(loaded.ok());
  std::string error;
  {
    RunningServer unsaved(loaded.config);
    EXPECT_FALSE(save(*unsaved, error));
    EXPECT_NE(error.find("without --config"), std::string::npos) << error;
  }
  RunningServer server(loaded.config);
  server->set_config_file(file);
  EXPECT_TRUE(saved(*server));
  ASSERT_TRUE(change(*server, "main", {{"gamma", "1.8"}, {"dither", "true"}}).ok());
  EXPECT_FALSE(saved(*server));
  ASSERT_TRUE(save(*server, error)) << error;
  EXPECT_TRUE(saved(*server));
  const config::LoadResult saved = config::load_config(file, {});
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved.config, running_config(*server));
  EXPECT_EQ(saved.config.screens.at("main").gamma, 1.8);
  std::stringstream backup;
  backup << std::ifstream(file + ".bak").rdbuf();
  EXPECT_EQ(backup.str(), original);
}

}  // namespace
}  // namespace tfts::server
