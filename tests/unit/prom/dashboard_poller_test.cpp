// DashboardPoller against a real Prometheus (prometheus_fixture.h): its values are the API's at
// the same evaluation time, errors and empty answers reach the panels, and a Prometheus that
// stops and comes back is reported, retried with backoff, and picked up again. Backoff
// arithmetic and the request format are checked without Prometheus.
#include "tfts/prom/dashboard_poller.h"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "prom/prometheus_fixture.h"
#include "tfts/prom/http_client.h"

namespace tfts::prom {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using test::PrometheusFixture;

PanelSpec panel(std::string query, PanelKind kind = PanelKind::value, std::string legend = {}) {
  PanelSpec p;
  p.title = query;
  p.query = std::move(query);
  p.kind = kind;
  p.legend = std::move(legend);
  return p;
}

DashboardSpec dashboard(std::string url, std::vector<PanelSpec> panels) {
  DashboardSpec d;
  d.url = std::move(url);
  d.interval_s = 1;
  d.timeout_s = 1;
  d.panels = std::move(panels);
  return d;
}

std::string time_param(double t) {
  char buf[40];
  snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}

// Polls `condition` every 20 ms until it holds or `seconds` pass.
template <typename Condition>
bool eventually(double seconds, Condition condition) {
  const auto deadline = SteadyClock::now() + std::chrono::duration<double>(seconds);
  while (SteadyClock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

std::string closed_port_url() {
  asio::io_context ioc;
  tcp::acceptor a(ioc, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  return "http://127.0.0.1:" + std::to_string(a.local_endpoint().port());
}

TEST(DashboardPoller, UnreachableBacksOffDoublingToTheCap) {
  const std::string url = closed_port_url();
  for (const double interval : {5.0, 120.0}) {
    double now = 1000;
    DashboardSpec spec = dashboard(url, {panel("up")});
    spec.interval_s = interval;
    DashboardPoller poller(spec, [&] { return now; });
    const std::vector<double> want = interval == 5
                                         ? std::vector<double>{1, 2, 4, 8, 16, 32, 60, 60}
                                         : std::vector<double>{1, 2, 4, 8, 16, 32, 64, 120, 120};
    for (size_t i = 0; i < want.size(); ++i) {
      const DashboardData d = poller.poll_once(now);
      EXPECT_FALSE(d.reachable);
      EXPECT_EQ(d.unreachable_reason, "connection refused (" + url.substr(7) + ")");
      EXPECT_EQ(d.unreachable_since, 1000);
      EXPECT_EQ(d.next_retry_at - now, want[i]) << "failure " << i + 1;
      EXPECT_EQ(d.polls, i + 1);
      ASSERT_EQ(d.panels.size(), 1u);
      EXPECT_EQ(d.panels[0].state, PanelState::pending);
      now = d.next_retry_at;
    }
  }
}

TEST(DashboardPoller, BadUrlIsUnreachableWithTheReason) {
  DashboardPoller poller(dashboard("https://prom.example.com", {panel("up")}));
  const DashboardData d = poller.poll_once();
  EXPECT_FALSE(d.reachable);
  EXPECT_EQ(d.unreachable_reason.rfind("bad url: https is not supported", 0), 0u)
      << d.unreachable_reason;
}

TEST(DashboardPoller, AsksInstantAndRangeQueriesAtOneTimeWithTheBearerToken) {
  asio::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  const std::string body = R"({"status":"success","data":{"resultType":"vector","result":[]}})";
  std::vector<std::string> requests;
  std::thread server([&] {
    for (int i = 0; i < 3; ++i) {
      tcp::socket s(ioc);
      boost::system::error_code ec;
      acceptor.accept(s, ec);
      asio::streambuf head;
      const size_t n = asio::read_until(s, head, "\r\n\r\n", ec);
      requests.emplace_back(asio::buffers_begin(head.data()),
                            asio::buffers_begin(head.data()) + static_cast<long>(n));
      const std::string answer =
          "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
      asio::write(s, asio::buffer(answer), ec);
    }
  });
  PanelSpec spark = panel("rate(x[1m])", PanelKind::sparkline);
  spark.range_s = 600;
  spark.total_query = "y";
  DashboardSpec spec = dashboard(
      "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()), {panel("up"), spark});
  spec.bearer_token = "tok";
  DashboardPoller poller(spec);
  const DashboardData d = poller.poll_once(1700000000.1234);
  for (int i = 0; i < 3; ++i) {  // wakes the server should the poller have asked less
    tcp::socket poke(ioc);
    boost::system::error_code ec;
    poke.connect(acceptor.local_endpoint(), ec);
  }
  server.join();

  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].rfind("GET /api/v1/query?query=up&time=1700000000.123 HTTP/1.1\r\n", 0), 0u)
      << requests[0];
  const std::string range = "&start=1699999400.123&end=1700000000.123&step=5 HTTP/1.1\r\n";
  EXPECT_EQ(requests[1].rfind("GET /api/v1/query_range?query=rate%28x%5B1m%5D%29" + range, 0), 0u)
      << requests[1];
  EXPECT_EQ(requests[2].rfind("GET /api/v1/query_range?query=y" + range, 0), 0u) << requests[2];
  for (const std::string& r : requests) {
    EXPECT_NE(r.find("Authorization: Bearer tok\r\n"), std::string::npos) << r;
  }
  ASSERT_TRUE(d.reachable) << d.unreachable_reason;
  for (const PanelData& p : d.panels) {
    EXPECT_EQ(p.state, PanelState::no_data);
    EXPECT_EQ(p.evaluated_at, 1700000000.123);
  }
}

TEST(DashboardPoller, StopIsPromptWhileWaitingToRetry) {
  DashboardPoller poller(dashboard(closed_port_url(), {panel("up")}));
  poller.start();
  ASSERT_TRUE(eventually(2, [&] { return poller.snapshot().polls >= 1; }));
  const auto start = SteadyClock::now();
  poller.stop();
  EXPECT_LT(std::chrono::duration<double>(SteadyClock::now() - start).count(), 0.2);
  poller.stop();  // idempotent
}

// A Prometheus scraping itself and a node exporter, with every target scraped. Its first
// scrape comes about 5 s after the start (Prometheus applies discovered targets on a 5 s tick),
// so only the test that needs scraped data uses it, shared by the suite.
class PollerAgainstScrapedPrometheus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!PrometheusFixture::available()) return;
    prom_ = std::make_unique<PrometheusFixture>();
    setup_ = prom_->start_node_exporter();
    if (setup_) setup_ = prom_->start();
  }
  static void TearDownTestSuite() { prom_.reset(); }
  void SetUp() override {
    if (!prom_) GTEST_SKIP() << "prometheus or prometheus-node-exporter is not installed";
    ASSERT_TRUE(setup_);
  }

