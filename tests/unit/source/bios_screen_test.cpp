// The BIOS screen: its layout at the panel sizes (nothing clipped or overlapping, the key rows
// there), and the source: sampling at the interval, a second's tick damaging only the clock,
// the same inputs drawing the same pixels.
#include <gtest/gtest.h>

#include "system_samples.h"
#include "tfts/draw/layout_check.h"
#include "tfts/source/bios_layout.h"
#include "tfts/source/bios_source.h"
#include "tfts/source/system_screen_source.h"

namespace tfts::source {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(BiosLayout, NothingClippedOrOverlappingAtPanelSizes) {
  draw::Typesetter ts;
  for (std::string_view theme_name : draw::builtin_theme_names()) {
    const draw::Theme theme = *draw::builtin_theme(theme_name);
    for (auto [w, h] : test::kPanelSizes) {
      const draw::Scene scene =
          layout_bios(test::sample_snapshot(), test::sample_time(), w, h, theme, ts);
      EXPECT_EQ(draw::describe(draw::check_layout(scene)), "")
          << theme_name << " " << w << "x" << h;
    }
  }
}

TEST(BiosLayout, KeyRowsOnEveryPanel) {
  draw::Typesetter ts;
  const draw::Theme theme = *draw::builtin_theme("bios");
  for (auto [w, h] : test::kPanelSizes) {
    SCOPED_TRACE(test::size_text(w, h));
    const draw::Scene scene =
        layout_bios(test::sample_snapshot(), test::sample_time(), w, h, theme, ts);
    const auto value = [&](std::string_view name) {
      const draw::TextRun* run = scene.text(name);
      return run != nullptr ? run->text : "(missing " + std::string(name) + ")";
    };
    EXPECT_EQ(value("clock"), "[12:34:56]");
    EXPECT_NE(value("date").find("2024-05-06"), std::string::npos);
    EXPECT_EQ(value("cpu").rfind("Intel Core i7-8", 0), 0u) << value("cpu");
    EXPECT_EQ(value("memory").rfind("16", 0), 0u) << value("memory");
    EXPECT_EQ(value("host"), "tftbox");
    EXPECT_EQ(value("address"), "192.168.1.23");
    EXPECT_EQ(value("disk0"), "/");
    EXPECT_NE(scene.text("hint.Select"), nullptr);
    EXPECT_NE(scene.text("menu.Main"), nullptr);
    // Bitmap font, at one of its own sizes.
    const draw::TextRun* clock = scene.text("clock");
    ASSERT_NE(clock, nullptr);
    EXPECT_EQ(clock->font.family, "Terminus");
    EXPECT_EQ(clock->font.rendering, draw::TextRendering::crisp);
    const std::vector<int> sizes = ts.bitmap_sizes("Terminus");
    EXPECT_NE(std::find(sizes.begin(), sizes.end(), clock->font.px), sizes.end());
  }
}

TEST(BiosLayout, LargerPanelsShowMore) {
  draw::Typesetter ts;
  const draw::Theme theme = *draw::builtin_theme("bios");
  const auto scene = [&](int w, int h) {
    return layout_bios(test::sample_snapshot(), test::sample_time(), w, h, theme, ts);
  };
  const draw::Scene big = scene(320, 240), tall = scene(240, 320), small = scene(160, 128);
  EXPECT_EQ(big.text("label.clock")->text, "System Time");
  EXPECT_EQ(big.text("clock")->font.px, 16);
  EXPECT_NE(big.text("uptime"), nullptr);
  EXPECT_NE(big.text("cores"), nullptr);
  EXPECT_NE(tall.text("disk2"), nullptr);  // all three disks
  EXPECT_EQ(small.text("label.clock")->text, "Time");
  EXPECT_EQ(small.text("clock")->font.px, 12);
  EXPECT_EQ(small.text("uptime"), nullptr);  // dropped for room, least important first
}

TEST(BiosLayout, AnyPanelSizeFromTheSmallestUp) {
  draw::Typesetter ts;
  for (std::string_view theme_name : draw::builtin_theme_names()) {
    const draw::Theme theme = *draw::builtin_theme(theme_name);
    for (int w : {128, 144, 176, 200, 272, 400, 480, 800, 1024}) {
      for (int h : {96, 112, 160, 200, 272, 480, 600, 1024}) {
        const draw::Scene scene =
            layout_bios(test::sample_snapshot(), test::sample_time(), w, h, theme, ts);
        EXPECT_EQ(draw::describe(draw::check_layout(scene)), "")
            << theme_name << " " << test::size_text(w, h);
      }
    }
  }
}

TEST(BiosLayout, UnknownValuesAreSaid) {
  draw::Typesetter ts;
  const draw::Scene scene = layout_bios(SystemSnapshot{}, test::sample_time(), 320, 240,
                                        *draw::builtin_theme("bios"), ts);
  EXPECT_EQ(scene.text("host")->text, "unknown");
  EXPECT_EQ(scene.text("address")->text, "not connected");
  EXPECT_EQ(scene.text("cpu")->text, "unknown");
  EXPECT_EQ(scene.text("speed")->text, "n/a");
  EXPECT_EQ(draw::describe(draw::check_layout(scene)), "");
}

struct BiosFixture : ::testing::Test {
  BiosFixture() { test::use_utc(); }

