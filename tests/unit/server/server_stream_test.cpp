// The server end to end in one process: real sockets on loopback, the real decoder in
// TcpDisplay, sources from PNG files the tests write.
#include <gtest/gtest.h>

#include "background_display.h"
#include "server_fixture.h"
#include "support/temp_dir.h"

namespace tfts::server {
namespace {

using namespace std::chrono_literals;
using testing::BackgroundDisplay;
using testing::display_options;
using testing::eventually;
using testing::expected_target;
using testing::loopback_config;
using testing::RunningServer;

// A picture with detail everywhere, different per `seed`.
core::RgbPlane pattern(int w, int h, int seed) {
  core::RgbPlane p(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const uint32_t r = static_cast<uint32_t>((x * 3 + seed * 40) & 255);
      const uint32_t g = static_cast<uint32_t>((y * 5 + seed * 17) & 255);
      const uint32_t b = static_cast<uint32_t>(((x ^ y) + seed * 90) & 255);
      p.at(x, y) = r << 16 | g << 8 | b;
    }
  }
  return p;
}

void write_sequence(const test::TempDir& dir, int frames, int w, int h) {
  for (int i = 0; i < frames; ++i) {
    std::string error;
    char name[32];
    std::snprintf(name, sizeof name, "frame_%03d.png", i);
    ASSERT_TRUE(core::save_png(dir.file(name), pattern(w, h, i), error)) << error;
  }
}

TEST(ServerStream, ImagesPlayedOnceEndBitExactOnTheDisplay) {
  test::TempDir dir;
  write_sequence(dir, 6, 320, 240);
  RunningServer server(loopback_config("images:" + dir.path(), /*loop=*/false));
  sim::TcpDisplayOptions o = display_options(server.port(), "exact", 160, 120);
  o.max_seconds = 1.5;  // 6 frames at 30 fps take 0.2 s
  sim::TcpDisplay display(o);
  EXPECT_TRUE(display.run());
  EXPECT_EQ(display.framebuffer(), expected_target(dir.file("frame_005.png"), 160, 120));
  EXPECT_GE(display.stats().frames, 1u);
  EXPECT_EQ(display.stats().last_error, "");
  EXPECT_TRUE(eventually([&] { return server->status().displays.empty(); }))
      << "the display said BYE and is gone";
}

TEST(ServerStream, DisplayNamesPickTheirScreenAndStrangersGetTheDefault) {
  test::TempDir red_dir, blue_dir;
  red_dir.write_png("a.png", 64, 48, 0xFF0000);
  blue_dir.write_png("a.png", 64, 48, 0x0000FF);
  config::ServerConfig cfg = loopback_config("images:" + red_dir.path());
  config::ScreenConfig blue;
  blue.name = "blue";
  blue.source = "images:" + blue_dir.path();
  blue.displays = {"kitchen"};
  cfg.screens["blue"] = blue;
  RunningServer server(cfg);
  BackgroundDisplay kitchen(display_options(server.port(), "kitchen", 64, 48));
  BackgroundDisplay stranger(display_options(server.port(), "stranger", 64, 48));
  ASSERT_TRUE(eventually([&] {
    const auto st = server->status();
    return st.displays.size() == 2 && st.displays[0].frames_acked >= 1 &&
           st.displays[1].frames_acked >= 1;
  }));
  kitchen.stop();
  stranger.stop();
  EXPECT_EQ(kitchen.display().framebuffer(), core::Rgb565Plane(64, 48, 0x001F));
  EXPECT_EQ(stranger.display().framebuffer(), core::Rgb565Plane(64, 48, 0xF800));
}

// A display that loses its server keeps its pixels, reconnects, and is brought up to date by
// a full refresh from the new server.
TEST(ServerStream, ReconnectAfterServerRestartEndsExact) {
  test::TempDir first, second;
  first.write_png("a.png", 80, 60, 0x00FF00);
  write_sequence(second, 1, 80, 60);
  auto cfg = loopback_config("images:" + first.path());
  auto server = std::make_unique<RunningServer>(cfg);
  const uint16_t port = server->port();
  sim::TcpDisplayOptions o = display_options(port, "phoenix", 80, 60);
  o.reconnect = true;
  BackgroundDisplay display(o);
  ASSERT_TRUE(eventually([&] {
    const auto st = (**server).status();
    return !st.displays.empty() && st.displays[0].frames_acked >= 1;
  }));
  server.reset();  // BYE server_shutdown
  cfg = loopback_config("images:" + second.path());
  cfg.port = port;
  server = std::make_unique<RunningServer>(cfg);
  ASSERT_TRUE(eventually([&] {
    const auto st = (**server).status();
    return !st.displays.empty() && st.displays[0].frames_acked >= 1;
  }));
  display.stop();
  EXPECT_EQ(display.display().framebuffer(), expected_target(second.file("frame_000.png"), 80, 60));
  EXPECT_GE(display.display().stats().connects, 2u);
}

// Principles 3 and 4 over TCP: a display that draws slowly gets few, new frames; the server
// never has more than max_in_flight frames out to it, however fast the source runs.
TEST(ServerStream, SlowDisplayGetsFewNewFramesNeverAQueue) {
  RunningServer server(loopback_config("test:320x240"));
  sim::TcpDisplayOptions slow = display_options(server.port(), "slow", 160, 120);
  slow.draw_delay_ms = 150;
  BackgroundDisplay display(slow);
  size_t max_in_flight = 0;
  ServerStatus st;
  const auto end = std::chrono::steady_clock::now() + 1500ms;
  while (std::chrono::steady_clock::now() < end) {
    st = server->status();
    for (const auto& d : st.displays) {
      max_in_flight = std::max(max_in_flight, d.in_flight);
      EXPECT_LE(d.frames_sent, d.frames_acked + 2);
    }
    std::this_thread::sleep_for(10ms);
  }
  display.stop();
  EXPECT_LE(max_in_flight, 2u);
  // 1.5 s at 150 ms per frame: about 10 frames drawn while the source made about 45.
  EXPECT_LE(display.display().stats().frames, 14u);
  EXPECT_GE(display.display().stats().frames, 3u);
}

// Sixteen displays of one size on one screen: one encode per frame, shared.
TEST(ServerStream, FanOutEncodesOncePerFrame) {
  RunningServer server(loopback_config("test:320x240"));
  std::vector<std::unique_ptr<BackgroundDisplay>> displays;
  for (int i = 0; i < 16; ++i) {
    displays.push_back(std::make_unique<BackgroundDisplay>(
        display_options(server.port(), ("fan" + std::to_string(i)).c_str(), 160, 120)));
  }
  ASSERT_TRUE(eventually([&] {
    const auto st = server->status();
    if (st.displays.size() != 16) return false;
    for (const auto& d : st.displays) {
      if (d.frames_acked < 10) return false;
    }
    return true;
  }));
  const ServerStatus st = server->status();
  for (auto& d : displays) EXPECT_TRUE(d->stop());
  EXPECT_GT(st.shared_encodes, 4 * st.encodes) << "most frames reuse another display's encode";
}

// The seed's protocol: a client that reads exactly like the seed's sketch (12-byte header,
// data, pushImage of big-endian RGB565) ends on the server's target.
TEST(ServerStream, SeedFirmwareDisplayEndsExact) {
  test::TempDir dir;
  write_sequence(dir, 3, 320, 240);
  auto cfg = loopback_config("images:" + dir.path(), false);
  cfg.legacy.enabled = true;
  cfg.legacy.width = 120;
  cfg.legacy.height = 90;
  RunningServer server(cfg);
  testing::RawClient seed(server->legacy_port());
  ASSERT_TRUE(seed.connected());
  const core::Rgb565Plane want = expected_target(dir.file("frame_002.png"), 120, 90);
  core::Rgb565Plane panel(120, 90);
  std::vector<uint8_t> stream;
  size_t at = 0;
  int packets = 0;
  ASSERT_TRUE(eventually([&] {
    auto more = seed.read_until_closed(50ms);
    stream.insert(stream.end(), more.begin(), more.end());
    while (stream.size() - at >= 12) {
      const uint8_t* h = stream.data() + at;
      const int x = h[0] << 8 | h[1], y = h[2] << 8 | h[3], w = h[4] << 8 | h[5],
                h_ = h[6] << 8 | h[7];
      const uint32_t len = uint32_t{h[8]} << 24 | uint32_t{h[9]} << 16 | uint32_t{h[10]} << 8 | h[11];
      EXPECT_LE(len, 8192u) << "the seed firmware's buffer is 10 KiB";
      EXPECT_EQ(len, static_cast<uint32_t>(w * h_ * 2));
      EXPECT_LE(x + w, 120);
      EXPECT_LE(y + h_, 90);
      if (stream.size() - at < 12 + len) break;
      const uint8_t* px = h + 12;
      for (int yy = 0; yy < h_; ++yy) {
        for (int xx = 0; xx < w; ++xx, px += 2) panel.at(x + xx, y + yy) = static_cast<uint16_t>(px[0] << 8 | px[1]);
      }
      at += 12 + len;
      ++packets;
    }
    return panel == want;
  }));
  EXPECT_GE(packets, 2);
}

}  // namespace
}  // namespace tfts::server