  // The API's own answer to `target`, as legend (or "") -> (times, values), read without
  // parse_api_response.
  static std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> direct(
      const std::string& target, const std::string& legend) {
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> out;
    const HttpResponse r = prom_->get(target);
    EXPECT_TRUE(r.ok && r.status == 200) << r.error << r.body;
    auto doc = nlohmann::json::parse(r.body, nullptr, false);
    for (const auto& item : doc["data"]["result"]) {
      const std::string name = legend.empty() ? "" : item["metric"][legend].get<std::string>();
      auto& points = out[name];  // (not a structured binding: clang 14 cannot capture those)
      const auto add = [&](const nlohmann::json& pair) {
        points.first.push_back(pair[0].get<double>());
        points.second.push_back(std::strtod(pair[1].get<std::string>().c_str(), nullptr));
      };
      if (item.contains("value")) add(item["value"]);
      if (item.contains("values")) {
        for (const auto& pair : item["values"]) add(pair);
      }
    }
    return out;
  }

  static inline std::unique_ptr<PrometheusFixture> prom_;
  static inline ::testing::AssertionResult setup_ = ::testing::AssertionSuccess();
};

TEST_F(PollerAgainstScrapedPrometheus, ValuesEqualTheApiAtTheSameEvaluationTime) {
  PanelSpec gauge = panel("node_memory_MemAvailable_bytes", PanelKind::gauge);
  gauge.total_query = "node_memory_MemTotal_bytes";
  PanelSpec recent = panel("up", PanelKind::sparkline, "job");
  recent.range_s = 30;
  PanelSpec long_range = panel("node_load1", PanelKind::sparkline);
  long_range.range_s = 600;
  const DashboardSpec spec = dashboard(
      prom_->url(),
      {panel("node_load1"), panel("up", PanelKind::bar, "job"), gauge, recent, long_range});
  DashboardPoller poller(spec);
  const double t = PrometheusFixture::settled_time();
  const double before = unix_now();
  const DashboardData d = poller.poll_once(t);
  ASSERT_TRUE(d.reachable) << d.unreachable_reason;
  ASSERT_EQ(d.panels.size(), spec.panels.size());

  for (size_t i = 0; i < spec.panels.size(); ++i) {
    const PanelSpec& ps = spec.panels[i];
    const PanelData& p = d.panels[i];
    SCOPED_TRACE(ps.query);
    ASSERT_EQ(p.state, PanelState::ok) << p.error;
    EXPECT_EQ(p.evaluated_at, t);
    EXPECT_GE(p.fetched_at, before);
    const auto target = [&](const std::string& q) {
      if (ps.kind != PanelKind::sparkline) {
        return "/api/v1/query?query=" + url_encode(q) + "&time=" + time_param(t);
      }
      const long long step = std::max(1LL, std::llround(ps.range_s / 120));
      return "/api/v1/query_range?query=" + url_encode(q) + "&start=" + time_param(t - ps.range_s) +
             "&end=" + time_param(t) + "&step=" + std::to_string(step);
    };
    const auto want = direct(target(ps.query), ps.legend);
    ASSERT_EQ(p.series.size(), want.size());
    for (const Series& s : p.series) {
      const std::string key = ps.legend.empty() ? "" : s.name;
      ASSERT_EQ(want.count(key), 1u) << s.name;
      EXPECT_EQ(s.times, want.at(key).first) << s.name;
      EXPECT_EQ(s.values, want.at(key).second) << s.name;
      EXPECT_EQ(s.times.back(), t) << "the newest point is at the evaluation time";
    }
    if (!ps.total_query.empty()) {
      const auto totals = direct(target(ps.total_query), ps.legend);
      ASSERT_EQ(p.totals.size(), 1u);
      EXPECT_EQ(p.totals[0].values, totals.at("").second);
    }
  }
  // Unnamed panels are named by their label set, the metric name first.
  EXPECT_EQ(d.panels[0].series[0].name.rfind("node_load1{instance=\"127.0.0.1:", 0), 0u)
      << d.panels[0].series[0].name;
  // Steps of 1 s over 30 s and of 5 s over 600 s (600 / 120), ending at t. (Prometheus has
  // only run a few seconds, so the points before its start are absent.)
  for (const auto& [index, step] : {std::pair<size_t, double>{3, 1}, {4, 5}}) {
    for (const double time : d.panels[index].series[0].times) {
      const double steps = (t - time) / step;
      EXPECT_NEAR(steps, std::round(steps), 1e-6) << "panel " << index;
    }
  }
}

