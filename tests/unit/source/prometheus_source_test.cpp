// The prometheus source as the factory builds it: where the dashboard comes from, its errors as
// the user sees them, the size option, and a grab that never waits for Prometheus. Drawing
// and fetching are tested in tests/unit/prom; against a real Prometheus in tests/prometheus.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "support/temp_dir.h"
#include "tfts/source/source_factory.h"

namespace tfts::source {
namespace {

// A loopback port where nothing listens (bound, then released).
int unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

std::string dashboard(int port) {
  return "url = \"http://127.0.0.1:" + std::to_string(port) +
         "\"\ninterval = 1\n[[panel]]\ntitle = \"Load\"\nquery = \"node_load1\"\n";
}

TEST(PrometheusSource, FromAFileAtItsSizeAndGrabNeverWaits) {
  test::TempDir dir;
  std::ofstream(dir.file("dash.toml")) << dashboard(unused_port());
  SourceSpec spec;
  spec.spec = "prometheus:" + dir.file("dash.toml") + "@160x128";
  std::string error;
  auto source = make_source(spec, error);
  ASSERT_TRUE(source) << error;
  EXPECT_NE(source->describe().find("1 panels from http://127.0.0.1:"), std::string::npos);
  core::RgbPlane frame;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::changed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
  EXPECT_EQ(frame.width(), 160);
  EXPECT_EQ(frame.height(), 128);
}

TEST(PrometheusSource, FromTheScreensTableAndOneShotReportsTheOutage) {
  SourceSpec spec;
  spec.spec = "prometheus";
  spec.dashboard_toml = dashboard(unused_port());
  spec.one_shot = true;
  std::string error;
  auto source = make_source(spec, error);
  ASSERT_TRUE(source) << error;
  core::RgbPlane frame;
  EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::changed);
  const std::string state = source->state_json();
  EXPECT_NE(state.find("\"reachable\":false"), std::string::npos) << state;
  EXPECT_NE(state.find("connection refused"), std::string::npos) << state;
  EXPECT_NE(state.find("\"state\":\"pending\""), std::string::npos) << state;
}

TEST(PrometheusSource, NothingNewWithinTheSameSecondIsUnchanged) {
  SourceSpec spec;
  spec.spec = "prometheus";
  spec.dashboard_toml = dashboard(unused_port());
  spec.one_shot = true;
  spec.at_unix = 1714998896;  // a fixed instant: the drawn second never passes
  std::string error;
  auto source = make_source(spec, error);
  ASSERT_TRUE(source) << error;
  core::RgbPlane frame;
  EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::changed);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::unchanged);
  }
}

TEST(PrometheusSource, DashboardErrorsNameFileLineAndKey) {
  test::TempDir dir;
  std::ofstream(dir.file("bad.toml")) << "url = \"http://127.0.0.1:9090\"\n[[panel]]\n"
                                         "query = \"up\"\nkind = \"pie\"\n";
  SourceSpec spec;
  spec.spec = "prometheus:" + dir.file("bad.toml");
  std::string error;
  EXPECT_FALSE(make_source(spec, error));
  EXPECT_NE(error.find(dir.file("bad.toml") + ":4: panel[0].kind: must be one of"),
            std::string::npos) << error;

  spec.spec = "prometheus:" + dir.file("missing.toml");
  EXPECT_FALSE(make_source(spec, error));
  EXPECT_NE(error.find("missing.toml"), std::string::npos) << error;

  spec.spec = "prometheus:" + dir.file("bad.toml") + "@wide";
  EXPECT_FALSE(make_source(spec, error));
  EXPECT_EQ(error, "prometheus: size 'wide' is not WxH (e.g. prometheus:dash.toml@480x320)");
}

TEST(PrometheusSource, BuiltInNodeDashboardWithoutFile) {
  SourceSpec spec;
  spec.spec = "prometheus";
  spec.one_shot = true;  // no thread: nothing is asked until a grab
  std::string error;
  auto source = make_source(spec, error);
  ASSERT_TRUE(source) << error;
  EXPECT_NE(source->describe().find("built-in node-exporter dashboard"), std::string::npos);
  EXPECT_NE(source->describe().find("http://127.0.0.1:9090"), std::string::npos);
}

}  // namespace
}  // namespace tfts::source
