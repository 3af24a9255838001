#include "tfts/prom/dashboard_poller.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "tfts/prom/api_response.h"
#include "tfts/prom/http_client.h"

namespace tfts::prom {

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
using SteadyClock = std::chrono::steady_clock;

// Points a sparkline asks for: about one per pixel column of a small panel.
constexpr double kSparklinePoints = 120;
// The backoff while Prometheus is unreachable: first retry, and the longest wait (unless the
// poll interval is longer still).
constexpr double kFirstRetryS = 1;
constexpr double kMaxRetryS = 60;
// Polls faster than this would only load Prometheus; a dashboard file cannot ask for it, but
// a DashboardSpec built in code might.
constexpr double kMinIntervalS = 0.1;

// Concatenation by appending: GCC 12 warns falsely (-Wrestrict) about `a + b + c` at -O3.
std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) out.append(part);
  return out;
}

// Unix seconds as the API takes them, to the millisecond it resolves.
std::string format_time(double t) {
  char buf[40];
  snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}

// Clamped to a day so that no interval from a DashboardSpec built in code overflows the ticks.
SteadyClock::duration seconds(double s) {
  const double clamped = s > 0 ? std::min(s, 86400.0) : 0.0;
  return std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(clamped));
}

std::string instant_target(const std::string& query, double t) {
  return join({"/api/v1/query?query=", url_encode(query), "&time=", format_time(t)});
}

std::string range_target(const std::string& query, double t, double range_s) {
  const double range = std::max(range_s, 1.0);
  const long long step = std::max(1LL, std::llround(range / kSparklinePoints));
  return join({"/api/v1/query_range?query=", url_encode(query), "&start=", format_time(t - range),
               "&end=", format_time(t), "&step=", std::to_string(step)});
}

// Asks one query. False when no HTTP answer came (`unreachable` says why); otherwise `result`
// holds whatever Prometheus (or whatever answered) said.
bool ask(const DashboardSpec& spec, const Url& url, const PanelSpec& panel,
         const std::string& query, double t, const Headers& headers, QueryResult& result,
         std::string& unreachable) {
  const std::string target = panel.kind == PanelKind::sparkline
                                 ? range_target(query, t, panel.range_s)
                                 : instant_target(query, t);
  const HttpResponse response = http_get(url, target, spec.timeout_s, headers);
  if (!response.ok) {
    unreachable = response.error;
    return false;
  }
  result = parse_api_response(response.body, response.status, panel.legend);
  return true;
}

}  // namespace

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

DashboardPoller::DashboardPoller(DashboardSpec spec, WallClock clock)
    : spec_(std::move(spec)), clock_(std::move(clock)) {
  data_.panels.resize(spec_.panels.size());
}

DashboardPoller::~DashboardPoller() { stop(); }

void DashboardPoller::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DashboardPoller::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  std::lock_guard lock(mutex_);
  stopping_ = false;  // poll_once() works again after a stop
}

bool DashboardPoller::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

DashboardData DashboardPoller::snapshot() const {
  std::lock_guard lock(mutex_);
  return data_;
}

uint64_t DashboardPoller::polls() const {
  std::lock_guard lock(mutex_);
  return data_.polls;
}

DashboardData DashboardPoller::poll_once(double at) {
  DashboardData next = poll(at, snapshot());
  std::lock_guard lock(mutex_);
  data_ = next;
  return next;
}

void DashboardPoller::run() {
  const auto interval = seconds(std::max(spec_.interval_s, kMinIntervalS));
  auto next_poll = SteadyClock::now();
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (cv_.wait_until(lock, next_poll, [this] { return stopping_; })) return;
    }
    DashboardData data = poll(0, snapshot());
    std::unique_lock lock(mutex_);
    if (stopping_) return;  // the poll was cut short: nothing new to publish
    data_ = std::move(data);
    const auto now = SteadyClock::now();
    if (!data_.reachable) {
      next_poll = now + seconds(retry_delay_s_);
    } else {
      // Paced, not slept: a slow poll does not push every later one back.
      next_poll += interval;
      if (next_poll < now) next_poll = now + interval;
    }
  }
}

DashboardData DashboardPoller::poll(double at, const DashboardData& previous) {
  // Milliseconds are what the API resolves; rounding here makes evaluated_at exactly the time
  // Prometheus evaluated at.
  const double t = std::round((at > 0 ? at : clock_()) * 1000) / 1000;
  Headers headers;
  if (!spec_.bearer_token.empty()) {
    headers.emplace_back("Authorization", join({"Bearer ", spec_.bearer_token}));
  }

  std::vector<PanelData> panels(spec_.panels.size());
  std::string unreachable;
  Url url;
  if (!parse_url(spec_.url, url, unreachable)) unreachable = join({"bad url: ", unreachable});
  for (size_t i = 0; i < spec_.panels.size() && unreachable.empty(); ++i) {
    if (stopping()) return previous;
    const PanelSpec& panel = spec_.panels[i];
    PanelData& p = panels[i];
    p.evaluated_at = t;
    QueryResult main;
    if (!ask(spec_, url, panel, panel.query, t, headers, main, unreachable)) break;
    QueryResult total;
    total.ok = true;
    if (main.ok && !panel.total_query.empty() &&
        !ask(spec_, url, panel, panel.total_query, t, headers, total, unreachable)) {
      break;
    }
    p.fetched_at = clock_();
    if (!main.ok) {
      p.state = PanelState::error;
      p.error = std::move(main.error);
    } else if (!total.ok) {
      p.state = PanelState::error;
      p.error = join({"total_query: ", total.error});
    } else {
      p.state = main.series.empty() ? PanelState::no_data : PanelState::ok;
      p.series = std::move(main.series);
      p.totals = std::move(total.series);
    }
  }

  DashboardData next;
  next.polls = previous.polls + 1;
  if (!unreachable.empty()) {
    // Nothing of this poll is kept, so the panels still agree on one evaluation time.
    next.panels = previous.panels;
    next.panels.resize(spec_.panels.size());
    ++failures_;
    const double cap = std::max(kMaxRetryS, spec_.interval_s);
    retry_delay_s_ = std::min(std::ldexp(kFirstRetryS, std::min(failures_ - 1, 30)), cap);
    const double now = clock_();
    next.reachable = false;
    next.unreachable_reason = std::move(unreachable);
    next.unreachable_since =
        previous.reachable || previous.unreachable_since == 0 ? now : previous.unreachable_since;
    next.next_retry_at = now + retry_delay_s_;
    return next;
  }
  failures_ = 0;
  retry_delay_s_ = 0;
  next.panels = std::move(panels);
  return next;
}

}  // namespace tfts::prom
