// DashboardData: what the poller last learned from Prometheus for every panel of a dashboard,
// with enough state to draw it honestly (fresh, stale with its age, no data, an error and its
// reason, Prometheus unreachable). A plain value copied from the poller thread to the screen
// thread; times are Unix seconds (wall clock), as Prometheus reports them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tfts::prom {

// One time series of a query result.
struct Series {
  std::string name;             // the value of the panel's legend label, or the whole label set
  std::vector<double> times;    // Unix seconds, ascending (one point for an instant query)
  std::vector<double> values;   // same length as times; NaN and ±Inf are kept as Prometheus sent
};

enum class PanelState {
  pending,  // never asked yet (just started)
  ok,       // the last answer had data
  no_data,  // the last answer was an empty result
  error,    // the last query failed: `error` says why (Prometheus' own message when it gave one)
};

struct PanelData {
  PanelState state = PanelState::pending;
  std::string error;            // for PanelState::error, e.g. "bad_data: 1:5: parse error: ..."
  std::vector<Series> series;   // query results (instant: one point per series)
  std::vector<Series> totals;   // total_query results, when the panel has one
  double evaluated_at = 0;      // the `time` (or range end) the queries were evaluated at
  double fetched_at = 0;        // when the answer arrived; 0 = never. Stale past stale_after
};

struct DashboardData {
  std::vector<PanelData> panels;  // one per DashboardSpec::panels entry, same order
  // Whether the last poll reached Prometheus at all (HTTP answered, whatever the query result).
  bool reachable = true;
  std::string unreachable_reason;  // e.g. "connection refused (127.0.0.1:9090)"
  double unreachable_since = 0;    // Unix seconds of the first failed poll in a row
  double next_retry_at = 0;        // when the poller tries again (backoff), while unreachable
  uint64_t polls = 0;              // completed polls, successful or not; changes with every poll
};

}  // namespace tfts::prom
