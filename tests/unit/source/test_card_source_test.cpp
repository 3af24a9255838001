// TestCardSource: reproducible for fixed inputs, animated, and the colours and text where they
// belong.
#include "tfts/source/test_card_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>

namespace tfts::source {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

const Clock::time_point kT0 = Clock::time_point{} + std::chrono::hours(3);
// 2024-05-06 07:08:09 UTC, an arbitrary fixed wall time.
const system_clock::time_point kWall =
    system_clock::time_point{} + std::chrono::seconds(1714979289);

TestCardOptions options_at(const system_clock::time_point* wall, int w = 640, int h = 480) {
  TestCardOptions options;
  options.width = w;
  options.height = h;
  options.wall_clock = [wall] { return *wall; };
  return options;
}

// The card as drawn `elapsed` after a first grab at kT0.
core::RgbPlane render(Clock::duration elapsed, system_clock::time_point wall, int w = 640,
                      int h = 480) {
  TestCardSource card(options_at(&wall, w, h));
  core::RgbPlane frame;
  EXPECT_EQ(card.grab(frame, kT0).status, GrabStatus::changed);
  if (elapsed != Clock::duration::zero()) {
    EXPECT_EQ(card.grab(frame, kT0 + elapsed).status, GrabStatus::changed);
  }
  return frame;
}

// Share of the pixels in [x0,x1) x [y0,y1) that are exactly `rgb`.
double share(const core::RgbPlane& f, int x0, int y0, int x1, int y1, uint32_t rgb) {
  int hits = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) hits += f.at(x, y) == rgb;
  return static_cast<double>(hits) / ((x1 - x0) * (y1 - y0));
}

int luma(uint32_t p) {
  return static_cast<int>((((p >> 16) & 255) * 3 + ((p >> 8) & 255) * 6 + (p & 255)) / 10);
}

TEST(TestCardSource, DefaultSizeAndDescribe) {
  TestCardSource card;
  core::RgbPlane frame;
  EXPECT_EQ(card.grab(frame, kT0).status, GrabStatus::changed);
  EXPECT_EQ(frame.width(), 640);
  EXPECT_EQ(frame.height(), 480);
  EXPECT_EQ(card.describe(), "test:640x480");
  for (int y = 0; y < frame.height(); ++y)
    for (int x = 0; x < frame.width(); ++x) ASSERT_EQ(frame.at(x, y) >> 24, 0u) << x << "," << y;
}

TEST(TestCardSource, DeterministicForFixedTimes) {
  EXPECT_EQ(render(milliseconds(0), kWall), render(milliseconds(0), kWall));
  EXPECT_EQ(render(milliseconds(1234), kWall), render(milliseconds(1234), kWall));
  // Only the wall clock's second is shown.
  EXPECT_EQ(render(milliseconds(1234), kWall),
            render(milliseconds(1234), kWall + milliseconds(900)));
}

TEST(TestCardSource, ChangesWithElapsedTimeAndWallClock) {
  const core::RgbPlane first = render(milliseconds(0), kWall);
  EXPECT_NE(first, render(milliseconds(33), kWall));  // the ball moves every frame
  EXPECT_NE(first, render(milliseconds(500), kWall));
  EXPECT_NE(first, render(milliseconds(0), kWall + std::chrono::seconds(1)));  // the clock ticks
}

TEST(TestCardSource, UnchangedWhenTheInputsAreTheSame) {
  system_clock::time_point wall = kWall;
  TestCardSource card(options_at(&wall));
  core::RgbPlane frame;
  ASSERT_EQ(card.grab(frame, kT0).status, GrabStatus::changed);
  const core::RgbPlane first = frame;
  EXPECT_EQ(card.grab(frame, kT0).status, GrabStatus::unchanged);
  EXPECT_EQ(frame, first);
  wall += std::chrono::seconds(1);
  EXPECT_EQ(card.grab(frame, kT0).status, GrabStatus::changed);
  EXPECT_EQ(card.grab(frame, kT0 + milliseconds(40)).status, GrabStatus::changed);
  // A frame of the wrong size (not the one the source filled) is repainted.
  core::RgbPlane other;
  EXPECT_EQ(card.grab(other, kT0 + milliseconds(40)).status, GrabStatus::changed);
  EXPECT_EQ(other, frame);
}

TEST(TestCardSource, KeepsTheFrameBuffer) {
  system_clock::time_point wall = kWall;
  TestCardSource card(options_at(&wall));
  core::RgbPlane frame;
  ASSERT_EQ(card.grab(frame, kT0).status, GrabStatus::changed);
  const uint32_t* buffer = frame.data();
  ASSERT_EQ(card.grab(frame, kT0 + milliseconds(33)).status, GrabStatus::changed);
  EXPECT_EQ(frame.data(), buffer);
}

