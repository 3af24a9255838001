// PrometheusFixture: a real Prometheus (the Debian package's /usr/bin/prometheus) on loopback
// for tests, with a data directory and config of its own, scraping every second: itself (job
// "prometheus") and, on request, a node exporter it starts (job "node", a few fast collectors
// only). Every process it starts is stopped by PID (SIGTERM, then SIGKILL after a bound) when
// the fixture is destroyed, also when the test failed half-way; should the test program die,
// the kernel kills them (PR_SET_PDEATHSIG).
//
// Use one per test or per suite (SetUpTestSuite); not thread-safe. Tests skip (GTEST_SKIP)
// when available() is false.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "tfts/prom/http_client.h"

namespace tfts::test {

class PrometheusFixture {
 public:
  // Seconds before now up to which every scrape has been stored: scrapes take at most their
  // timeout (1 s) and are stamped with their start, so evaluating at settled_time() gives the
  // same answer however often it is asked.
  static constexpr double kSettleS = 1.5;

  PrometheusFixture();
  ~PrometheusFixture();  // stop_all()
  PrometheusFixture(const PrometheusFixture&) = delete;
  PrometheusFixture& operator=(const PrometheusFixture&) = delete;

  // Whether the binaries are installed (scripts/setup installs them).
  static bool available();

  // Starts a node exporter on a free port and adds it as a scrape target (job "node"). Call it
  // before start().
  ::testing::AssertionResult start_node_exporter();

  // Writes prometheus.yml, starts Prometheus and waits until /-/ready answers 200 (about
  // 0.1 s). With `wait_for_scrapes`, also until every target is up as of settled_time(): about
  // 7 s, as Prometheus applies discovered targets on a 5 s tick, so tests that need no scraped
  // data (vector(1), errors, missing metrics) should not ask for it. Also restarts a stopped
  // Prometheus, on the same port and data directory (the TSDB keeps what it had).
  ::testing::AssertionResult start(bool wait_for_scrapes = true);

  // Stops Prometheus only (SIGTERM, SIGKILL after 5 s); exporters keep running.
  ::testing::AssertionResult stop_prometheus();

  // Stops everything this fixture started. Idempotent.
  void stop_all();

  std::string url() const;  // "http://127.0.0.1:PORT"
  prom::Url address() const;
  int port() const { return port_; }
  size_t targets() const { return 1 + extra_targets_.size(); }  // jobs scraped, itself included

  // A GET of `target` ("/api/v1/query?...") from this Prometheus, timeout 5 s.
  prom::HttpResponse get(const std::string& target) const;

  static double settled_time();

 private:
  struct Child {
    pid_t pid = -1;
    std::string name;
    std::string log;
  };

  ::testing::AssertionResult spawn(const std::string& name, const std::vector<std::string>& argv,
                                   Child& child);
  ::testing::AssertionResult wait_ready();
  ::testing::AssertionResult wait_scraped();
  ::testing::AssertionResult stop(Child& child);
  bool alive(Child& child) const;
  std::string log_tail(const Child& child) const;
  bool write_config(std::string& error) const;

  TempDir dir_;  // destroyed last: the processes are stopped before it goes
  int port_ = 0;
  Child prometheus_;
  std::vector<Child> exporters_;
  std::vector<std::string> extra_targets_;  // "127.0.0.1:PORT" of job "node"
};

}  // namespace tfts::test
