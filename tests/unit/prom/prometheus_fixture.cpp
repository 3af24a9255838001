#include "prom/prometheus_fixture.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tfts/prom/dashboard_poller.h"

namespace tfts::test {

using prom::http_get;
using prom::HttpResponse;
using prom::unix_now;
using prom::Url;
using prom::url_encode;

namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

const char kPrometheus[] = "/usr/bin/prometheus";
const char kNodeExporter[] = "/usr/bin/prometheus-node-exporter";
// Prometheus is ready in about a second and scrapes every second; these bounds are only hit
// when something is wrong.
constexpr auto kReadyTimeout = 20s;
constexpr auto kStopTimeout = 5s;

// A port nobody listens on now. Another process could take it before the server binds it;
// on a test machine that is rare enough.
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

std::string loopback(int port) { return "127.0.0.1:" + std::to_string(port); }

}  // namespace

PrometheusFixture::PrometheusFixture() : port_(free_port()) {}

PrometheusFixture::~PrometheusFixture() { stop_all(); }

bool PrometheusFixture::available() {
  return access(kPrometheus, X_OK) == 0 && access(kNodeExporter, X_OK) == 0;
}

std::string PrometheusFixture::url() const { return "http://" + loopback(port_); }

Url PrometheusFixture::address() const {
  Url u;
  u.host = "127.0.0.1";
  u.port = std::to_string(port_);
  return u;
}

HttpResponse PrometheusFixture::get(const std::string& target) const {
  return http_get(address(), target, 5);
}

double PrometheusFixture::settled_time() {
  return std::round((unix_now() - kSettleS) * 1000) / 1000;
}

::testing::AssertionResult PrometheusFixture::spawn(const std::string& name,
                                                    const std::vector<std::string>& argv,
                                                    Child& child) {
  child.name = name;
  child.log = dir_.file(name + ".log");
  // Everything the child needs is made before fork(): between fork and exec only
  // async-signal-safe calls are allowed (the test program has threads).
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return ::testing::AssertionFailure() << "fork failed for " << name;
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the test died before prctl
    const int log = open(child.log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int null = open("/dev/null", O_RDONLY);
    if (log >= 0) {
      dup2(log, 1);
      dup2(log, 2);
    }
    if (null >= 0) dup2(null, 0);
    // Sockets the test holds (its own little servers) must not live on in the child.
    if (close_range(3, ~0u, 0) != 0) {
      for (int fd = 3; fd < 1024; ++fd) close(fd);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  child.pid = pid;
  return ::testing::AssertionSuccess();
}

bool PrometheusFixture::alive(Child& child) const {
  if (child.pid <= 0) return false;
  int status = 0;
  if (waitpid(child.pid, &status, WNOHANG) == child.pid) {
    child.pid = -1;
    return false;
  }
  return true;
}

std::string PrometheusFixture::log_tail(const Child& child) const {
  std::ifstream in(child.log);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > 15) lines.pop_front();
  }
  std::string out = "\n--- last lines of " + child.log + " ---\n";
  for (const std::string& line : lines) out.append(line).append("\n");
  return out;
}

::testing::AssertionResult PrometheusFixture::start_node_exporter() {
  const int port = free_port();
  if (port == 0) return ::testing::AssertionFailure() << "no free port for the node exporter";
  // Only collectors that read a file or two of /proc: the defaults take ~100 ms per scrape.
  Child child;
  const std::string name = "node_exporter" + std::to_string(exporters_.size());
  auto started =
      spawn(name,
            {kNodeExporter, "--web.listen-address=" + loopback(port),
             "--collector.disable-defaults", "--collector.loadavg", "--collector.meminfo",
             "--collector.cpu", "--web.disable-exporter-metrics", "--log.level=warn"},
            child);
  if (!started) return started;
  exporters_.push_back(child);
  extra_targets_.push_back(loopback(port));
  return ::testing::AssertionSuccess();
}

