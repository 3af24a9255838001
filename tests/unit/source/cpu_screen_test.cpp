// The CPU monitor: its layout at the panel sizes and any processor count (nothing clipped or
// overlapping), "n/a" without a temperature sensor, and the source: sampling at the interval,
// history of the configured length, only the clock changing between samples.
#include <gtest/gtest.h>

#include <thread>

#include "system_samples.h"
#include "tfts/draw/layout_check.h"
#include "tfts/source/bios_source.h"
#include "tfts/source/cpu_layout.h"
#include "tfts/source/cpu_source.h"
#include "tfts/source/system_format.h"
#include "tfts/source/system_screen_source.h"

namespace tfts::source {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(CpuLayout, NothingClippedOrOverlappingAtPanelSizes) {
  draw::Typesetter ts;
  for (std::string_view theme_name : draw::builtin_theme_names()) {
    const draw::Theme theme = *draw::builtin_theme(theme_name);
    for (int threads : {1, 2, 4, 8, 16, 64, 256}) {
      const CpuMonitorValues v = test::sample_cpu_values(threads);
      for (auto [w, h] : test::kPanelSizes) {
        const draw::Scene scene = layout_cpu(v, test::sample_time(), w, h, theme, ts);
        EXPECT_EQ(draw::describe(draw::check_layout(scene)), "")
            << theme_name << " " << threads << " threads " << test::size_text(w, h);
      }
    }
  }
}

TEST(CpuLayout, AnyPanelSizeFromTheSmallestUp) {
  draw::Typesetter ts;
  const draw::Theme theme = *draw::builtin_theme("dark");
  for (int threads : {2, 12, 128}) {
    const CpuMonitorValues v = test::sample_cpu_values(threads);
    for (int w : {128, 144, 176, 200, 272, 400, 480, 800, 1024}) {
      for (int h : {96, 112, 160, 200, 272, 480, 600, 1024}) {
        const draw::Scene scene = layout_cpu(v, test::sample_time(), w, h, theme, ts);
        EXPECT_EQ(draw::describe(draw::check_layout(scene)), "")
            << threads << " threads " << test::size_text(w, h);
      }
    }
  }
}

TEST(CpuLayout, ShowsTheValues) {
  draw::Typesetter ts;
  const draw::Theme theme = *draw::builtin_theme("dark");
  const CpuMonitorValues v = test::sample_cpu_values(8);
  for (auto [w, h] : test::kPanelSizes) {
    SCOPED_TRACE(test::size_text(w, h));
    const draw::Scene scene = layout_cpu(v, test::sample_time(), w, h, theme, ts);
    ASSERT_NE(scene.text("clock"), nullptr);
    EXPECT_EQ(scene.text("clock")->text, "12:34:56");
    ASSERT_NE(scene.text("total.percent"), nullptr);
    EXPECT_EQ(scene.text("total.percent")->text, format_percent(*v.total));
    EXPECT_EQ(scene.text("temperature")->text.rfind("54", 0), 0u);
    EXPECT_NE(scene.text("memory"), nullptr);
    EXPECT_EQ(scene.text("load")->text.rfind("1.2", 0), 0u);
    EXPECT_EQ(scene.text("clock_rate")->text.rfind("2.1", 0), 0u);
  }
  const draw::Scene big = layout_cpu(v, test::sample_time(), 320, 240, theme, ts);
  EXPECT_EQ(big.text("name")->text, "Intel Core i7-8650U");
  EXPECT_EQ(big.text("core7.percent")->text, format_percent(v.per_core[7]));
  EXPECT_EQ(big.text("clock_rate")->text, "2.11 GHz");
}

TEST(CpuLayout, NoSensorShowsNotAvailable) {
  draw::Typesetter ts;
  CpuMonitorValues v = test::sample_cpu_values(4);
  v.temperature_c.reset();
  v.mhz = 0;
  for (auto [w, h] : test::kPanelSizes) {
    const draw::Scene scene =
        layout_cpu(v, test::sample_time(), w, h, *draw::builtin_theme("dark"), ts);
    EXPECT_EQ(scene.text("temperature")->text, "n/a") << test::size_text(w, h);
    EXPECT_EQ(scene.text("clock_rate")->text, "n/a") << test::size_text(w, h);
    EXPECT_EQ(draw::describe(draw::check_layout(scene)), "") << test::size_text(w, h);
  }
}

TEST(CpuLayout, BeforeTheSecondSample) {
  draw::Typesetter ts;
  CpuMonitorValues v;  // nothing known yet
  const draw::Scene empty =
      layout_cpu(v, test::sample_time(), 320, 240, *draw::builtin_theme("dark"), ts);
  EXPECT_EQ(empty.text("total.percent")->text, "--");
  EXPECT_NE(empty.text("cores.waiting"), nullptr);
  EXPECT_EQ(draw::describe(draw::check_layout(empty)), "");
}

struct CpuFixture : ::testing::Test {
  CpuFixture() { test::use_utc(); }

