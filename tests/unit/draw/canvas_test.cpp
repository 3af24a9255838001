// Canvas and render(): exact fills and borders, gauges and graphs where their values put them,
// 0x00RRGGBB output, and the same scene giving the same pixels.
#include "tfts/draw/canvas.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tfts/draw/scene.h"

namespace tfts::draw {
namespace {

constexpr Colour kBg = 0x101010;

int count(const core::RgbPlane& f, const core::Rect& r, Colour c) {
  int n = 0;
  for (int y = r.y; y < r.bottom(); ++y)
    for (int x = r.x; x < r.right(); ++x) n += f.at(x, y) == c;
  return n;
}

core::RgbPlane draw(const Scene& scene) {
  Typesetter ts;
  core::RgbPlane frame;
  std::string error;
  EXPECT_TRUE(render(scene, frame, ts, error)) << error;
  return frame;
}

Scene background(int w, int h) {
  Scene s(w, h);
  s.add(FillItem{{0, 0, w, h}, kBg});
  return s;
}

TEST(Canvas, FillsAndSquareBordersAreExact) {
  Scene s = background(40, 30);
  s.add(FillItem{{2, 3, 10, 5}, 0xFF0000});
  PanelItem p;
  p.rect = {15, 5, 20, 20};
  p.fill = 0x00FF00;
  p.border = 0x0000FF;
  p.border_width = 1;
  s.add(p);
  const core::RgbPlane f = draw(s);
  EXPECT_EQ(count(f, {2, 3, 10, 5}, 0xFF0000), 50);
  EXPECT_EQ(count(f, {0, 0, 40, 30}, 0xFF0000), 50);
  EXPECT_EQ(count(f, {15, 5, 20, 20}, 0x0000FF), 76);  // the 1-px ring inside the edge
  EXPECT_EQ(count(f, {16, 6, 18, 18}, 0x00FF00), 18 * 18);
  EXPECT_EQ(f.at(14, 5), kBg);
}

TEST(Canvas, AxisLinesAreSharpSlopedOnesSmooth) {
  Scene s = background(40, 30);
  s.add(LineItem{"h", 2, 3, 12, 3, 1, 0xFFFFFF});
  s.add(LineItem{"v", 20, 25, 20, 5, 2, 0x00FF00});
  s.add(LineItem{"d", 25, 5, 38, 28, 1, 0xFF0000});
  const core::RgbPlane f = draw(s);
  EXPECT_EQ(count(f, {0, 0, 40, 30}, 0xFFFFFF), 10);  // row 3, columns 2-11
  EXPECT_EQ(count(f, {2, 3, 10, 1}, 0xFFFFFF), 10);
  EXPECT_EQ(count(f, {0, 0, 40, 30}, 0x00FF00), 40);  // columns 20-21, rows 5-24
  EXPECT_EQ(count(f, {20, 5, 2, 20}, 0x00FF00), 40);
  int touched = 0;  // the sloped line: anti-aliased, inside its bounds
  const core::Rect b = LineItem{"d", 25, 5, 38, 28, 1, 0}.bounds();
  for (int y = 0; y < 30; ++y)
    for (int x = 23; x < 40; ++x) {
      if (f.at(x, y) == kBg) continue;
      ++touched;
      EXPECT_TRUE(x >= b.x && x < b.right() && y >= b.y && y < b.bottom()) << x << "," << y;
    }
  EXPECT_GT(touched, 20);
}

TEST(Canvas, OutputHasNoTopByteAndIsReallocated) {
  Scene s = background(33, 17);
  core::RgbPlane frame(5, 5, 0xFF000000u);
  Typesetter ts;
  std::string error;
  ASSERT_TRUE(render(s, frame, ts, error));
  EXPECT_EQ(frame.width(), 33);
  EXPECT_EQ(frame.height(), 17);
  for (int y = 0; y < 17; ++y)
    for (int x = 0; x < 33; ++x) ASSERT_EQ(frame.at(x, y), kBg);
}

TEST(Canvas, BarGaugeFillsItsFraction) {
  Scene s = background(110, 30);
  s.add(BarGauge{"h", {5, 5, 100, 6}, 0.25, 0xFFFFFF, 0x404040, 0, false});
  s.add(BarGauge{"v", {5, 15, 8, 10}, 0.5, 0xFFFFFF, 0x404040, 0, true});
  const core::RgbPlane f = draw(s);
  EXPECT_EQ(count(f, {5, 5, 100, 6}, 0xFFFFFF), 25 * 6);
  EXPECT_EQ(count(f, {5, 5, 100, 6}, 0x404040), 75 * 6);
  EXPECT_EQ(count(f, {5, 20, 8, 5}, 0xFFFFFF), 40);  // the lower half
  EXPECT_EQ(count(f, {5, 15, 8, 5}, 0x404040), 40);
}

TEST(Canvas, RingGaugeStartsAtTwelveAndGoesClockwise) {
  Scene s = background(60, 60);
  s.add(RingGauge{"r", {0, 0, 60, 60}, 0.25, 8, 0xFFFFFF, 0x404040});
  const core::RgbPlane f = draw(s);
  EXPECT_EQ(f.at(40, 4), 0xFFFFFFu);   // between 12 and 3 o'clock: lit
  EXPECT_EQ(f.at(20, 4), 0x404040u);   // just before 12: track
  EXPECT_EQ(f.at(30, 56), 0x404040u);  // 6 o'clock: track
  EXPECT_EQ(f.at(30, 30), kBg);        // the hole
  const core::Rect hole = RingGauge{"r", {0, 0, 60, 60}, 0, 8, 0, 0}.hole();
  EXPECT_EQ(hole, (core::Rect{14, 14, 31, 31}));
}

TEST(Canvas, SparklineNewestAtTheRightEdge) {
  Scene s = background(50, 20);
  Sparkline line;
  line.rect = {0, 0, 50, 20};
  line.values = {0.0f, 0.0f, 1.0f};
  line.capacity = 11;  // 5 px apart: the values sit in the last 11 px
  line.line = 0xFFFFFF;
  line.line_width = 1;
  s.add(line);
  const core::RgbPlane f = draw(s);
  EXPECT_EQ(count(f, {0, 0, 38, 20}, kBg), 38 * 20);  // nothing left of the oldest value
  EXPECT_NE(f.at(49, 0), kBg);                        // the newest, 1.0, at the top right
  EXPECT_NE(f.at(40, 19), kBg);                       // the older ones at the bottom
}

TEST(Canvas, SparklineNaNLeavesAGap) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Scene s = background(41, 20);
  Sparkline line;
  line.rect = {0, 0, 41, 20};
  line.values = {0.5f, 0.5f, nan, nan, 0.5f};
  line.capacity = 5;  // 10 px apart
  line.line = 0xFFFFFF;
  line.line_width = 2;
  s.add(line);
  const core::RgbPlane f = draw(s);
  EXPECT_NE(f.at(5, 10), kBg);
  EXPECT_EQ(count(f, {16, 0, 18, 20}, kBg), 18 * 20);
}

TEST(Canvas, SameSceneSamePixels) {
  Typesetter ts;
  Scene s = background(120, 60);
  s.add(layout_text(ts, "a", {4, 4, 100, 16}, "Total 37%", Font{}, 0xE6EDF3));
  s.add(RingGauge{"r", {4, 20, 36, 36}, 0.37, 4, 0x3FB950, 0x30363D});
  Sparkline line;
  line.rect = {44, 20, 70, 36};
  line.values = {0.1f, 0.5f, 0.3f, 0.9f};
  line.line = 0x58A6FF;
  line.fill = 0x203040;
  line.grid = 0x30363D;
  s.add(line);
  core::RgbPlane a, b(120, 60, 0x123456);
  std::string error;
  ASSERT_TRUE(render(s, a, ts, error));
  ASSERT_TRUE(render(s, b, ts, error));
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace tfts::draw