// A fresh Prometheus per test, not waiting for scrapes: for answers that need no data.
class PollerAgainstPrometheus : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PrometheusFixture::available()) GTEST_SKIP() << "prometheus is not installed";
    ASSERT_TRUE(prom_.start(false));
  }
  PrometheusFixture prom_;
};

TEST_F(PollerAgainstPrometheus, SyntaxErrorShowsPrometheusReasonAndSparesOtherPanels) {
  const std::string broken = "sum(rate(node_cpu_seconds_total[1m])";
  DashboardPoller poller(dashboard(prom_.url(), {panel(broken), panel("vector(1)")}));
  const double t = unix_now();
  const DashboardData d = poller.poll_once(t);
  ASSERT_TRUE(d.reachable) << d.unreachable_reason;
  const HttpResponse r =
      prom_.get("/api/v1/query?query=" + url_encode(broken) + "&time=" + time_param(t));
  auto doc = nlohmann::json::parse(r.body, nullptr, false);
  ASSERT_EQ(doc["status"], "error") << r.body;
  EXPECT_EQ(d.panels[0].state, PanelState::error);
  EXPECT_EQ(d.panels[0].error,
            doc["errorType"].get<std::string>() + ": " + doc["error"].get<std::string>());
  EXPECT_NE(d.panels[0].error.find("parse error"), std::string::npos) << d.panels[0].error;
  EXPECT_GT(d.panels[0].fetched_at, 0);
  EXPECT_EQ(d.panels[1].state, PanelState::ok);
}

TEST_F(PollerAgainstPrometheus, MetricWithoutDataIsNoData) {
  PanelSpec total = panel("vector(1)");
  total.total_query = "no_such_metric_total";
  DashboardPoller poller(dashboard(
      prom_.url(),
      {panel("no_such_metric_total"), panel("no_such_metric_total", PanelKind::sparkline), total}));
  const DashboardData d = poller.poll_once();
  ASSERT_TRUE(d.reachable) << d.unreachable_reason;
  EXPECT_EQ(d.panels[0].state, PanelState::no_data);
  EXPECT_EQ(d.panels[1].state, PanelState::no_data);
  EXPECT_TRUE(d.panels[1].series.empty());
  // A missing total is not an error: the panel shows its value without the ratio.
  EXPECT_EQ(d.panels[2].state, PanelState::ok);
  EXPECT_TRUE(d.panels[2].totals.empty());
}

