// What the BIOS and CPU screens and the node Prometheus dashboard cost per frame at 320x240 (Google Benchmark, milliseconds,
// JSON unless another --benchmark_format is given). Input: the sample machine of the tests
// (tests/unit/source/system_samples.h) at a fixed time, so runs are comparable.
//   layout     values -> Scene (text measuring with Pango)
//   draw       Scene -> pixels (Cairo, Pango)
//   second     grab() when the clock ticks: layout + compare + draw, the cost paid once a second
//   unchanged  grab() within the same second: what the other frames of a second cost
//   sample     (CPU) grab() at a new sample: fake /proc values -> history -> layout -> draw
//   collect    reading this machine's /proc and /sys for one sample (real files)
//   dashboard  the built-in node dashboard with sample answers (tests/unit/prom/
//              dashboard_samples.h): layout, draw, and both as a poll's new answers cost
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "prom/dashboard_samples.h"
#include "system_samples.h"
#include "tfts/prom/dashboard_layout.h"
#include "tfts/draw/scene.h"
#include "tfts/source/bios_layout.h"
#include "tfts/source/bios_source.h"
#include "tfts/source/cpu_layout.h"
#include "tfts/source/cpu_source.h"

namespace {

using namespace tfts;

constexpr int kWidth = 320;
constexpr int kHeight = 240;

draw::Scene layout(bool bios, draw::Typesetter& ts) {
  if (bios) {
    return source::layout_bios(test::sample_snapshot(), test::sample_time(), kWidth, kHeight,
                               *draw::builtin_theme("bios"), ts);
  }
  return source::layout_cpu(test::sample_cpu_values(8), test::sample_time(), kWidth, kHeight,
                            *draw::builtin_theme("dark"), ts);
}

void BM_Layout(benchmark::State& state, bool bios) {
  draw::Typesetter ts;
  for (auto _ : state) benchmark::DoNotOptimize(layout(bios, ts));
}

void BM_Draw(benchmark::State& state, bool bios) {
  draw::Typesetter ts;
  const draw::Scene scene = layout(bios, ts);
  core::RgbPlane frame;
  std::string error;
  for (auto _ : state) {
    if (!draw::render(scene, frame, ts, error)) state.SkipWithError(error.c_str());
    benchmark::DoNotOptimize(frame.data());
  }
}

struct Screen {
  test::FakeMachine machine{8};
  std::chrono::system_clock::time_point wall = test::sample_wall();
  std::unique_ptr<source::FrameSource> source;
  core::RgbPlane frame;
  source::Clock::time_point now = source::Clock::time_point{} + std::chrono::hours(1);

  // Samples every second; starts with a minute of history, as a screen that has been running.
  explicit Screen(bool bios) {
    test::use_utc();
    source::SystemScreenOptions o;
    o.interval_s = 1;
    o.collect = machine.collect();
    o.wall_clock = [this] { return wall; };
    std::string error;
    source = bios ? source::make_bios_source(o, error) : source::make_cpu_source(o, error);
    for (int s = 0; s <= 60; ++s) grab(std::chrono::seconds(1));
  }
  source::GrabStatus grab(source::Clock::duration step) {
    now += step;
    return source->grab(frame, now).status;
  }
};

// The clock ticks; the steady clock barely moves, so no new sample is due.
void BM_Second(benchmark::State& state, bool bios) {
  Screen screen(bios);
  for (auto _ : state) {
    screen.wall += std::chrono::seconds(1);
    if (screen.grab(std::chrono::nanoseconds(1)) != source::GrabStatus::changed) {
      state.SkipWithError("expected a changed frame");
    }
  }
}

void BM_Unchanged(benchmark::State& state, bool bios) {
  Screen screen(bios);
  for (auto _ : state) {
    if (screen.grab(std::chrono::nanoseconds(1)) != source::GrabStatus::unchanged) {
      state.SkipWithError("expected no change");
    }
  }
}

// A new sample every grab, with the clock ticking too: the CPU monitor's every second.
void BM_Sample(benchmark::State& state, bool bios) {
  Screen screen(bios);
  for (auto _ : state) {
    screen.wall += std::chrono::seconds(1);
    benchmark::DoNotOptimize(screen.grab(std::chrono::seconds(1)));
  }
}

void BM_Collect(benchmark::State& state, bool bios) {
  const source::SystemCollector collector;
  const source::SystemParts parts =
      bios ? source::SystemParts::all : source::SystemParts::cpu | source::SystemParts::memory;
  for (auto _ : state) benchmark::DoNotOptimize(collector.collect(parts));
}

draw::Scene dashboard_scene(draw::Typesetter& ts) {
  return prom::layout_dashboard(prom::node_exporter_dashboard(test::kUrl), test::node_data(),
                                test::kNow, kWidth, kHeight, *draw::builtin_theme("dark"), ts);
}

void BM_DashboardLayout(benchmark::State& state) {
  draw::Typesetter ts;
  for (auto _ : state) benchmark::DoNotOptimize(dashboard_scene(ts));
}

void BM_DashboardDraw(benchmark::State& state) {
  draw::Typesetter ts;
  const draw::Scene scene = dashboard_scene(ts);
  core::RgbPlane frame;
  std::string error;
  for (auto _ : state) {
    if (!draw::render(scene, frame, ts, error)) state.SkipWithError(error.c_str());
    benchmark::DoNotOptimize(frame.data());
  }
}

void BM_DashboardPoll(benchmark::State& state) {
  draw::Typesetter ts;
  core::RgbPlane frame;
  std::string error;
  for (auto _ : state) {
    if (!draw::render(dashboard_scene(ts), frame, ts, error)) state.SkipWithError(error.c_str());
    benchmark::DoNotOptimize(frame.data());
  }
}

void register_all() {
  benchmark::RegisterBenchmark("dashboard/320x240/layout", BM_DashboardLayout)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("dashboard/320x240/draw", BM_DashboardDraw)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("dashboard/320x240/poll", BM_DashboardPoll)
      ->Unit(benchmark::kMillisecond);
  for (bool bios : {true, false}) {
    const std::string screen = bios ? "bios" : "cpu";
    const auto add = [&](const char* what, void (*fn)(benchmark::State&, bool)) {
      return benchmark::RegisterBenchmark((screen + "/320x240/" + what).c_str(), fn, bios);
    };
    add("layout", BM_Layout)->Unit(benchmark::kMillisecond);
    add("draw", BM_Draw)->Unit(benchmark::kMillisecond);
    add("second", BM_Second)->Unit(benchmark::kMillisecond);
    add("unchanged", BM_Unchanged)->Unit(benchmark::kMicrosecond);
    add("sample", BM_Sample)->Unit(benchmark::kMillisecond);
    add("collect", BM_Collect)->Unit(benchmark::kMillisecond);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // JSON by default: the figures go into bench/results as they are.
  std::vector<char*> args(argv, argv + argc);
  static char json[] = "--benchmark_format=json";
  bool has_format = false;
  for (int i = 1; i < argc; ++i) has_format |= std::strncmp(argv[i], "--benchmark_format", 18) == 0;
  if (!has_format) args.push_back(json);
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
