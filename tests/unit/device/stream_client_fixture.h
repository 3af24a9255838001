// StreamClientTest: the fixture of the StreamClient tests. One client on a FakePanel and a
// FakeTransport, driven by now_ms and a fake micros(); the server's side of each session is
// played with the real server pieces: server::make_welcome for the handshake and a
// codec::FrameEncoder (fresh per session, so its first frame is a full refresh) for frames.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "device/client_wire.h"
#include "device/fake_panel.h"
#include "device/fake_transport.h"
#include "tfts/codec/frame_encoder.h"
#include "tfts/device/stream_client.h"
#include "tfts/server/hello.h"

namespace tfts::device {
// Readable states in failure messages.
inline void PrintTo(ClientState s, std::ostream* os) { *os << state_name(s); }

namespace test {

constexpr uint16_t kWidth = 64;
constexpr uint16_t kHeight = 48;
constexpr uint32_t kMaxPayload = 1024;  // small, so the server splits a full refresh
constexpr int kMaxInFlight = 2;
constexpr uint32_t kSinkCallUs = 3;  // fake panel: time per write_pixels/fill/frame_done
constexpr uint32_t kFinishUs = 40;   // ... and per finish()
// The server has no KEEPALIVE builder: it pushes the type byte alone (display_connection.cpp).
constexpr uint8_t kKeepalive = static_cast<uint8_t>(proto::MessageType::keepalive);

class StreamClientTest : public ::testing::Test {
 protected:
  StreamClientTest() {
    clock_us_ = 0;
    env_ = {0, true, "192.168.1.23", -61, 123456, &fake_micros};
  }

  // The fake micros(): moved only by the fake panel (FakePanel::set_clock(&clock_us_, ...)).
  static inline uint32_t clock_us_ = 0;
  static uint32_t fake_micros() { return clock_us_; }

  StreamClient& client() {
    if (!client_)
      client_ = std::make_unique<StreamClient>(panel_, transport_, settings_, work_, sizeof work_);
    return *client_;
  }
  void poll_at(uint32_t t) {
    env_.now_ms = t;
    client().poll(env_);
  }
  // Polls every `step` ms from the current time up to and including `t`.
  void run_until(uint32_t t, uint32_t step = 1) {
    while (static_cast<int32_t>(t - env_.now_ms) > 0) {
      poll_at(static_cast<int32_t>(t - env_.now_ms) > static_cast<int32_t>(step)
                  ? env_.now_ms + step
                  : t);
    }
  }
  // Polls without moving time until the client has read everything queued (plus a few polls
  // for short writes to drain).
  void poll_until_read(int extra_polls = 0) {
    for (int i = 0; i < 200000 && transport_.pending_input() > 0; ++i) client().poll(env_);
    for (int i = 0; i < extra_polls; ++i) client().poll(env_);
    ASSERT_EQ(transport_.pending_input(), 0u);
  }
  ClientWire wire(size_t connection) const { return ClientWire(transport_.written(connection)); }
  ClientWire last_wire() const { return wire(transport_.connections() - 1); }

  // Polls (now, then 1 ms steps while not connected) until the client has sent its whole HELLO,
  // answers with the server's WELCOME, and polls until the client streams. A new FrameEncoder
  // starts the session, so its first frame is a full refresh.
  void start_session(uint16_t keepalive_ms = 1000, uint32_t session_id = 7) {
    client().poll(env_);
    for (int i = 0; i < 10000 && !hello_sent(); ++i) {
      if (transport_.is_open()) {
        client().poll(env_);  // short writes: the rest of the HELLO
      } else {
        poll_at(env_.now_ms + 1);
      }
    }
    ASSERT_TRUE(hello_sent());
    const server::Hello hello = last_wire().hello();  // a copy: the wire is a temporary
    transport_.queue(server::make_welcome(hello.codecs, kMaxInFlight, keepalive_ms, session_id));
    encoder_ = std::make_unique<codec::FrameEncoder>(codec::DisplayCaps{
        hello.width, hello.height, hello.codecs, hello.max_payload, hello.framebuffer});
    shadow_ = core::Rgb565Plane(hello.width, hello.height);
    seq_ = 0;
    full_ = true;
    poll_until_read();
    ASSERT_EQ(client().status().state, ClientState::streaming);
  }
  bool hello_sent() const {
    return transport_.is_open() && client_->status().state == ClientState::handshake &&
           last_wire().has_hello();
  }
  // The server's next frame towards `target` (a full refresh first in each session).
  void serve_frame(const core::Rgb565Plane& target) {
    std::vector<uint8_t> out;
    encoder_->encode(target.view(), shadow_, 0, seq_++, out, full_);
    full_ = false;
    ASSERT_FALSE(out.empty());
    transport_.queue(out);
  }
  void serve(const std::vector<uint8_t>& bytes) { transport_.queue(bytes); }
  bool screen_shows(const std::string& line) const {
    const auto lines = panel_.lines();
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  }
  static uint32_t draw_us(int sink_calls) {
    return static_cast<uint32_t>(sink_calls) * kSinkCallUs + kFinishUs;
  }
  // Time between connect() calls, the first counted from t = 0.
  static std::vector<uint32_t> gaps(const std::vector<uint32_t>& times) {
    std::vector<uint32_t> out;
    uint32_t prev = 0;
    for (uint32_t t : times) {
      out.push_back(t - prev);
      prev = t;
    }
    return out;
  }
  // connect() call times after the first poll (now): polls 1 ms apart up to `t`.
  std::vector<uint32_t> connect_times_until(uint32_t t) {
    std::vector<uint32_t> at;
    client().poll(env_);
    while (env_.now_ms != t) {
      const size_t n = transport_.connects().size();
      poll_at(env_.now_ms + 1);
      if (transport_.connects().size() != n) at.push_back(env_.now_ms);
    }
    return at;
  }

  ClientSettings settings_ = {"10.0.0.2", 8888, "kitchen", kMaxPayload, 0, 0, 0, 0, 0};
  FakePanel panel_{kWidth, kHeight};
  FakeTransport transport_;
  alignas(4) uint8_t work_[StreamClient::work_size_for(kWidth, kMaxPayload)] = {};
  Environment env_{};
  std::unique_ptr<StreamClient> client_;
  std::unique_ptr<codec::FrameEncoder> encoder_;
  core::Rgb565Plane shadow_;
  uint32_t seq_ = 0;
  bool full_ = true;
};

}  // namespace test
}  // namespace tfts::device
