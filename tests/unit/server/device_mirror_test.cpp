// Devices that mirror their screens to the server (source role, docs/protocol.md §2.4), end to
// end on loopback: the virtual device (sim::TcpDevice) flushes pictures in strips, the server
// decodes them into the device's picture, relays it as `device:NAME` to displays, and asks for
// a complete frame when told to.
#include <gtest/gtest.h>

#include "background_display.h"
#include "server_fixture.h"
#include "tfts/client/display_messages.h"
#include "tfts/core/rgb565.h"
#include "tfts/server/screen_feed.h"
#include "tfts/sim/tcp_device.h"

namespace tfts::server {
namespace {

using namespace std::chrono_literals;
using testing::BackgroundDisplay;
using testing::display_options;
using testing::eventually;
using testing::loopback_config;
using testing::RawClient;
using testing::RunningServer;

core::Rgb565Plane picture(int w, int h, int seed) {
  core::Rgb565Plane p(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      // Flat bands, gradients and noise: fill, rle and raw all get used.
      const int band = y / 10 % 3;
      p.at(x, y) = band == 0   ? static_cast<uint16_t>(0x1234 + seed)
                   : band == 1 ? static_cast<uint16_t>(x * 64 + seed)
                               : static_cast<uint16_t>((x * 7919 + y * 104729 + seed) * 2654435761u >> 16);
    }
  }
  return p;
}

core::Rgb565Plane device_picture(Server& server, const std::string& name) {
  core::Rgb565Plane out;
  EXPECT_TRUE(server.run_on_network_thread([&] { EXPECT_TRUE(server.device_picture(name, out)); }));
  return out;
}

class BackgroundDevice {
 public:
  explicit BackgroundDevice(sim::TcpDeviceOptions o) : device_(std::move(o)) {
    thread_ = std::thread([this] { ok_ = device_.run(&stop_); });
  }
  ~BackgroundDevice() { stop(); }
  bool stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return ok_;
  }
  const sim::TcpDevice& device() const { return device_; }

 private:
  sim::TcpDevice device_;
  std::atomic<bool> stop_{false};
  bool ok_ = false;
  std::thread thread_;
};

sim::TcpDeviceOptions device_options(uint16_t port, std::vector<core::Rgb565Plane> pictures) {
  sim::TcpDeviceOptions o;
  o.port = port;
  o.name = "lvgl";
  o.pictures = std::move(pictures);
  o.strip_rows = 12;
  o.fps = 50;
  o.hold_seconds = 30;  // until the test stops it
  o.max_payload = 2048;  // several RECTs per strip
  return o;
}

TEST(DeviceMirror, TheServerHoldsWhatTheDeviceFlushedAndRelaysIt) {
  auto cfg = loopback_config("test:64x48");
  config::ScreenConfig relay;
  relay.name = "relay";
  relay.source = "device:lvgl";
  relay.displays = {"mirror"};
  cfg.screens["relay"] = relay;
  RunningServer server(cfg);
  const auto last = picture(96, 64, 3);
  BackgroundDevice device(device_options(server.port(), {picture(96, 64, 1), picture(96, 64, 2), last}));
  ASSERT_TRUE(eventually([&] {
    const auto st = server->status();
    return st.devices.size() == 1 && st.devices[0].stats.frames == 3;
  }));
  EXPECT_EQ(device_picture(*server, "lvgl"), last);
  const auto st = server->status();
  EXPECT_EQ(st.devices[0].width, 96);
  EXPECT_TRUE(st.displays.empty());  // a device is not a display

  BackgroundDisplay mirror(display_options(server.port(), "mirror", 96, 64));
  // The web UI's live view of the device: a viewer of "device:lvgl".
  sim::TcpDisplayOptions v = display_options(server.port(), "device:lvgl", 96, 64);
  v.role = proto::Role::viewer;
  BackgroundDisplay viewer(v);
  ASSERT_TRUE(eventually([&] {
    const auto s = server->status();
    return !s.displays.empty() && s.displays[0].frames_acked >= 1 && s.displays[0].in_flight == 0 &&
           !s.viewers.empty() && s.viewers[0].frames_acked >= 1 && s.viewers[0].in_flight == 0;
  }));
  mirror.stop();
  viewer.stop();
  EXPECT_EQ(viewer.display().framebuffer(), last);
  // Relayed like any picture: RGB565 -> RGB888 -> the display's pipeline; same size, no
  // colour change, so exactly the device's pixels.
  EXPECT_EQ(mirror.display().framebuffer(), last);
  EXPECT_TRUE(device.stop());
  EXPECT_EQ(device.device().stats().acks, 3u);
}

