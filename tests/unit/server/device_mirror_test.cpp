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

std::vector<uint8_t> source_hello(const char* name, uint16_t w, uint16_t h,
                                  uint32_t max_payload = 1024) {
  std::vector<uint8_t> hello(client::kHelloMaxBytes);
  const client::DisplayConfig dc{w, h, max_payload, proto::kAllCodecs, false};
  hello.resize(client::write_hello(hello.data(), hello.size(), dc, name, 0, proto::Role::source));
  return hello;
}

// The refusal's reason byte after a prefix with body_len 0 (§2).
int refusal_reason(const std::vector<uint8_t>& answer) {
  return answer.size() >= 9 && answer[5] == 0 && answer[6] == 0 ? answer[8] : -1;
}

TEST(DeviceMirror, APeerOnTheDisplayPortCannotExhaustTheServer) {
  RunningServer server(loopback_config("test:64x48"));
  {  // Too large a screen to keep a copy of.
    RawClient raw(server.port());
    ASSERT_TRUE(raw.send(source_hello("huge", 2048, 1024)));
    EXPECT_EQ(refusal_reason(raw.read_until_closed(3s)),
              static_cast<int>(proto::Reason::protocol_violation));
  }
  {  // Empty frames as fast as it can: cut off past 120 a second.
    RawClient raw(server.port());
    std::vector<uint8_t> bytes = source_hello("flood", 16, 16);
    for (uint32_t seq = 0; seq < 200; ++seq) {
      const uint8_t b[4] = {static_cast<uint8_t>(seq >> 24), static_cast<uint8_t>(seq >> 16),
                            static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq)};
      bytes.push_back(0x10);
      bytes.insert(bytes.end(), b, b + 4);
      bytes.push_back(0x12);
      bytes.insert(bytes.end(), b, b + 4);
    }
    ASSERT_TRUE(raw.send(bytes));
    bool closed = false;
    const auto answer = raw.read_until_closed(3s, &closed);
    EXPECT_TRUE(closed);
    // WELCOME (16 bytes), 120 ACKs (18 each), then ERROR(protocol_violation).
    ASSERT_EQ(answer.size(), 16u + 120u * 18u + 3u + answer[16 + 120 * 18 + 2]);
    EXPECT_EQ(answer[16 + 120 * 18], static_cast<uint8_t>(proto::MessageType::error));
    EXPECT_EQ(answer[16 + 120 * 18 + 1], static_cast<uint8_t>(proto::Reason::protocol_violation));
  }
  // A second connection with a connected device's name replaces it: the first gets BYE normal.
  RawClient first(server.port());
  ASSERT_TRUE(first.send(source_hello("panel", 16, 16)));
  ASSERT_TRUE(eventually([&] { return server->status().devices.size() == 1; }));
  const uint32_t first_session = server->status().devices[0].session_id;
  RawClient second(server.port());
  ASSERT_TRUE(second.send(source_hello("panel", 16, 16)));
  bool closed = false;
  const auto old = first.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  ASSERT_EQ(old.size(), 16u + 3u + old[18]);
  EXPECT_EQ(old[16], static_cast<uint8_t>(proto::MessageType::bye));
  EXPECT_EQ(old[17], static_cast<uint8_t>(proto::Reason::normal));
  ASSERT_TRUE(eventually([&] {
    const auto st = server->status();
    return st.devices.size() == 1 && st.devices[0].session_id != first_session;
  }));
}

TEST(DeviceRegistry, DevicesThatLeftAreForgottenOldestFirst) {
  source::DeviceRegistry registry;
  const size_t n = source::DeviceRegistry::kMaxGone + 8;
  for (uint32_t i = 0; i < n; ++i) {
    std::string name = "d";
    name += std::to_string(i);
    registry.connected(name, i + 1);
    registry.publish(name, i + 1, std::make_shared<core::Rgb565Plane>(4, 4, 0x1234));
    registry.disconnected(name, i + 1);
  }
  EXPECT_EQ(registry.names().size(), source::DeviceRegistry::kMaxGone);
  EXPECT_FALSE(registry.get("d0").known);
  EXPECT_FALSE(registry.get("d7").known);
  EXPECT_TRUE(registry.get("d8").known);
  std::string newest = "d";
  newest += std::to_string(n - 1);
  EXPECT_TRUE(registry.get(newest).picture != nullptr);
}

}  // namespace
}  // namespace tfts::server