bool PrometheusFixture::write_config(std::string& error) const {
  std::ofstream out(dir_.file("prometheus.yml"));
  // scrape_timeout must not exceed the interval (the default 10 s would be refused).
  out << "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
      << "scrape_configs:\n"
      << "  - job_name: prometheus\n    static_configs:\n      - targets: ['" << loopback(port_)
      << "']\n";
  if (!extra_targets_.empty()) {
    out << "  - job_name: node\n    static_configs:\n      - targets: [";
    for (size_t i = 0; i < extra_targets_.size(); ++i) {
      out << (i ? ", '" : "'") << extra_targets_[i] << "'";
    }
    out << "]\n";
  }
  out.close();
  if (!out) error = "cannot write " + dir_.file("prometheus.yml");
  return static_cast<bool>(out);
}

::testing::AssertionResult PrometheusFixture::start(bool wait_for_scrapes) {
  if (port_ == 0) return ::testing::AssertionFailure() << "no free port for Prometheus";
  if (alive(prometheus_)) return ::testing::AssertionFailure() << "Prometheus already runs";
  std::string error;
  if (!write_config(error)) return ::testing::AssertionFailure() << error;
  auto started = spawn("prometheus",
                       {kPrometheus, "--config.file=" + dir_.file("prometheus.yml"),
                        "--storage.tsdb.path=" + dir_.file("data"),
                        "--web.listen-address=" + loopback(port_), "--log.level=warn"},
                       prometheus_);
  if (!started) return started;
  auto ready = wait_ready();
  if (!ready || !wait_for_scrapes) return ready;
  return wait_scraped();
}

::testing::AssertionResult PrometheusFixture::wait_ready() {
  const auto deadline = SteadyClock::now() + kReadyTimeout;
  std::string last = "no answer yet";
  while (SteadyClock::now() < deadline) {
    if (!alive(prometheus_)) {
      return ::testing::AssertionFailure()
             << "Prometheus exited while starting" << log_tail(prometheus_);
    }
    const HttpResponse r = http_get(address(), "/-/ready", 1);
    if (r.ok && r.status == 200) return ::testing::AssertionSuccess();
    last = r.ok ? "HTTP " + std::to_string(r.status) : r.error;
    std::this_thread::sleep_for(50ms);
  }
  return ::testing::AssertionFailure()
         << "Prometheus not ready in time (" << last << ")" << log_tail(prometheus_);
}

::testing::AssertionResult PrometheusFixture::wait_scraped() {
  const auto deadline = SteadyClock::now() + kReadyTimeout;
  std::string last;
  while (SteadyClock::now() < deadline) {
    char time[40];
    snprintf(time, sizeof time, "%.3f", settled_time());
    const HttpResponse r =
        get("/api/v1/query?query=" + url_encode("count(up == 1)") + "&time=" + time);
    last = r.ok ? r.body : r.error;
    if (r.ok && r.status == 200) {
      // count() answers one sample, or an empty vector before the first scrape.
      const auto doc = nlohmann::json::parse(r.body, nullptr, false);
      const nlohmann::json::json_pointer count("/data/result/0/value/1");
      if (!doc.is_discarded() && doc.contains(count) &&
          doc.at(count) == std::to_string(targets())) {
        return ::testing::AssertionSuccess();
      }
    }
    std::this_thread::sleep_for(100ms);
  }
  return ::testing::AssertionFailure()
         << "not every target was up in time; last answer: " << last << log_tail(prometheus_);
}

::testing::AssertionResult PrometheusFixture::stop(Child& child) {
  if (child.pid <= 0) return ::testing::AssertionSuccess();
  kill(child.pid, SIGTERM);
  const auto deadline = SteadyClock::now() + kStopTimeout;
  while (SteadyClock::now() < deadline) {
    if (!alive(child)) return ::testing::AssertionSuccess();
    std::this_thread::sleep_for(10ms);
  }
  kill(child.pid, SIGKILL);
  int status = 0;
  waitpid(child.pid, &status, 0);
  child.pid = -1;
  return ::testing::AssertionFailure() << child.name << " ignored SIGTERM for 5 s";
}

::testing::AssertionResult PrometheusFixture::stop_prometheus() { return stop(prometheus_); }

void PrometheusFixture::stop_all() {
  auto stopped = stop(prometheus_);
  if (!stopped) ADD_FAILURE() << stopped.message();
  for (Child& child : exporters_) {
    stopped = stop(child);
    if (!stopped) ADD_FAILURE() << stopped.message();
  }
}

}  // namespace tfts::test
