// StreamClient: the display's state machine (firmware/TftStream/src/tfts/device) against a
// scripted transport and a fake panel (stream_client_fixture.h). The server side of every
// stream is built with the real server pieces (server::make_welcome / make_refusal /
// make_close_message, codec::FrameEncoder), and what the client writes is read back with the
// server's own parsers (ClientWire). Time moves only through Environment::now_ms and the fake
// micros clock.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "device/stream_client_fixture.h"
#include "support/test_images.h"

namespace tfts::device::test {
namespace {

TEST_F(StreamClientTest, HelloIsExactlyWhatProtocolSection21Specifies) {
  settings_.rotation = 1;
  client().poll(env_);
  ASSERT_EQ(transport_.connects().size(), 1u);
  EXPECT_EQ(transport_.connects()[0].host, "10.0.0.2");
  EXPECT_EQ(transport_.connects()[0].port, 8888);
  EXPECT_EQ(transport_.connects()[0].timeout_ms, 1000u);  // the default connect timeout
  const std::vector<uint8_t> expected = {
      'T',  'F',  'T',  'S',  1,   0x00, 15 + 7,  // prefix: magic, version, body_len
      0x00, 64,   0x00, 48,                       // width, height
      1,                                          // rotation
      1,                                          // pixel_format: RGB565 big-endian
      0x00, 0x3F,                                 // codecs: fill..predict, no COPY (bit 6)
      0x00, 0x00, 0x04, 0x00,                     // max_payload 1024
      0x00,                                       // flags: no framebuffer
      0x00,                                       // role: display
      7,    'k',  'i',  't',  'c', 'h',  'e',    'n'};
  EXPECT_EQ(transport_.written(0), expected);
  const ClientWire w = wire(0);
  ASSERT_TRUE(w.has_hello());  // and the server's reader accepts it
  EXPECT_EQ(w.hello().name, "kitchen");
  EXPECT_EQ(w.order(), "");
  EXPECT_EQ(client().status().state, ClientState::handshake);
}

TEST_F(StreamClientTest, DrawsFramesBitExactAndAcksEachWithEnvironmentValues) {
  start_session();
  EXPECT_EQ(client().status().session_id, 7u);
  // From here on time passes only in the panel: 3 us per sink call, 40 us per finish().
  panel_.set_clock(&clock_us_, kSinkCallUs, kFinishUs);
  const core::Rgb565Plane first = tfts::test::photo_image(kWidth, kHeight);
  serve_frame(first);
  poll_until_read();
  EXPECT_EQ(panel_.framebuffer(), first);
  const int first_calls = panel_.sink_calls();

  core::Rgb565Plane second = first;
  for (int x = 10; x < 30; ++x) second.at(x, 20) = 0xF800;
  env_.free_heap = 99000;
  env_.rssi = -72;
  serve_frame(second);
  poll_until_read();
  EXPECT_EQ(panel_.framebuffer(), second);
  EXPECT_EQ(panel_.frames_done(), (std::vector<uint32_t>{0, 1}));

  const ClientWire w = last_wire();
  EXPECT_TRUE(w.well_formed());
  ASSERT_EQ(w.acks().size(), 2u);
  EXPECT_EQ(w.acks()[0].seq, 0u);
  EXPECT_EQ(w.acks()[0].free_heap, 123456u);
  EXPECT_EQ(w.acks()[0].rssi, -61);
  EXPECT_EQ(w.acks()[1].seq, 1u);
  EXPECT_EQ(w.acks()[1].free_heap, 99000u);
  EXPECT_EQ(w.acks()[1].rssi, -72);
  // Decoding took no time; drawing is the frame's sink calls plus the finish() before the ACK.
  EXPECT_EQ(w.acks()[0].decode_us, 0u);
  EXPECT_EQ(w.acks()[0].draw_us, draw_us(first_calls));
  EXPECT_EQ(w.acks()[1].decode_us, 0u);
  EXPECT_EQ(w.acks()[1].draw_us, draw_us(panel_.sink_calls() - first_calls));
  EXPECT_EQ(client().status().frames, 2u);
  EXPECT_EQ(panel_.clears(), 1);  // the "connecting" screen only; none while streaming
}

TEST_F(StreamClientTest, IdlePollsBetweenFramesAreNotDrawTime) {
  start_session();
  panel_.set_clock(&clock_us_, kSinkCallUs, kFinishUs);
  serve_frame(tfts::test::photo_image(kWidth, kHeight));
  poll_until_read();
  const int first_calls = panel_.sink_calls();
  for (int i = 0; i < 100; ++i) client().poll(env_);  // nothing arrives: the loop idles
  serve_frame(tfts::test::text_image(kWidth, kHeight));
  poll_until_read();
  ASSERT_EQ(last_wire().acks().size(), 2u);
  EXPECT_EQ(last_wire().acks()[1].draw_us, draw_us(panel_.sink_calls() - first_calls))
      << "finish() calls of idle polls were billed to the next frame's draw_us";
}

TEST_F(StreamClientTest, ReleasesThePanelWhileAFrameWaitsForData) {
  start_session();
  std::vector<uint8_t> frame;
  core::Rgb565Plane shadow(kWidth, kHeight);
  codec::FrameEncoder enc({kWidth, kHeight, last_wire().hello().codecs, kMaxPayload, false});
  enc.encode(tfts::test::noise_image(kWidth, kHeight).view(), shadow, 0, 0, frame, true);
  const auto half = frame.begin() + static_cast<std::ptrdiff_t>(frame.size() / 2);
  serve(std::vector<uint8_t>(frame.begin(), half));
  poll_until_read();
  const int finishes = panel_.finishes();
  client().poll(env_);  // nothing more yet, mid-frame: the SPI bus must not stay held
  EXPECT_GT(panel_.finishes(), finishes);
  serve(std::vector<uint8_t>(half, frame.end()));
  poll_until_read();
  EXPECT_EQ(panel_.framebuffer(), tfts::test::noise_image(kWidth, kHeight));
  EXPECT_EQ(last_wire().acks().size(), 1u);
}

TEST_F(StreamClientTest, WithoutMicrosAckTimesAreZero) {
  env_.micros = nullptr;
  start_session();
  serve_frame(tfts::test::gradient_image(kWidth, kHeight));
  poll_until_read();
  ASSERT_EQ(last_wire().acks().size(), 1u);
  EXPECT_EQ(last_wire().acks()[0].decode_us, 0u);
  EXPECT_EQ(last_wire().acks()[0].draw_us, 0u);
}

TEST_F(StreamClientTest, SendsKeepaliveAfterTheServersIntervalOfNotSendingAnything) {
  start_session(1500);  // at t = 0: the HELLO was the last thing sent
  run_until(1499);
  EXPECT_EQ(last_wire().keepalives(), 0);
  poll_at(1500);
  EXPECT_EQ(last_wire().keepalives(), 1);
  serve({kKeepalive});  // the server is alive too
  run_until(2000);
  serve_frame(tfts::test::solid_image(kWidth, kHeight, 0x001F));
  poll_until_read();  // the ACK at t = 2000 counts as sending something
  run_until(3499);
  EXPECT_EQ(last_wire().order(), "KA");
  poll_at(3500);
  EXPECT_EQ(last_wire().order(), "KAK");
  EXPECT_EQ(client().status().state, ClientState::streaming);
}

TEST_F(StreamClientTest, DropsASessionSilentForThreeKeepalivesAndSaysSo) {
  start_session(1000);
  run_until(2999);
  EXPECT_EQ(client().status().state, ClientState::streaming);
  EXPECT_EQ(last_wire().order(), "KK");  // its own keepalives at 1000 and 2000
  const int clears = panel_.clears();
  poll_at(3000);
  const ClientWire w = last_wire();
  ASSERT_TRUE(w.close().has_value());
  EXPECT_EQ(w.close()->type, proto::MessageType::bye);
  EXPECT_EQ(w.close()->reason, proto::Reason::timeout);
  EXPECT_FALSE(transport_.is_open());
  EXPECT_EQ(client().status().state, ClientState::backing_off);
  EXPECT_STREQ(client().status().last_error, "server silent for 3 keepalive periods");
  EXPECT_EQ(panel_.clears(), clears + 1);
  EXPECT_TRUE(screen_shows("Last error:"));
  EXPECT_TRUE(screen_shows("server silent for 3 keepalive periods"));
  EXPECT_TRUE(screen_shows("State: waiting to retry, attempt 1"));
}

TEST_F(StreamClientTest, ServerKeepalivesKeepASessionAlive) {
  start_session(1000);
  for (uint32_t t = 900; t <= 20000; t += 900) {
    run_until(t);
    serve({kKeepalive});
  }
  run_until(20500);
  EXPECT_EQ(client().status().state, ClientState::streaming);
  EXPECT_FALSE(last_wire().close().has_value());
}

TEST_F(StreamClientTest, KeepaliveZeroMeansNoSilenceTimeout) {
  start_session(0);
  run_until(60000, 100);
  EXPECT_EQ(client().status().state, ClientState::streaming);
  EXPECT_EQ(last_wire().order(), "");
}

TEST_F(StreamClientTest, BadRectangleSendsByeWithItsReasonAndReconnectsAfterBackoff) {
  start_session();
  // A server that believes the display is 80 pixels wide: its rectangles leave the panel.
  codec::FrameEncoder wrong({80, kHeight, last_wire().hello().codecs, kMaxPayload, false});
  core::Rgb565Plane wrong_shadow(80, kHeight);
  std::vector<uint8_t> frame;
  wrong.encode(tfts::test::photo_image(80, kHeight).view(), wrong_shadow, 0, 0, frame, true);
  serve(frame);
  client().poll(env_);
  const ClientWire w = last_wire();
  ASSERT_TRUE(w.close().has_value());
  EXPECT_EQ(w.close()->type, proto::MessageType::bye);
  EXPECT_EQ(w.close()->reason, proto::Reason::rect_out_of_bounds);
  EXPECT_TRUE(w.acks().empty());
  EXPECT_FALSE(transport_.is_open());
  EXPECT_STREQ(client().status().last_error, "rectangle outside the display");
  EXPECT_TRUE(screen_shows("rectangle outside the display"));
  // The session got its WELCOME, so the backoff starts over at 250 ms.
  EXPECT_EQ(connect_times_until(1000), (std::vector<uint32_t>{250}));
  EXPECT_EQ(transport_.connections(), 2u);
  EXPECT_TRUE(wire(1).has_hello());
}

TEST_F(StreamClientTest, BackoffDefaultsDoubleFrom250msTo1sWhileConnectsFail) {
  transport_.script_connects({false, false, false, false, false});
  // 250, 500, 1000, 1000, 1000 ms (README: "retries after 250 ms, doubling to 1 s"): a server
  // that comes back is found within about a second.
  EXPECT_EQ(gaps(connect_times_until(4000)), (std::vector<uint32_t>{250, 500, 1000, 1000, 1000}));
  EXPECT_EQ(transport_.connects().size(), 6u);
  EXPECT_TRUE(transport_.connects().back().ok);
  EXPECT_EQ(client().status().attempts, 6u);
  EXPECT_EQ(client().status().state, ClientState::handshake);
}

TEST_F(StreamClientTest, BackoffDoublesUpToTheConfiguredMaximum) {
  settings_.retry_min_ms = 100;
  settings_.retry_max_ms = 800;
  transport_.script_connects({false, false, false, false, false});
  EXPECT_EQ(gaps(connect_times_until(3000)), (std::vector<uint32_t>{100, 200, 400, 800, 800}));
  EXPECT_EQ(client().status().state, ClientState::handshake);
}

TEST_F(StreamClientTest, FailedConnectShowsWhyAndTheAttempt) {
  transport_.script_connects({false});
  client().poll(env_);
  EXPECT_EQ(panel_.lines(), (std::vector<std::string>{
                                "tftstream display kitchen",
                                "Wi-Fi: connected, IP 192.168.1.23",
                                "Server: 10.0.0.2:8888",
                                "State: waiting to retry, attempt 1",
                                "Sessions: 0  Frames: 0",
                                "Last error:",
                                "cannot connect to the server",
                            }));
}

TEST_F(StreamClientTest, BackoffStartsOverAfterASessionGotItsWelcome) {
  transport_.script_connects({false, false, false});  // the next gap would be 1000 ms or more
  connect_times_until(1750);
  start_session();
  const uint32_t t0 = env_.now_ms;
  serve(server::make_close_message(proto::MessageType::bye, proto::Reason::server_shutdown, "bye"));
  client().poll(env_);
  EXPECT_STREQ(client().status().last_error, "server ended the session: server_shutdown");
  EXPECT_EQ(connect_times_until(t0 + 1000), (std::vector<uint32_t>{t0 + 250}));
}

TEST_F(StreamClientTest, ServerFullRefusalIsShownWithItsReason) {
  serve(server::make_refusal(proto::Reason::server_full, "4 displays connected, the limit"));
  client().poll(env_);  // connects, says HELLO
  client().poll(env_);  // reads the refusal
  EXPECT_EQ(client().status().state, ClientState::backing_off);
  EXPECT_EQ(client().status().sessions, 0u);
  EXPECT_STREQ(client().status().last_error, "server ended the session: server_full");
  EXPECT_TRUE(screen_shows("server ended the session: server_full"));
  EXPECT_TRUE(screen_shows("State: waiting to retry, attempt 1"));
  EXPECT_EQ(wire(0).order(), "");  // the server closes; the display sends no BYE back
  EXPECT_EQ(connect_times_until(1000), (std::vector<uint32_t>{250}));
}

TEST_F(StreamClientTest, WithoutNetworkItWaitsAndSaysSo) {
  env_.network_up = false;
  env_.local_ip = "";
  for (uint32_t t = 0; t <= 5000; t += 100) poll_at(t);
  EXPECT_TRUE(transport_.connects().empty());
  EXPECT_EQ(client().status().state, ClientState::waiting_for_network);
  EXPECT_EQ(panel_.clears(), 1);  // drawn once, not on every poll
  EXPECT_EQ(panel_.lines(), (std::vector<std::string>{
                                "tftstream display kitchen",
                                "Wi-Fi: not connected",
                                "Server: 10.0.0.2:8888",
                                "State: waiting for Wi-Fi, attempt 0",
                                "Sessions: 0  Frames: 0",
                            }));
  env_.network_up = true;
  env_.local_ip = "192.168.1.23";
  poll_at(5001);
  ASSERT_EQ(transport_.connects().size(), 1u);  // at once, no backoff
  EXPECT_TRUE(screen_shows("Wi-Fi: connected, IP 192.168.1.23"));
}

TEST_F(StreamClientTest, LosingWiFiEndsTheSessionUntilItIsBack) {
  start_session();
  env_.network_up = false;
  poll_at(100);
  EXPECT_FALSE(transport_.is_open());
  EXPECT_EQ(client().status().state, ClientState::waiting_for_network);
  EXPECT_STREQ(client().status().last_error, "Wi-Fi connection lost");
  EXPECT_TRUE(screen_shows("State: waiting for Wi-Fi, attempt 1"));
  run_until(10000, 50);
  EXPECT_EQ(transport_.connects().size(), 1u);
  env_.network_up = true;
  poll_at(10001);
  EXPECT_EQ(transport_.connects().size(), 2u);
}

TEST_F(StreamClientTest, AfterAReconnectTheNextSessionStreamsAgain) {
  const core::Rgb565Plane img = tfts::test::text_image(kWidth, kHeight);
  start_session(1000, 41);
  serve_frame(img);
  poll_until_read();
  ASSERT_EQ(panel_.framebuffer(), img);
  transport_.close_after_queued();
  client().poll(env_);
  EXPECT_STREQ(client().status().last_error, "server closed the connection");
  EXPECT_NE(panel_.framebuffer(), img);  // the status screen replaced the picture
  EXPECT_TRUE(screen_shows("Sessions: 1  Frames: 1"));

  run_until(env_.now_ms + 249);
  EXPECT_EQ(transport_.connections(), 1u);
  start_session(1000, 42);  // a new server-side session: its first frame is a full refresh
  const int clears = panel_.clears();
  serve_frame(img);  // the same picture: only a full refresh repaints it
  poll_until_read();
  EXPECT_EQ(panel_.framebuffer(), img);
  EXPECT_EQ(panel_.clears(), clears);
  ASSERT_EQ(wire(1).acks().size(), 1u);
  EXPECT_EQ(wire(1).acks()[0].seq, 0u);
  EXPECT_EQ(client().status().sessions, 2u);
  EXPECT_EQ(client().status().session_id, 42u);
  EXPECT_EQ(client().status().frames, 2u);
}

TEST_F(StreamClientTest, WorksOneByteAtATimeBothWays) {
  transport_.set_read_limit(1);
  transport_.set_write_limit(1);
  start_session();
  EXPECT_EQ(last_wire().hello().name, "kitchen");
  const core::Rgb565Plane a = tfts::test::photo_image(kWidth, kHeight);
  core::Rgb565Plane b = tfts::test::noise_image(kWidth, kHeight);
  serve_frame(a);
  serve({kKeepalive});  // between frames, as the server may send it
  serve_frame(b);
  poll_until_read(2 * static_cast<int>(proto::kAckBytes));
  EXPECT_EQ(panel_.framebuffer(), b);
  EXPECT_EQ(panel_.frames_done(), (std::vector<uint32_t>{0, 1}));
  const ClientWire w = last_wire();
  EXPECT_TRUE(w.well_formed());
  ASSERT_EQ(w.acks().size(), 2u);
  EXPECT_EQ(w.acks()[0].seq, 0u);
  EXPECT_EQ(w.acks()[1].seq, 1u);
}

TEST_F(StreamClientTest, NoWelcomeWithinTheHandshakeTimeoutIsAFailure) {
  client().poll(env_);
  run_until(4999, 10);
  EXPECT_EQ(client().status().state, ClientState::handshake);
  poll_at(5000);
  EXPECT_EQ(client().status().state, ClientState::backing_off);
  EXPECT_STREQ(client().status().last_error, "no WELCOME from the server");
  ASSERT_TRUE(wire(0).close().has_value());
  EXPECT_EQ(wire(0).close()->reason, proto::Reason::timeout);
}

TEST_F(StreamClientTest, RetriesSurviveMillisWrapping) {
  env_.now_ms = 0xFFFFFF00u;
  transport_.script_connects({false});
  // 0xFFFFFF00 + 250 wraps to 0xFA.
  EXPECT_EQ(connect_times_until(0x100), (std::vector<uint32_t>{0xFFFFFF00u + 250}));
  EXPECT_EQ(client().status().state, ClientState::handshake);
}

TEST_F(StreamClientTest, SilenceTimeoutSurvivesMillisWrapping) {
  env_.now_ms = 0xFFFFFF00u - 1500;
  start_session(1000);
  const uint32_t t0 = env_.now_ms;
  run_until(t0 + 2999, 10);  // millis() wraps half way
  EXPECT_EQ(client().status().state, ClientState::streaming);
  poll_at(t0 + 3000);
  EXPECT_EQ(client().status().state, ClientState::backing_off);
}

}  // namespace
}  // namespace tfts::device::test