TEST(DeviceMirror, TheServerCanAskForACompleteFrame) {
  RunningServer server(loopback_config("test:64x48"));
  BackgroundDevice device(device_options(server.port(), {picture(40, 30, 5)}));
  ASSERT_TRUE(eventually([&] {
    const auto st = server->status();
    return st.devices.size() == 1 && st.devices[0].stats.frames == 1;
  }));
  bool asked = false;
  ASSERT_TRUE(server->run_on_network_thread([&] { asked = server->refresh_device("lvgl"); }));
  EXPECT_TRUE(asked);
  ASSERT_TRUE(eventually([&] {
    const auto st = server->status();
    return st.devices.size() == 1 && st.devices[0].stats.frames == 2;
  }));
  device.stop();
  EXPECT_EQ(device.device().stats().refreshes, 1u);
  EXPECT_EQ(device_picture(*server, "lvgl"), picture(40, 30, 5));
}

TEST(DeviceMirror, ABadFrameEndsTheDeviceOnlyAndTheDisplaysStreamOn) {
  auto cfg = loopback_config("test:64x48");
  cfg.screens["main"].fps = 20;
  RunningServer server(cfg);
  BackgroundDisplay display(display_options(server.port(), "desk", 64, 48));
  ASSERT_TRUE(eventually([&] { return !server->status().displays.empty(); }));

  RawClient raw(server.port());
  ASSERT_TRUE(raw.connected());
  std::vector<uint8_t> bytes(client::kHelloMaxBytes);
  const client::DisplayConfig dc{16, 16, 1024, proto::kAllCodecs, false};
  bytes.resize(client::write_hello(bytes.data(), bytes.size(), dc, "rogue", 0, proto::Role::source));
  // A frame whose rectangle leaves the 16x16 screen.
  const uint8_t frame[] = {0x10, 0, 0, 0, 0,
                           0x11, 0, 0, 10, 0, 10, 0, 8, 0, 8, 0, 0, 0, 2, 0x12, 0x34,
                           0x12, 0, 0, 0, 0};
  bytes.insert(bytes.end(), std::begin(frame), std::end(frame));
  ASSERT_TRUE(raw.send(bytes));
  bool closed = false;
  const auto answer = raw.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  // WELCOME (7 + 9 bytes), then ERROR(rect_out_of_bounds).
  ASSERT_GT(answer.size(), 18u);
  EXPECT_EQ(answer[16], static_cast<uint8_t>(proto::MessageType::error));
  EXPECT_EQ(answer[17], static_cast<uint8_t>(proto::Reason::rect_out_of_bounds));

  const uint64_t before = server->status().displays.at(0).frames_acked;
  EXPECT_TRUE(eventually([&] { return server->status().displays.at(0).frames_acked > before + 2; }));
  EXPECT_TRUE(server->status().devices.empty());
}

TEST(DeviceMirror, ADeviceSourceSaysWhyItHasNoPicture) {
  auto cfg = loopback_config("device:nobody");
  RunningServer server(cfg);
  ASSERT_TRUE(eventually([&] { return !server->status().screens.at(0).counters.last_error.empty(); }));
  EXPECT_EQ(server->status().screens.at(0).counters.last_error,
            "device 'nobody' has not connected yet");
  // Nobody can watch a device that never connected.
  sim::TcpDisplayOptions v = display_options(server.port(), "device:nobody", 16, 16);
  v.role = proto::Role::viewer;
  v.max_seconds = 2;
  sim::TcpDisplay viewer(v);
  viewer.run();
  EXPECT_EQ(viewer.stats().last_error, "server said bye: protocol_violation");
  // Too large a payload for the server is refused in the handshake.
  RawClient raw(server.port());
  std::vector<uint8_t> hello(client::kHelloMaxBytes);
  const client::DisplayConfig dc{16, 16, 1u << 20, proto::kAllCodecs, false};
  hello.resize(client::write_hello(hello.data(), hello.size(), dc, "huge", 0, proto::Role::source));
  ASSERT_TRUE(raw.send(hello));
  const auto answer = raw.read_until_closed(3s);
  ASSERT_GE(answer.size(), 9u);
  EXPECT_EQ(answer[5], 0);  // body_len 0: refused
  EXPECT_EQ(answer[6], 0);
  EXPECT_EQ(answer[7], static_cast<uint8_t>(proto::MessageType::error));
  EXPECT_EQ(answer[8], static_cast<uint8_t>(proto::Reason::payload_too_large));
}

}  // namespace
}  // namespace tfts::server
