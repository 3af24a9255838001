// DashboardPoller: asks Prometheus every panel's queries on a thread of its own, every
// interval, and keeps the newest answers as a DashboardData the screen thread copies without
// ever waiting on the network.
//
// One poll evaluates every query at the same Unix time T (so panels agree), one after the
// other: value, gauge and bar panels with an instant query (/api/v1/query, time=T), sparklines
// with a range query over [T - range_s, T] in steps of range_s / 120 (whole seconds, at least
// 1). A panel's total_query is asked the same way as its query, with the same legend, so
// totals match their series by name (dashboard files allow totals on instant panels only). T is
// rounded to milliseconds, the precision of the API, and reported as PanelData::evaluated_at.
//
// An HTTP answer of any kind updates the panel (ok, no_data, or error with the reason). When a
// query gets no HTTP answer at all (refused, timed out, ...) the poll stops there and changes no
// panel: the previous data and its fetched_at stay, so the layout shows them as stale, and the
// data says reachable = false with the reason. Retries then come after 1 s, 2 s, 4 s, ...
// doubling, capped at 60 s, or at the interval when that is longer: quick at first, so a
// restarted Prometheus is back within seconds, then no busier than once a minute (or than the
// dashboard's own slower polls). The first answer ends the backoff and the interval resumes.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "tfts/prom/dashboard_data.h"
#include "tfts/prom/dashboard_spec.h"

namespace tfts::prom {

// Wall-clock Unix seconds; injectable for tests.
using WallClock = std::function<double()>;
double unix_now();

class DashboardPoller {
 public:
  explicit DashboardPoller(DashboardSpec spec, WallClock clock = unix_now);
  ~DashboardPoller();  // stops the thread
  DashboardPoller(const DashboardPoller&) = delete;
  DashboardPoller& operator=(const DashboardPoller&) = delete;

  // Starts the polling thread (the first poll happens at once). No-op when already running.
  void start();
  // Idempotent. Wakes a waiting thread at once; a request in flight finishes or times out first
  // (timeout_s), and the rest of that poll is skipped.
  void stop();

  // A copy of the newest data. Thread-safe and never blocks on the network.
  DashboardData snapshot() const;
  // snapshot().polls without the copy: whether anything new arrived since a snapshot.
  uint64_t polls() const;

  // One synchronous poll of every panel, evaluated at Unix time `at` (0: now), on the calling
  // thread, updating the snapshot. For `tftstream render` and tests; not while start()ed.
  DashboardData poll_once(double at = 0);

  const DashboardSpec& spec() const { return spec_; }

 private:
  void run();
  DashboardData poll(double at, const DashboardData& previous);
  bool stopping() const;

  DashboardSpec spec_;
  WallClock clock_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  DashboardData data_;
  bool stopping_ = false;
  std::thread thread_;
  int failures_ = 0;          // polls in a row without an HTTP answer; only poll() touches it
  double retry_delay_s_ = 0;  // the wait after the last poll when it failed
};

}  // namespace tfts::prom