  std::unique_ptr<FrameSource> make(SystemScreenOptions o = {}) {
    o.collect = machine.collect();
    o.wall_clock = [this] { return wall; };
    std::string error;
    std::unique_ptr<FrameSource> source = make_bios_source(o, error);
    EXPECT_NE(source, nullptr) << error;
    return source;
  }

  test::FakeMachine machine;
  std::chrono::system_clock::time_point wall = test::sample_wall();
};

TEST_F(BiosFixture, FirstGrabDrawsThenNothingNew) {
  std::unique_ptr<FrameSource> bios = make();
  EXPECT_EQ(bios->describe(), "bios:320x240");
  core::RgbPlane frame;
  EXPECT_EQ(bios->grab(frame, test::kT0).status, GrabStatus::changed);
  ASSERT_EQ(frame.width(), 320);
  ASSERT_EQ(frame.height(), 240);
  EXPECT_EQ(frame.at(160, 120) >> 24, 0u);
  const core::RgbPlane first = frame;
  EXPECT_EQ(bios->grab(frame, test::kT0).status, GrabStatus::unchanged);
  wall += milliseconds(900);  // the same second
  EXPECT_EQ(bios->grab(frame, test::kT0 + milliseconds(900)).status, GrabStatus::unchanged);
  EXPECT_EQ(frame, first);
  // A new frame (another size, or empty) is always drawn.
  core::RgbPlane fresh;
  EXPECT_EQ(bios->grab(fresh, test::kT0 + milliseconds(950)).status, GrabStatus::changed);
  EXPECT_EQ(fresh, first);
}

TEST_F(BiosFixture, ClockTickDamagesOnlyTheClock) {
  for (auto [w, h] : test::kPanelSizes) {
    SCOPED_TRACE(test::size_text(w, h));
    SystemScreenOptions o;
    o.width = w;
    o.height = h;
    wall = test::sample_wall();
    std::unique_ptr<FrameSource> bios = make(o);
    core::RgbPlane frame;
    ASSERT_EQ(bios->grab(frame, test::kT0).status, GrabStatus::changed);
    const core::RgbPlane before = frame;
    wall += seconds(1);
    ASSERT_EQ(bios->grab(frame, test::kT0 + seconds(1)).status, GrabStatus::changed);
    const core::Rect damage = test::changed_box(before, frame);
    const draw::TextRun* clock = dynamic_cast<SystemScreenSource&>(*bios).scene().text("clock");
    ASSERT_NE(clock, nullptr);
    EXPECT_EQ(clock->text, "[12:34:57]");
    EXPECT_FALSE(damage.empty());
    EXPECT_TRUE(test::contains(clock->box, damage))
        << "damage " << damage.x << "," << damage.y << " " << damage.w << "x" << damage.h;
  }
}

TEST_F(BiosFixture, SamplesAtTheInterval) {
  std::unique_ptr<FrameSource> bios = make();  // default: every 5 s
  core::RgbPlane frame;
  (void)bios->grab(frame, test::kT0);
  EXPECT_EQ(machine.calls, 1);
  (void)bios->grab(frame, test::kT0 + milliseconds(4990));
  EXPECT_EQ(machine.calls, 1);
  // A new sample with the same values and the same second: nothing visible changed.
  EXPECT_EQ(bios->grab(frame, test::kT0 + seconds(5)).status, GrabStatus::unchanged);
  EXPECT_EQ(machine.calls, 2);
  // New values show at the next sample.
  machine.snapshot.host_name = "renamed";
  EXPECT_EQ(bios->grab(frame, test::kT0 + seconds(7)).status, GrabStatus::unchanged);
  EXPECT_EQ(bios->grab(frame, test::kT0 + seconds(10)).status, GrabStatus::changed);
  EXPECT_EQ(dynamic_cast<SystemScreenSource&>(*bios).scene().text("host")->text, "renamed");

  SystemScreenOptions fast;
  fast.interval_s = 0.5;
  machine.calls = 0;
  std::unique_ptr<FrameSource> quick = make(fast);
  for (int ms = 0; ms <= 2000; ms += 100) (void)quick->grab(frame, test::kT0 + milliseconds(ms));
  EXPECT_EQ(machine.calls, 5);  // at 0, 0.5, 1, 1.5, 2 s
}

TEST_F(BiosFixture, SameInputsSamePixels) {
  core::RgbPlane a, b;
  ASSERT_EQ(make()->grab(a, test::kT0).status, GrabStatus::changed);
  ASSERT_EQ(make()->grab(b, test::kT0 + seconds(99)).status, GrabStatus::changed);
  EXPECT_EQ(a, b);
}

TEST_F(BiosFixture, MissingFontFallsBackToDejaVu) {
  SystemScreenOptions o;
  o.theme = *draw::builtin_theme("bios");
  o.theme->mono_family = "No Such Font 123";
  std::unique_ptr<FrameSource> bios = make(o);
  EXPECT_EQ(bios->describe(), "bios:320x240 (font 'No Such Font 123' not installed, using DejaVu)");
  core::RgbPlane frame;
  ASSERT_EQ(bios->grab(frame, test::kT0).status, GrabStatus::changed);
  const draw::Scene& scene = dynamic_cast<SystemScreenSource&>(*bios).scene();
  EXPECT_EQ(scene.text("clock")->font.family, "DejaVu Sans Mono");
  EXPECT_EQ(scene.text("clock")->font.rendering, draw::TextRendering::smooth);
  EXPECT_EQ(draw::describe(draw::check_layout(scene)), "");
}

TEST(BiosSource, RejectsBadOptions) {
  std::string error;
  SystemScreenOptions o;
  o.width = 100;
  EXPECT_EQ(make_bios_source(o, error), nullptr);
  EXPECT_NE(error.find("128x96"), std::string::npos) << error;
  o = {};
  o.height = 2000;
  EXPECT_EQ(make_bios_source(o, error), nullptr);
  o = {};
  o.interval_s = 0.01;
  EXPECT_EQ(make_bios_source(o, error), nullptr);
  EXPECT_NE(error.find("interval"), std::string::npos) << error;
  o = {};
  o.history = 1;
  EXPECT_EQ(make_bios_source(o, error), nullptr);
  EXPECT_NE(error.find("history"), std::string::npos) << error;
}

TEST(BiosSource, RunsOnThisMachine) {
  SystemScreenOptions o;
  o.width = 240;
  o.height = 240;
  std::string error;
  std::unique_ptr<FrameSource> bios = make_bios_source(o, error);
  ASSERT_NE(bios, nullptr) << error;
  core::RgbPlane frame;
  const GrabResult r = bios->grab(frame, test::kT0);
  EXPECT_EQ(r.status, GrabStatus::changed) << r.message;
  const draw::Scene& scene = dynamic_cast<SystemScreenSource&>(*bios).scene();
  EXPECT_EQ(draw::describe(draw::check_layout(scene)), "");
}

}  // namespace
}  // namespace tfts::source