// Each test stops and restarts its own Prometheus (scraping itself only).
class PollerRestart : public PollerAgainstPrometheus {};

TEST_F(PollerRestart, StoppedKeepsTheDataThenRecoversFresh) {
  double clock = 5000;  // fake wall clock: exact backoff arithmetic
  DashboardPoller poller(dashboard(prom_.url(), {panel("vector(7)"), panel("up")}),
                         [&] { return clock; });
  const DashboardData first = poller.poll_once(unix_now());
  ASSERT_TRUE(first.reachable) << first.unreachable_reason;
  ASSERT_EQ(first.panels[0].state, PanelState::ok);
  EXPECT_EQ(first.panels[0].fetched_at, 5000);

  ASSERT_TRUE(prom_.stop_prometheus());
  clock = 5010;
  DashboardData down = poller.poll_once(unix_now());
  EXPECT_FALSE(down.reachable);
  EXPECT_EQ(down.unreachable_reason,
            "connection refused (127.0.0.1:" + std::to_string(prom_.port()) + ")");
  EXPECT_EQ(down.unreachable_since, 5010);
  EXPECT_EQ(down.next_retry_at, 5011);
  for (size_t i = 0; i < 2; ++i) {  // kept as they were, to be drawn stale
    EXPECT_EQ(down.panels[i].state, first.panels[i].state);
    EXPECT_EQ(down.panels[i].fetched_at, 5000);
    EXPECT_EQ(down.panels[i].evaluated_at, first.panels[i].evaluated_at);
    EXPECT_EQ(down.panels[i].series.size(), first.panels[i].series.size());
  }
  EXPECT_EQ(down.panels[0].series[0].values, first.panels[0].series[0].values);
  clock = 5011;
  down = poller.poll_once(unix_now());
  EXPECT_EQ(down.unreachable_since, 5010);
  EXPECT_EQ(down.next_retry_at, 5013);

  ASSERT_TRUE(prom_.start(false));
  clock = 5013;
  const double t = unix_now();
  const DashboardData up = poller.poll_once(t);
  ASSERT_TRUE(up.reachable) << up.unreachable_reason;
  EXPECT_EQ(up.unreachable_reason, "");
  EXPECT_EQ(up.unreachable_since, 0);
  EXPECT_EQ(up.next_retry_at, 0);
  EXPECT_EQ(up.polls, 4u);
  EXPECT_EQ(up.panels[0].state, PanelState::ok);
  EXPECT_EQ(up.panels[0].fetched_at, 5013);
  EXPECT_EQ(up.panels[0].evaluated_at, std::round(t * 1000) / 1000);
  EXPECT_EQ(up.panels[0].series[0].values[0], 7);
}

TEST_F(PollerRestart, PollingThreadReportsTheOutageAndRecovers) {
  DashboardSpec spec = dashboard(prom_.url(), {panel("vector(1)")});
  spec.interval_s = 0.3;
  DashboardPoller poller(spec);
  poller.start();
  ASSERT_TRUE(eventually(5, [&] {
    const DashboardData d = poller.snapshot();
    return d.reachable && d.panels[0].state == PanelState::ok;
  }));

  ASSERT_TRUE(prom_.stop_prometheus());
  const double stopped_at = unix_now();
  ASSERT_TRUE(eventually(3, [&] { return !poller.snapshot().reachable; }));
  DashboardData down = poller.snapshot();
  EXPECT_NE(down.unreachable_reason.find("connection refused"), std::string::npos)
      << down.unreachable_reason;
  EXPECT_EQ(down.panels[0].state, PanelState::ok);
  EXPECT_LE(down.panels[0].fetched_at, stopped_at);
  EXPECT_GE(down.next_retry_at, down.unreachable_since + 1);

  ASSERT_TRUE(prom_.start(false));
  const double restarted_at = unix_now();
  // Retries come 1, 2, 4 s apart: back within a few seconds of the restart.
  ASSERT_TRUE(eventually(8, [&] { return poller.snapshot().reachable; }));
  const DashboardData up = poller.snapshot();
  EXPECT_EQ(up.panels[0].state, PanelState::ok);
  EXPECT_GE(up.panels[0].fetched_at, restarted_at);

  const auto start = SteadyClock::now();
  poller.stop();
  EXPECT_LT(std::chrono::duration<double>(SteadyClock::now() - start).count(), 0.5);
}

}  // namespace
}  // namespace tfts::prom
