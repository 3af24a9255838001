// Sample answers for the built-in node dashboard (node_exporter_dashboard()): a busy machine
// at a fixed time, and the same data in each state the layout draws (waiting, no data, errors,
// stale, Prometheus unreachable). Shared by the layout tests and the golden images.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "tfts/prom/dashboard_data.h"
#include "tfts/prom/dashboard_spec.h"

namespace tfts::test {

using prom::DashboardData;
using prom::PanelData;
using prom::PanelState;
using prom::Series;

constexpr double kNow = 1714998896;  // 2024-05-06 12:34:56 UTC
constexpr const char* kUrl = "http://127.0.0.1:9090";
constexpr const char* kQueryError =
    "bad_data: 1:5: parse error: unexpected identifier \"rate\" in aggregation";

inline Series point(std::string name, double value, double at = kNow) {
  Series s;
  s.name = std::move(name);
  s.times = {at};
  s.values = {value};
  return s;
}

// Ten minutes at a 5 s step ending at `end`: a smooth wave around `mean`.
inline Series history(std::string name, double mean, double swing, double phase,
                      double end = kNow) {
  Series s;
  s.name = std::move(name);
  constexpr int kPoints = 121;
  for (int i = 0; i < kPoints; ++i) {
    s.times.push_back(end - 5.0 * (kPoints - 1 - i));
    s.values.push_back(mean + swing * std::sin(i / 7.0 + phase) * std::cos(i / 23.0));
  }
  return s;
}

inline PanelData answered(std::vector<Series> series, double fetched) {
  PanelData p;
  p.state = PanelState::ok;
  p.series = std::move(series);
  p.evaluated_at = fetched;
  p.fetched_at = fetched;
  return p;
}

// Every panel of the node dashboard answered at `fetched` (kNow: fresh).
inline DashboardData node_data(double fetched = kNow) {
  DashboardData d;
  d.polls = 42;
  d.panels.push_back(answered({point("", 37.42, fetched)}, fetched));        // CPU
  d.panels.push_back(answered({history("", 35, 25, 0, fetched)}, fetched));  // CPU history
  d.panels.push_back(answered({point("", 1.234, fetched)}, fetched));        // load
  PanelData memory = answered({point("", 3.4e9, fetched)}, fetched);
  memory.totals = {point("", 8.3e9, fetched)};
  d.panels.push_back(std::move(memory));
  d.panels.push_back(answered({point("", 61.8, fetched)}, fetched));  // root fs
  d.panels.push_back(answered(
      {history("read", 1.3e6, 1.1e6, 1, fetched), history("write", 4.2e5, 3e5, 2, fetched)},
      fetched));
  d.panels.push_back(answered(
      {history("rx", 2.4e5, 2e5, 3, fetched), history("tx", 6.1e4, 5e4, 4, fetched)}, fetched));
  return d;
}

inline DashboardData all_in(PanelState state) {
  DashboardData d = node_data();
  for (PanelData& p : d.panels) {
    p.state = state;
    if (state != PanelState::ok) {
      p.series.clear();
      p.totals.clear();
    }
    if (state == PanelState::error) p.error = kQueryError;
    if (state == PanelState::pending) p.fetched_at = 0;
  }
  return d;
}

// The last answers, `age` seconds old, with Prometheus gone since then.
inline DashboardData unreachable(double age = 100) {
  DashboardData d = node_data(kNow - age);
  d.reachable = false;
  d.unreachable_reason = "connection refused (127.0.0.1:9090)";
  d.unreachable_since = kNow - age + 5;
  d.next_retry_at = kNow + 3.2;
  return d;
}

// One panel in each state (and two fresh ones), for screens that mix them.
inline DashboardData mixed() {
  DashboardData d = node_data();
  d.panels[0] = all_in(PanelState::error).panels[0];
  d.panels[1] = node_data(kNow - 300).panels[1];  // stale
  d.panels[2] = all_in(PanelState::pending).panels[2];
  d.panels[4] = all_in(PanelState::no_data).panels[4];
  d.panels[6] = all_in(PanelState::error).panels[6];
  return d;
}

struct NamedData {
  const char* name;
  DashboardData data;
};

// Every state the layout knows, named for test output.
inline std::vector<NamedData> every_state() {
  return {{"fresh", node_data()},
          {"pending", all_in(PanelState::pending)},
          {"empty", DashboardData{}},
          {"no_data", all_in(PanelState::no_data)},
          {"error", all_in(PanelState::error)},
          {"stale", node_data(kNow - 100)},
          {"stale_hours", node_data(kNow - 3 * 3600 - 125)},
          {"unreachable", unreachable()},
          {"unreachable_retrying",
           [] {
             DashboardData d = unreachable();
             d.next_retry_at = kNow - 1;
             d.unreachable_reason.clear();
             return d;
           }()},
          {"mixed", mixed()}};
}

}  // namespace tfts::test