  std::unique_ptr<FrameSource> make(SystemScreenOptions o = {}) {
    o.collect = machine.collect();
    o.wall_clock = [this] { return wall; };
    std::string error;
    std::unique_ptr<FrameSource> source = make_cpu_source(o, error);
    EXPECT_NE(source, nullptr) << error;
    return source;
  }

  static const draw::Scene& scene(FrameSource& s) {
    return dynamic_cast<SystemScreenSource&>(s).scene();
  }

  test::FakeMachine machine;
  std::chrono::system_clock::time_point wall = test::sample_wall();
};

TEST_F(CpuFixture, SamplesEverySecondByDefault) {
  std::unique_ptr<FrameSource> cpu = make();
  EXPECT_EQ(cpu->describe(), "cpu:320x240");
  core::RgbPlane frame;
  EXPECT_EQ(cpu->grab(frame, test::kT0).status, GrabStatus::changed);
  EXPECT_EQ(machine.calls, 2);  // the identity once, and the first sample
  EXPECT_EQ(scene(*cpu).text("total.percent")->text, "--");
  for (int ms = 100; ms < 1000; ms += 100) {
    EXPECT_EQ(cpu->grab(frame, test::kT0 + milliseconds(ms)).status, GrabStatus::unchanged);
  }
  EXPECT_EQ(machine.cpu_samples, 1);
  EXPECT_EQ(cpu->grab(frame, test::kT0 + seconds(1)).status, GrabStatus::changed);
  EXPECT_EQ(machine.cpu_samples, 2);
  EXPECT_EQ(scene(*cpu).text("total.percent")->text != "--", true);
}

TEST_F(CpuFixture, BetweenSamplesOnlyTheClockChanges) {
  SystemScreenOptions o;
  o.interval_s = 5;
  for (auto [w, h] : test::kPanelSizes) {
    SCOPED_TRACE(test::size_text(w, h));
    o.width = w;
    o.height = h;
    wall = test::sample_wall();
    std::unique_ptr<FrameSource> cpu = make(o);
    core::RgbPlane frame;
    ASSERT_EQ(cpu->grab(frame, test::kT0).status, GrabStatus::changed);
    for (int s = 1; s < 5; ++s) {
      const core::RgbPlane before = frame;
      wall += seconds(1);
      ASSERT_EQ(cpu->grab(frame, test::kT0 + seconds(s)).status, GrabStatus::changed);
      const core::Rect damage = test::changed_box(before, frame);
      const draw::TextRun* clock = scene(*cpu).text("clock");
      EXPECT_FALSE(damage.empty());
      EXPECT_TRUE(test::contains(clock->box, damage))
          << "damage " << damage.x << "," << damage.y << " " << damage.w << "x" << damage.h;
      EXPECT_EQ(cpu->grab(frame, test::kT0 + seconds(s) + milliseconds(500)).status,
                GrabStatus::unchanged);
    }
  }
}

TEST_F(CpuFixture, HistoryHasTheConfiguredLength) {
  SystemScreenOptions o;
  o.history = 10;
  o.interval_s = 0.5;
  std::unique_ptr<FrameSource> cpu = make(o);
  core::RgbPlane frame;
  for (int ms = 0; ms <= 15000; ms += 500) (void)cpu->grab(frame, test::kT0 + milliseconds(ms));
  EXPECT_EQ(machine.cpu_samples, 31);
  const draw::Scene& s = scene(*cpu);
  const auto* graph = [&]() -> const draw::Sparkline* {
    for (const draw::Item& item : s.items()) {
      const auto* line = std::get_if<draw::Sparkline>(&item);
      if (line != nullptr && line->name == "total.history") return line;
    }
    return nullptr;
  }();
  ASSERT_NE(graph, nullptr);
  EXPECT_EQ(graph->capacity, 10);
  EXPECT_EQ(graph->values.size(), 10u);
  // The fake machine's curve, one tick in a thousand.
  EXPECT_NEAR(
      graph->values.back(),
      [] {
        double sum = 0;
        for (int i = 0; i < 8; ++i) sum += test::sample_utilisation(29, i);
        return sum / 8;
      }(),
      2e-3);
}

TEST_F(CpuFixture, MachineWithoutSensors) {
  machine.snapshot.temperature_c.reset();
  std::unique_ptr<FrameSource> cpu = make();
  core::RgbPlane frame;
  ASSERT_EQ(cpu->grab(frame, test::kT0).status, GrabStatus::changed);
  EXPECT_EQ(scene(*cpu).text("temperature")->text, "n/a");
}

// Each screen runs on its own thread: two sources drawing at once (own typesetters, shared
// fontconfig and Cairo caches) give the same pictures as one after the other.
TEST(SystemScreens, TwoThreadsDrawAtOnce) {
  test::use_utc();
  const auto run = [](bool bios, core::RgbPlane& out) {
    test::FakeMachine machine;
    auto wall = test::sample_wall();
    SystemScreenOptions o;
    o.collect = machine.collect();
    o.wall_clock = [&wall] { return wall; };
    std::string error;
    std::unique_ptr<FrameSource> s = bios ? make_bios_source(o, error) : make_cpu_source(o, error);
    ASSERT_NE(s, nullptr) << error;
    for (int i = 0; i < 40; ++i) {
      wall += seconds(1);
      ASSERT_NE(s->grab(out, test::kT0 + seconds(i)).status, GrabStatus::failed);
    }
  };
  core::RgbPlane bios_alone, cpu_alone, bios_together, cpu_together;
  run(true, bios_alone);
  run(false, cpu_alone);
  std::thread a([&] { run(true, bios_together); });
  std::thread b([&] { run(false, cpu_together); });
  a.join();
  b.join();
  EXPECT_EQ(bios_together, bios_alone);
  EXPECT_EQ(cpu_together, cpu_alone);
}

TEST(CpuSource, RejectsBadOptions) {
  std::string error;
  SystemScreenOptions o;
  o.history = SystemScreenOptions::kMaxHistory + 1;
  EXPECT_EQ(make_cpu_source(o, error), nullptr);
  EXPECT_NE(error.find("cpu: history"), std::string::npos) << error;
  o = {};
  o.interval_s = -1;
  EXPECT_EQ(make_cpu_source(o, error), nullptr);
}

TEST(CpuSource, RunsOnThisMachine) {
  std::string error;
  SystemScreenOptions o;
  o.interval_s = 0.1;
  std::unique_ptr<FrameSource> cpu = make_cpu_source(o, error);
  ASSERT_NE(cpu, nullptr) << error;
  core::RgbPlane frame;
  EXPECT_EQ(cpu->grab(frame, test::kT0).status, GrabStatus::changed);
  (void)cpu->grab(frame, test::kT0 + seconds(1));
  const draw::Scene& scene = dynamic_cast<SystemScreenSource&>(*cpu).scene();
  EXPECT_EQ(draw::describe(draw::check_layout(scene)), "");
  EXPECT_NE(scene.text("temperature"), nullptr);
}

}  // namespace
}  // namespace tfts::source
