// A browser display over WebSocket (/ws/display on the HTTP port), played by a Beast WebSocket
// client with the real decoder: it must get exactly what a TCP display gets, be counted as a
// display, and leave cleanly.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "http_get.h"
#include "server_fixture.h"
#include "support/temp_dir.h"
#include "tfts/client/display_messages.h"
#include "tfts/sim/simulated_display.h"

namespace tfts::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using testing::eventually;
using testing::expected_target;
using testing::loopback_config;
using testing::RunningServer;

TEST(WsDisplay, BrowserDisplayOverWebSocketEndsExactAndIsCounted) {
  test::TempDir dir;
  core::RgbPlane picture(320, 240);
  for (int y = 0; y < 240; ++y) {
    for (int x = 0; x < 320; ++x) picture.at(x, y) = static_cast<uint32_t>((x * 7) << 16 | y << 8 | (x ^ y));
  }
  std::string error;
  ASSERT_TRUE(core::save_png(dir.file("still.png"), picture, error)) << error;
  RunningServer server(loopback_config("images:" + dir.path()));

  asio::io_context io;
  beast::websocket::stream<asio::ip::tcp::socket> ws(io);
  ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), server->http_port()});
  ws.handshake("127.0.0.1", "/ws/display");
  ws.binary(true);

  client::DisplayConfig cfg{160, 120, 8192, proto::kAllCodecs, false};
  cfg.codecs = static_cast<uint16_t>(cfg.codecs & ~proto::codec_bit(proto::Codec::copy));
  sim::SimulatedDisplay display(cfg);
  const std::vector<uint8_t> hello = display.hello("browser");
  // Two WebSocket messages for one HELLO: chunking is the relay's business, not the protocol's.
  ws.write(asio::buffer(hello.data(), 5));
  ws.write(asio::buffer(hello.data() + 5, hello.size() - 5));

  const core::Rgb565Plane want = expected_target(dir.file("still.png"), 160, 120);
  beast::flat_buffer buffer;
  int frames = 0;
  for (int messages = 0; messages < 400 && display.framebuffer() != want; ++messages) {
    ws.read(buffer);
    const auto* data = static_cast<const uint8_t*>(buffer.data().data());
    size_t left = buffer.size();
    while (left > 0) {
      const client::FeedResult r = display.feed_until_event(data, left);
      data += r.consumed;
      left -= r.consumed;
      if (r.status == client::DecodeStatus::frame_done) {
        ++frames;
        uint8_t ack[32];
        const size_t n = client::write_ack(ack, sizeof ack, display.decoder().frame_seq(),
                                           {100, 200, 12345, 127});
        ws.write(asio::buffer(ack, n));
      }
      ASSERT_FALSE(client::is_error(r.status)) << static_cast<int>(r.status);
      if (r.status == client::DecodeStatus::need_more) break;
    }
    buffer.consume(buffer.size());
  }
  EXPECT_GE(frames, 1);
  EXPECT_EQ(display.framebuffer(), want);
  const auto status = server->status();
  ASSERT_EQ(status.displays.size(), 1u);
  EXPECT_EQ(status.displays[0].name, "browser");
  EXPECT_EQ(status.displays[0].width, 160);

  ws.close(beast::websocket::close_code::normal);
  EXPECT_TRUE(eventually([&] { return server->status().displays.empty(); }))
      << "closing the WebSocket ends the display's session";
}

TEST(WsDisplay, PlainHttpOnTheWebSocketPathIsNotFound) {
  RunningServer server(loopback_config("test:320x240"));
  const testing::HttpAnswer answer = testing::http_get(server->http_port(), "/ws/display");
  EXPECT_EQ(answer.status, 404) << "only a WebSocket upgrade is served there";
}

}  // namespace
}  // namespace tfts::server
