// The server's HTTP side on loopback: /metrics as Prometheus' own linter judges it and with
// values that agree with what the server and the display saw, /healthz, the display screenshot,
// and bad HTTP requests that must not disturb a streaming display.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "background_display.h"
#include "http_get.h"
#include "server_fixture.h"
#include "support/temp_dir.h"
#include "tfts/core/png_io.h"
#include "tfts/core/rgb565.h"

namespace tfts::server {
namespace {

using namespace std::chrono_literals;
using testing::BackgroundDisplay;
using testing::display_options;
using testing::eventually;
using testing::http_exchange;
using testing::http_get;
using testing::loopback_config;
using testing::RawClient;
using testing::RunningServer;

// The value of the sample whose line starts with `series` (name and labels, exactly as
// written); -1 when absent.
double sample(const std::string& exposition, const std::string& series) {
  const std::string needle = "\n" + series + " ";
  const size_t at = exposition.find(needle);
  if (at == std::string::npos) return -1;
  return std::stod(exposition.substr(at + needle.size()));
}

// promtool's verdict on an exposition: its exit status and everything it printed.
std::pair<int, std::string> promtool_check(const std::string& exposition) {
  test::TempDir dir;
  std::ofstream(dir.file("metrics.txt")) << exposition;
  const std::string cmd = "promtool check metrics < " + dir.file("metrics.txt") + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return {-1, "cannot run promtool"};
  std::string out;
  char buf[512];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

config::ServerConfig still_picture_config(const test::TempDir& dir) {
  core::RgbPlane picture(320, 240);
  for (int y = 0; y < 240; ++y) {
    for (int x = 0; x < 320; ++x) picture.at(x, y) = static_cast<uint32_t>(x << 16 | y << 8 | (x ^ y));
  }
  std::string error;
  EXPECT_TRUE(core::save_png(dir.file("still.png"), picture, error)) << error;
  return loopback_config("images:" + dir.path());
}

TEST(ServerMetrics, ExpositionPassesPromtoolAndAgreesWithTheServer) {
  test::TempDir dir;
  RunningServer server(still_picture_config(dir));
  BackgroundDisplay desk(display_options(server.port(), "desk", 160, 120));
  ASSERT_TRUE(eventually([&] { return desk.display().stats().frames >= 1; }));
  // A bad handshake, counted by reason.
  RawClient bad(server.port());
  ASSERT_TRUE(bad.send({'N', 'O', 'P', 'E', 1, 0, 0, 0, 0, 0, 0, 0}));
  bad.read_until_closed(2s);

  const uint16_t http = server->http_port();
  std::string text;
  // The picture is still: once the display has its frame, sent == acked and nothing moves.
  ASSERT_TRUE(eventually([&] {
    const auto m = http_get(http, "/metrics");
    text = "\n" + m.body;
    const auto st = server->status();
    return m.status == 200 && st.displays.size() == 1 && st.displays[0].frames_acked >= 1 &&
           sample(text, R"(tftstream_display_frames_acked_total{screen="main",display="desk"})") ==
               static_cast<double>(st.displays[0].frames_acked) &&
           sample(text, R"(tftstream_display_frames_sent_total{screen="main",display="desk"})") ==
               static_cast<double>(st.displays[0].frames_sent);
  }));
  const auto [rc, lint] = promtool_check(text.substr(1));
  EXPECT_EQ(rc, 0) << lint;
  EXPECT_EQ(lint, "") << "promtool had remarks";

  const auto st = server->status();
  EXPECT_EQ(sample(text, R"(tftstream_display_sent_bytes_total{screen="main",display="desk"})"),
            static_cast<double>(st.displays[0].bytes_sent));
  EXPECT_EQ(sample(text, R"(tftstream_display_connected{screen="main",display="desk"})"), 1);
  EXPECT_EQ(sample(text, R"(tftstream_display_connects_total{screen="main",display="desk"})"), 1);
  EXPECT_EQ(sample(text, R"(tftstream_protocol_errors_total{screen="",display="",reason="bad_magic"})"), 1);
  EXPECT_EQ(sample(text, "tftstream_displays"), 1);
  EXPECT_GE(sample(text, R"(tftstream_screen_frames_captured_total{screen="main"})"), 1);
  EXPECT_GE(sample(text, R"(tftstream_stage_duration_seconds_count{screen="main",stage="resize"})"), 1);
  EXPECT_GE(sample(text, R"(tftstream_stage_duration_seconds_count{screen="main",stage="encode"})"), 1);
  EXPECT_GE(sample(text, R"(tftstream_stage_duration_seconds_count{screen="main",stage="send"})"), 1);
  EXPECT_EQ(sample(text, R"(tftstream_display_frame_latency_seconds_count{screen="main",display="desk"})"),
            static_cast<double>(st.displays[0].frames_acked));
  EXPECT_GT(sample(text, "process_resident_memory_bytes"), 0);
  // Codec bytes add up to the rectangle bytes: all sent bytes but the frame markers and the
  // rectangle headers, so strictly less and more than half for this detailed picture.
  double codec_bytes = 0;
  const std::regex codec_line(R"(\ntftstream_display_codec_bytes_total\{[^}]*display="desk"[^}]*\} (\d+))");
  for (std::sregex_iterator it(text.begin(), text.end(), codec_line), end; it != end; ++it) {
    codec_bytes += std::stod((*it)[1]);
  }
  EXPECT_LT(codec_bytes, static_cast<double>(st.displays[0].bytes_sent));
  EXPECT_GT(codec_bytes, 0.5 * static_cast<double>(st.displays[0].bytes_sent));
}

TEST(ServerMetrics, ScreenshotIsWhatTheDisplayShowsAndHealthzAnswers) {
  test::TempDir dir;
  RunningServer server(still_picture_config(dir));
  BackgroundDisplay desk(display_options(server.port(), "desk one", 160, 120));
  const uint16_t http = server->http_port();
  ASSERT_TRUE(eventually([&] {
    return desk.display().stats().frames >= 1 && server->status().displays.size() == 1 &&
           server->status().displays[0].in_flight == 0;
  }));
  const auto shot = http_get(http, "/api/displays/desk%20one/screenshot.png");
  ASSERT_EQ(shot.status, 200) << shot.body;
  EXPECT_EQ(shot.headers.at("content-type"), "image/png");
  std::ofstream(dir.file("shot.png"), std::ios::binary) << shot.body;
  core::RgbPlane got;
  std::string error;
  ASSERT_TRUE(core::load_png(dir.file("shot.png"), got, error)) << error;
  // Every frame is acknowledged and the source is still: the display holds the exact target.
  const core::Rgb565Plane target = testing::expected_target(dir.file("still.png"), 160, 120);
  core::RgbPlane want(160, 120);
  for (int y = 0; y < 120; ++y) {
    for (int x = 0; x < 160; ++x) want.at(x, y) = core::expand565(target.at(x, y));
  }
  int differ = 0, first_x = -1, first_y = -1;
  for (int y = 0; y < 120; ++y) {
    for (int x = 0; x < 160; ++x) {
      if (got.at(x, y) != want.at(x, y) && differ++ == 0) first_x = x, first_y = y;
    }
  }
  EXPECT_EQ(differ, 0) << "the screenshot differs from the display's framebuffer, first at "
                       << first_x << "," << first_y << ": " << std::hex << got.at(first_x, first_y)
                       << " vs " << want.at(first_x, first_y);

  const auto missing = http_get(http, "/api/displays/nobody/screenshot.png");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "{\"error\":\"no display called 'nobody' is connected\"}\n");

  const auto health = http_get(http, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_NE(health.body.find("\"status\":\"ok\""), std::string::npos);
  EXPECT_NE(health.body.find("\"displays\":1"), std::string::npos);
}

TEST(ServerMetrics, BadHttpRequestsGetReasonsAndTheDisplayStreamsOn) {
  test::TempDir dir;
  RunningServer server(loopback_config("test:320x240"));
  BackgroundDisplay desk(display_options(server.port(), "desk", 160, 120));
  ASSERT_TRUE(eventually([&] { return desk.display().stats().frames >= 2; }));
  const uint16_t http = server->http_port();

  EXPECT_EQ(http_exchange(http, "NONSENSE\r\n\r\n").status, 400);
  const auto huge = http_exchange(
      http, "GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(huge.status, 400);
  EXPECT_NE(huge.body.find("bad request"), std::string::npos);
  EXPECT_EQ(http_get(http, "/../etc/passwd").status, 400);
  EXPECT_EQ(http_get(http, "/nothing-here").status, 404);
  EXPECT_EQ(http_exchange(http, "POST /metrics HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                                "Connection: close\r\n\r\n").status, 405);
  {
    RawClient silent(http);  // connects and says nothing: must not block anyone
    const uint64_t before = desk.display().stats().frames;
    EXPECT_TRUE(eventually([&] { return desk.display().stats().frames > before + 5; }));
    EXPECT_EQ(http_get(http, "/healthz").status, 200);
  }
  const auto st = server->status();
  ASSERT_EQ(st.displays.size(), 1u);
  EXPECT_EQ(st.connections_accepted, 1u) << "the display never had to reconnect";
}

}  // namespace
}  // namespace tfts::server
