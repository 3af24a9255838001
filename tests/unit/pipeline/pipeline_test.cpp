// Pipeline stages: area resize, colour tables, RGB565 quantization, damage.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "tfts/core/rgb565.h"
#include "tfts/pipeline/area_resize.h"
#include "tfts/pipeline/color_lut.h"
#include "tfts/pipeline/damage.h"
#include "tfts/pipeline/quantizer.h"

namespace tfts {
namespace {

core::RgbPlane random_rgb(int w, int h, uint32_t seed) {
  core::RgbPlane img(w, h);
  std::mt19937 rng(seed);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) img.at(x, y) = rng() & 0xFFFFFFu;
  return img;
}

int channel(uint32_t p, int c) { return static_cast<int>((p >> (16 - 8 * c)) & 255u); }

// Floating-point area average of one output pixel, the definition the fast paths must meet.
double area_mean(const core::RgbPlane& src, int ox, int oy, int dw, int dh, int c) {
  const double sx = static_cast<double>(src.width()) / dw, sy = static_cast<double>(src.height()) / dh;
  double acc = 0;
  for (int y = 0; y < src.height(); ++y) {
    const double wy = std::max(0.0, std::min(y + 1.0, (oy + 1) * sy) - std::max<double>(y, oy * sy));
    if (wy <= 0) continue;
    for (int x = 0; x < src.width(); ++x) {
      const double wx = std::max(0.0, std::min(x + 1.0, (ox + 1) * sx) - std::max<double>(x, ox * sx));
      acc += wx * wy * channel(src.at(x, y), c);
    }
  }
  return acc / (sx * sy);
}

class ResizeRatios : public ::testing::TestWithParam<std::pair<int, int>> {};

TEST_P(ResizeRatios, MatchesTheAreaAverageWithinRounding) {
  const auto [sw, sh] = GetParam();
  const int dw = 12, dh = 9;
  const core::RgbPlane src = random_rgb(sw, sh, 5);
  core::RgbPlane dst(dw, dh);
  pipeline::resize_area(src.view(), dst.view());
  for (int y = 0; y < dh; ++y)
    for (int x = 0; x < dw; ++x)
      for (int c = 0; c < 3; ++c)
        EXPECT_NEAR(channel(dst.at(x, y), c), area_mean(src, x, y, dw, dh, c), 0.51)
            << x << "," << y << " c" << c;
}

INSTANTIATE_TEST_SUITE_P(Ratios, ResizeRatios,
                         ::testing::Values(std::pair{24, 18}, std::pair{36, 27}, std::pair{12, 9},
                                           std::pair{31, 20}, std::pair{100, 64}, std::pair{7, 5}));

TEST(Resize, ThinTextStrokeSurvivesAsGrey) {
  // A 1-pixel white line on black, halved: nearest-neighbour would drop it entirely.
  core::RgbPlane src(8, 8, 0);
  for (int x = 0; x < 8; ++x) src.at(x, 3) = 0xFFFFFF;
  core::RgbPlane dst(4, 4);
  pipeline::resize_area(src.view(), dst.view());
  EXPECT_EQ(dst.at(2, 1), 0x808080u);
  EXPECT_EQ(dst.at(2, 0), 0u);
}

TEST(ColorLut, IdentityAndGamma) {
  EXPECT_TRUE(pipeline::ColorLut({}).is_identity());
  pipeline::ColorLut bright({2.2, 1.0, 1.0, 1.0});
  EXPECT_FALSE(bright.is_identity());
  EXPECT_GT(bright.map(0x404040) & 255u, 0x40u);
  EXPECT_EQ(bright.map(0xFFFFFF), 0xFFFFFFu);
  pipeline::ColorLut warm({1.0, 1.0, 1.0, 0.5});
  EXPECT_EQ(warm.map(0xFFFFFF), 0xFFFF80u);
}

TEST(Quantizer, PicksTheNearestDisplayedColour) {
  core::RgbPlane src(256, 1);
  for (int i = 0; i < 256; ++i) src.at(i, 0) = static_cast<uint32_t>(i * 0x010101);
  core::Rgb565Plane out(256, 1);
  pipeline::Quantizer(false).quantize(src.view(), out.view());
  for (int i = 0; i < 256; ++i) {
    const uint32_t shown = core::expand565(out.at(i, 0));
    for (int c = 0; c < 3; ++c) {
      // 5-bit channels are at most half a step (8 levels) off, 6-bit half of 4.
      EXPECT_LE(std::abs(channel(shown, c) - i), c == 1 ? 2 : 4) << i;
    }
  }
}

TEST(Quantizer, DitherIsStableAndKeepsTheMean) {
  core::RgbPlane flat(16, 16, 0x0C0C0E);
  core::Rgb565Plane a(16, 16), b(16, 16);
  const pipeline::Quantizer q(true);
  q.quantize(flat.view(), a.view());
  q.quantize(flat.view(), b.view());
  EXPECT_EQ(a, b);  // temporally stable: nothing for the damage tracker to see
  double sum = 0;
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x) sum += channel(core::expand565(a.at(x, y)), 0);
  EXPECT_NEAR(sum / 256, 12.0, 1.5);  // plain rounding gives 8
}

TEST(Damage, TightBoundsPerTileAndErrorBound) {
  core::Rgb565Plane shadow(40, 20, 0), target(40, 20, 0);
  target.at(3, 4) = 0xFFFF;
  target.at(5, 9) = 0xFFFF;
  target.at(20, 2) = 0x0001;  // one blue step: 8 units in 8-bit terms
  std::vector<core::Rect> out;
  pipeline::collect_damage(target.view(), shadow.view(), 0, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], (core::Rect{3, 4, 3, 6}));
  EXPECT_EQ(out[1], (core::Rect{20, 2, 1, 1}));
  out.clear();
  pipeline::collect_damage(target.view(), shadow.view(), 8, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], (core::Rect{3, 4, 3, 6}));
  out.clear();
  pipeline::collect_damage(shadow.view(), shadow.view(), 0, out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace tfts
