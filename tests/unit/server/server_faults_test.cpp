// Bad input and faults against a running server (issue: "Bad input and faults"). Every case
// runs next to a healthy display that must keep getting frames, and checks the reason the
// misbehaving client is told before the server closes on it.
#include <gtest/gtest.h>

#include <dirent.h>

#include "background_display.h"
#include "server_fixture.h"
#include "tfts/client/display_messages.h"

namespace tfts::server {
namespace {

using namespace std::chrono_literals;
using testing::BackgroundDisplay;
using testing::display_options;
using testing::eventually;
using testing::loopback_config;
using testing::RawClient;
using testing::RunningServer;

std::vector<uint8_t> hello(const char* name = "raw", uint16_t w = 64, uint16_t h = 48) {
  const client::DisplayConfig cfg{w, h, 8192, proto::kAllCodecs, false};
  std::vector<uint8_t> out(client::kHelloMaxBytes);
  out.resize(client::write_hello(out.data(), out.size(), cfg, name, 0, proto::Role::display));
  return out;
}

class ServerFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<RunningServer>(loopback_config("test:320x240"));
    healthy_ = std::make_unique<BackgroundDisplay>(display_options(port(), "healthy"));
    ASSERT_TRUE(eventually([&] { return acked() >= 3; }));
  }
  void TearDown() override {
    // The healthy display kept streaming through whatever the test did.
    const uint64_t before = acked();
    EXPECT_TRUE(eventually([&] { return acked() >= before + 5; }))
        << "the healthy display stopped getting frames";
    EXPECT_TRUE(healthy_->stop()) << healthy_->display().stats().last_error;
    EXPECT_EQ(healthy_->display().stats().connects, 1u) << "it never had to reconnect";
  }
  uint16_t port() { return (**server_).display_port(); }
  uint64_t acked() {
    for (const auto& d : (**server_).status().displays) {
      if (d.name == "healthy") return d.frames_acked;
    }
    return 0;
  }
  // The ERROR the server sent (after a refusal prefix if `refused`), as {reason, text}.
  static std::pair<int, std::string> error_in(const std::vector<uint8_t>& bytes, size_t at) {
    if (bytes.size() < at + 3 || bytes[at] != static_cast<uint8_t>(proto::MessageType::error)) {
      return {-1, ""};
    }
    return {bytes[at + 1], std::string(bytes.begin() + static_cast<long>(at) + 3,
                                       bytes.begin() + static_cast<long>(at) + 3 + bytes[at + 2])};
  }
  static std::pair<int, std::string> refusal(RawClient& c) {
    bool closed = false;
    const auto bytes = c.read_until_closed(3s, &closed);
    EXPECT_TRUE(closed) << "the server closes after refusing";
    if (bytes.size() < 7 || bytes[5] != 0 || bytes[6] != 0) return {-1, "no refusal prefix"};
    return error_in(bytes, 7);
  }

  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<BackgroundDisplay> healthy_;
};

TEST_F(ServerFaults, WrongMagicIsRefusedWithBadMagic) {
  RawClient c(port());
  c.send({'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1', '\r', '\n'});
  EXPECT_EQ(refusal(c).first, static_cast<int>(proto::Reason::bad_magic));
}

TEST_F(ServerFaults, WrongVersionIsRefusedWithUnsupportedVersion) {
  auto h = hello();
  h[4] = 0;
  RawClient c(port());
  c.send(h);
  const auto [reason, text] = refusal(c);
  EXPECT_EQ(reason, static_cast<int>(proto::Reason::unsupported_version));
  EXPECT_NE(text.find("version 0"), std::string::npos) << text;
}

TEST_F(ServerFaults, OversizeHelloLengthIsRefusedAtOnce) {
  auto h = hello();
  h[5] = 0xFF;
  h[6] = 0xFF;  // body_len 65535
  RawClient c(port());
  c.send(h);
  const auto [reason, text] = refusal(c);
  EXPECT_EQ(reason, static_cast<int>(proto::Reason::protocol_violation));
  EXPECT_NE(text.find("too long"), std::string::npos) << text;
}

TEST_F(ServerFaults, HelloFieldOutOfRangeIsRefused) {
  auto h = hello();
  h[7] = 0;
  h[8] = 0;  // width 0
  RawClient c(port());
  c.send(h);
  EXPECT_EQ(refusal(c).first, static_cast<int>(proto::Reason::protocol_violation));
}