// The layout in cells of height/12 (test_card_painter.cpp): bars from 1.5 to 4 cells down, grey
// steps from 4 to 4.75, both between margins of one cell (at most width/16).
struct Geometry {
  int w, h;
  double cell() const { return h / 12.0; }
  int margin() const { return static_cast<int>(std::round(std::min(cell(), w / 16.0))); }
};

class TestCardLayout : public testing::TestWithParam<Geometry> {};

TEST_P(TestCardLayout, ColourBarsHoldTheirColours) {
  const Geometry g = GetParam();
  const core::RgbPlane f = render(milliseconds(2500), kWall, g.w, g.h);
  const uint32_t expected[] = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00,
                               0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};
  const double bar_w = (g.w - 2.0 * g.margin()) / 8;
  const int y0 = static_cast<int>(1.5 * g.cell()) + 1, y1 = static_cast<int>(4 * g.cell()) - 1;
  for (int i = 0; i < 8; ++i) {
    const int x0 = static_cast<int>(g.margin() + i * bar_w) + 1;
    const int x1 = static_cast<int>(g.margin() + (i + 1) * bar_w) - 1;
    // Most, not all: the geometry circle crosses some bars.
    EXPECT_GT(share(f, x0, y0, x1, y1, expected[i]), 0.8) << "bar " << i;
  }
}

TEST_P(TestCardLayout, GreyStepsRiseFromBlackToWhite) {
  const Geometry g = GetParam();
  const core::RgbPlane f = render(milliseconds(2500), kWall, g.w, g.h);
  const double step_w = (g.w - 2.0 * g.margin()) / 16;
  const int y0 = static_cast<int>(4 * g.cell()) + 1, y1 = static_cast<int>(4.75 * g.cell()) - 1;
  for (int i = 0; i < 16; ++i) {
    const int x0 = static_cast<int>(g.margin() + i * step_w) + 1;
    const int x1 = static_cast<int>(g.margin() + (i + 1) * step_w) - 1;
    EXPECT_GT(share(f, x0, y0, x1, y1, 0x111111u * static_cast<uint32_t>(i)), 0.7) << "step " << i;
  }
}

TEST_P(TestCardLayout, TitleTextIsDrawnCentredInItsBand) {
  const Geometry g = GetParam();
  const core::RgbPlane f = render(milliseconds(0), kWall, g.w, g.h);
  // Inside the band (1.2 cells), clear of the 1-2 px border.
  const int x0 = 3, x1 = g.w - 3, y0 = 3, y1 = static_cast<int>(1.2 * g.cell()) - 1;
  int bright = 0, dark = 0, left = g.w, right = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const int l = luma(f.at(x, y));
      if (l > 192) {
        ++bright;
        left = std::min(left, x);
        right = std::max(right, x);
      }
      if (l < 16) ++dark;
    }
  }
  const int area = (x1 - x0) * (y1 - y0);
  EXPECT_GT(bright, area / 40) << "no text in the title band";
  EXPECT_GT(dark, area / 2) << "the band should be mostly background";
  EXPECT_LT(std::abs((left + right) / 2 - g.w / 2), g.w / 20) << "title not centred";
  EXPECT_GT(right - left, g.w / 3) << "title too narrow to read";
}

INSTANTIATE_TEST_SUITE_P(Sizes, TestCardLayout,
                         testing::Values(Geometry{640, 480}, Geometry{320, 240}, Geometry{800, 480},
                                         Geometry{480, 320}),
                         [](const testing::TestParamInfo<Geometry>& param) {
                           return std::to_string(param.param.w) + "x" +
                                  std::to_string(param.param.h);
                         });

TEST(TestCardSource, RendersAtAnySize) {
  for (const auto& [w, h] :
       {std::pair{16, 16}, {135, 240}, {240, 135}, {320, 170}, {1920, 1080}, {100, 1000}}) {
    const core::RgbPlane f = render(milliseconds(1700), kWall, w, h);
    EXPECT_EQ(f.width(), w);
    EXPECT_EQ(f.height(), h);
  }
}

TEST(TestCardSource, SizeIsClamped) {
  TestCardOptions options;
  options.width = 1;
  options.height = 100000;
  TestCardSource card(options);
  EXPECT_EQ(card.width(), TestCardOptions::kMinSize);
  EXPECT_EQ(card.height(), TestCardOptions::kMaxSize);
}

}  // namespace
}  // namespace tfts::source
