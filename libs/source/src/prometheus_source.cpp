#include "tfts/source/prometheus_source.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "tfts/prom/dashboard_layout.h"

namespace tfts::source {
namespace {

const char* state_name(prom::PanelState s) {
  switch (s) {
    case prom::PanelState::pending: return "pending";
    case prom::PanelState::ok: return "ok";
    case prom::PanelState::no_data: return "no_data";
    case prom::PanelState::error: return "error";
  }
  return "?";
}

// JSON has no NaN or infinities: write them as Prometheus does, as strings.
nlohmann::json number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return v;
}

nlohmann::json series_json(const std::vector<prom::Series>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const prom::Series& s : list) {
    nlohmann::json values = nlohmann::json::array();
    for (double v : s.values) values.push_back(number(v));
    out.push_back({{"name", s.name}, {"times", s.times}, {"values", values}});
  }
  return out;
}

}  // namespace

PrometheusSource::PrometheusSource(PrometheusSourceOptions options)
    : options_(std::move(options)), poller_(options_.dashboard, options_.clock) {
  if (!options_.one_shot) poller_.start();
}

PrometheusSource::~PrometheusSource() { poller_.stop(); }

GrabResult PrometheusSource::grab(core::RgbPlane& frame, Clock::time_point) {
  if (options_.one_shot && !fetched_once_) {
    poller_.poll_once(options_.at_unix);
    fetched_once_ = true;
  }
  // Ages and countdowns are drawn in whole seconds: the scene can only change when a second
  // passes or new answers arrive, so other grabs (a screen may run at 30 fps) cost nothing;
  // and an equal scene is not drawn again.
  const double now = options_.one_shot && options_.at_unix > 0 ? options_.at_unix : options_.clock();
  const uint64_t polls = poller_.polls();
  if (drawn_ && !frame.empty() && polls == drawn_polls_ && std::floor(now) == drawn_second_) {
    return GrabResult::unchanged();
  }
  data_ = poller_.snapshot();
  drawn_polls_ = data_.polls;
  drawn_second_ = std::floor(now);
  draw::Scene scene = prom::layout_dashboard(options_.dashboard, data_, std::floor(now),
                                             options_.width, options_.height, options_.theme,
                                             typesetter_);
  if (drawn_ && *drawn_ == scene && !frame.empty()) return GrabResult::unchanged();
  std::string error;
  if (!draw::render(scene, frame, typesetter_, error)) return GrabResult::failed(error);
  drawn_ = std::move(scene);
  return GrabResult::changed();
}

std::string PrometheusSource::describe() const {
  return "prometheus:" + options_.origin + " (" +
         std::to_string(options_.dashboard.panels.size()) + " panels from " +
         options_.dashboard.url + ")";
}

std::string PrometheusSource::state_json() const {
  nlohmann::json panels = nlohmann::json::array();
  for (size_t i = 0; i < data_.panels.size() && i < options_.dashboard.panels.size(); ++i) {
    const prom::PanelData& p = data_.panels[i];
    panels.push_back({{"title", options_.dashboard.panels[i].title},
                      {"query", options_.dashboard.panels[i].query},
                      {"state", state_name(p.state)},
                      {"error", p.error},
                      {"series", series_json(p.series)},
                      {"totals", series_json(p.totals)},
                      {"evaluated_at", p.evaluated_at},
                      {"fetched_at", p.fetched_at}});
  }
  nlohmann::json j{{"url", options_.dashboard.url},
                   {"reachable", data_.reachable},
                   {"unreachable_reason", data_.unreachable_reason},
                   {"polls", data_.polls},
                   {"panels", panels}};
  return j.dump();
}

}  // namespace tfts::source
