// prometheus:FILE — a dashboard of Prometheus queries (libs/prom) as a frame source. The poller
// asks Prometheus on its own thread; grab() only copies the newest answers and draws them, so a
// slow or unreachable Prometheus never holds up the screen. The picture is redrawn when new
// answers arrive and once a second while ages and retry countdowns are shown.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "tfts/draw/scene.h"
#include "tfts/draw/theme.h"
#include "tfts/draw/typesetter.h"
#include "tfts/prom/dashboard_poller.h"
#include "tfts/source/frame_source.h"

namespace tfts::source {

struct PrometheusSourceOptions {
  prom::DashboardSpec dashboard;
  std::string origin;  // the file, or "built-in node dashboard", for describe()
  int width = 320;
  int height = 240;
  draw::Theme theme;
  bool one_shot = false;  // see SourceSpec::one_shot
  double at_unix = 0;
  prom::WallClock clock = prom::unix_now;
};

class PrometheusSource final : public FrameSource {
 public:
  explicit PrometheusSource(PrometheusSourceOptions options);
  ~PrometheusSource() override;

  GrabResult grab(core::RgbPlane& frame, Clock::time_point now) override;
  std::string describe() const override;
  // {"url":…, "reachable":…, "unreachable_reason":…, "panels":[{"title","state","error",
  //  "values":[…], "totals":[…], "series":[names], "fetched_at","evaluated_at"}]}
  std::string state_json() const override;

 private:
  PrometheusSourceOptions options_;
  prom::DashboardPoller poller_;
  draw::Typesetter typesetter_;
  prom::DashboardData data_;  // the snapshot last drawn
  std::optional<draw::Scene> drawn_;
  uint64_t drawn_polls_ = 0;   // data_.polls and the whole second drawn_ was laid out for
  double drawn_second_ = 0;
  bool fetched_once_ = false;  // one-shot: the synchronous poll has been made
};

}  // namespace tfts::source