TEST_F(ServerFaults, GarbageAfterTheHandshakeGetsAnError) {
  RawClient c(port());
  auto bytes = hello();
  for (int i = 0; i < 64; ++i) bytes.push_back(static_cast<uint8_t>(0x99 + i));
  c.send(bytes);
  bool closed = false;
  const auto got = c.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  // WELCOME (16 bytes), perhaps frames, then the ERROR last.
  ASSERT_GE(got.size(), 16u + 3);
  bool found = false;
  for (size_t at = 16; at + 3 <= got.size(); ++at) {
    const auto [reason, text] = error_in(got, at);
    if (reason == static_cast<int>(proto::Reason::protocol_violation) &&
        text.find("0x99") != std::string::npos && at + 3 + text.size() == got.size()) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "an ERROR protocol_violation naming the bad type ends the stream";
}

TEST_F(ServerFaults, SilentDisplayTimesOut) {
  RawClient c(port());
  c.send(hello());
  // keepalive_ms is 200 in the test config: silence beyond 600 ms ends the session.
  bool closed = false;
  const auto got = c.read_until_closed(5s, &closed);
  EXPECT_TRUE(closed);
  ASSERT_GE(got.size(), 3u);
  // The stream ends with ERROR(timeout, "silent for N ms").
  const std::string tail(got.end() - std::min<size_t>(got.size(), 40), got.end());
  EXPECT_NE(tail.find("silent for"), std::string::npos);
}

TEST_F(ServerFaults, ConnectionWithoutHelloIsRefusedInTime) {
  RawClient c(port());
  c.send({'T', 'F', 'T'});  // the start of a prefix, then nothing
  const auto [reason, text] = refusal(c);
  EXPECT_EQ(reason, static_cast<int>(proto::Reason::timeout));
  EXPECT_EQ(text, "no HELLO in time");
}

TEST_F(ServerFaults, DisplayThatStopsReadingIsDropped) {
  RawClient c(port());
  int small = 4096;
  ::setsockopt(c.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  c.send(hello("stuck", 320, 240));
  // It keeps talking (keepalives) but never reads and never ACKs: after 5 keepalive intervals
  // without an ACK the server gives up on it; until then it never has more than 2 frames out.
  bool dropped = false;
  for (int i = 0; i < 60 && !dropped; ++i) {
    c.send({static_cast<uint8_t>(proto::MessageType::keepalive)});
    for (const auto& d : (**server_).status().displays) {
      if (d.name == "stuck") {
        EXPECT_LE(d.in_flight, 2u);
      }
    }
    std::this_thread::sleep_for(50ms);
    const auto st = (**server_).status();
    dropped = std::none_of(st.displays.begin(), st.displays.end(),
                           [](const DisplayStatus& d) { return d.name == "stuck"; });
  }
  EXPECT_TRUE(dropped) << "the stuck display was never dropped";
}

TEST_F(ServerFaults, DisplaySendingTooFastIsCutOff) {
  RawClient c(port());
  auto bytes = hello();
  bytes.insert(bytes.end(), 5000, static_cast<uint8_t>(proto::MessageType::keepalive));
  c.send(bytes);
  bool closed = false;
  const auto got = c.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  const std::string all(got.begin(), got.end());
  EXPECT_NE(all.find("faster than allowed"), std::string::npos);
}

TEST_F(ServerFaults, DisplayVanishingMidFrameIsCleanedUp) {
  for (int i = 0; i < 5; ++i) {
    RawClient c(port());
    c.send(hello("vanishing", 320, 240));
    uint8_t buf[100];
    ::recv(c.fd(), buf, sizeof buf, 0);  // some of the first frame, then gone with a reset
    linger l{1, 0};
    ::setsockopt(c.fd(), SOL_SOCKET, SO_LINGER, &l, sizeof l);
  }
  EXPECT_TRUE(eventually([&] { return (**server_).status().open_connections == 1; }));
}

int open_fds() {
  int n = 0;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    while (::readdir(d)) ++n;
    ::closedir(d);
  }
  return n;
}

TEST_F(ServerFaults, AThousandConnectsAndDisconnects) {
  const int fds_before = open_fds();
  const auto h = hello("flicker");
  for (int i = 0; i < 1000; ++i) {
    RawClient c(port());
    ASSERT_TRUE(c.connected()) << "connect " << i;
    if (i % 3 == 1) c.send({h.begin(), h.begin() + 9});  // half a HELLO
    if (i % 3 == 2) c.send(h);                            // a whole one, then gone
  }
  EXPECT_TRUE(eventually([&] { return (**server_).status().open_connections == 1; }))
      << "every connection but the healthy one is gone";
  EXPECT_TRUE(eventually([&] { return open_fds() <= fds_before + 2; }))
      << "no file descriptors leak: " << open_fds() << " vs " << fds_before;
  EXPECT_GE((**server_).status().connections_accepted, 1001u);
}

TEST(ServerLimits, DisplaysBeyondTheLimitAreRefusedAsFull) {
  auto cfg = loopback_config("test:160x120");
  cfg.max_displays = 1;
  RunningServer server(cfg);
  BackgroundDisplay first(display_options(server.port(), "first"));
  ASSERT_TRUE(eventually([&] { return server->status().displays.size() == 1; }));
  RawClient c(server.port());
  c.send(hello("second"));
  bool closed = false;
  const auto got = c.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  ASSERT_GE(got.size(), 10u);
  EXPECT_EQ(got[7], static_cast<uint8_t>(proto::MessageType::error));
  EXPECT_EQ(got[8], static_cast<uint8_t>(proto::Reason::server_full));
  EXPECT_TRUE(first.stop());
}

}  // namespace
}  // namespace tfts::server
