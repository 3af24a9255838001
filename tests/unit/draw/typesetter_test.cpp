// Typesetter: measuring, shortening with "…", bitmap sizes; and text drawn as measured, crisp
// (two colours) for the bitmap font and anti-aliased for the smooth one.
#include "tfts/draw/typesetter.h"

#include <gtest/gtest.h>

#include <set>

#include "tfts/draw/canvas.h"
#include "tfts/draw/scene.h"

namespace tfts::draw {
namespace {

Font dejavu(int px) { return Font{"DejaVu Sans", px, false, TextRendering::smooth}; }
Font terminus(int px) { return Font{"Terminus", px, false, TextRendering::crisp}; }

TEST(Typesetter, FontsAreInstalled) {
  Typesetter ts;
  EXPECT_TRUE(ts.has_family("DejaVu Sans")) << "scripts/setup installs fonts-dejavu-core";
  EXPECT_TRUE(ts.has_family("dejavu sans mono"));
  EXPECT_TRUE(ts.has_family("Terminus")) << "scripts/setup installs fonts-terminus-otb";
  EXPECT_FALSE(ts.has_family("No Such Font 123"));
}

TEST(Typesetter, BitmapSizes) {
  Typesetter ts;
  const std::vector<int> sizes = ts.bitmap_sizes("Terminus");
  for (int px : {12, 14, 16, 20, 24, 32}) {
    EXPECT_NE(std::find(sizes.begin(), sizes.end(), px), sizes.end()) << px;
  }
  EXPECT_TRUE(ts.bitmap_sizes("DejaVu Sans").empty());  // scalable
  EXPECT_TRUE(ts.bitmap_sizes("No Such Font 123").empty());
}

TEST(Typesetter, MeasuresWholePixels) {
  Typesetter ts;
  const TextSize a = ts.measure(dejavu(12), "CPU 37%");
  const TextSize b = ts.measure(dejavu(12), "CPU 37% busy");
  EXPECT_GT(a.width, 20);
  EXPECT_GT(b.width, a.width);
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.height, ts.line_height(dejavu(12)));
  EXPECT_GT(ts.line_height(dejavu(16)), ts.line_height(dejavu(10)));
  EXPECT_EQ(ts.measure(dejavu(12), "").width, 0);
  // Digits share one advance (hinted metrics): a ticking clock keeps its width.
  EXPECT_EQ(ts.measure(dejavu(12), "11:11:11").width, ts.measure(dejavu(12), "08:59:40").width);
  // Terminus is monospace on a cell grid: 8 x 16 at 16 px.
  EXPECT_EQ(ts.measure(terminus(16), "MMMMMMMMMM").width, 80);
  EXPECT_EQ(ts.measure(terminus(16), "iiiiiiiiii").width, 80);
}

TEST(Typesetter, FitShortensWithEllipsis) {
  Typesetter ts;
  const std::string name = "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz";
  bool ellipsized = true;
  EXPECT_EQ(ts.fit(dejavu(12), "short", 200, &ellipsized), "short");
  EXPECT_FALSE(ellipsized);
  const std::string cut = ts.fit(dejavu(12), name, 100, &ellipsized);
  EXPECT_TRUE(ellipsized);
  EXPECT_LE(ts.measure(dejavu(12), cut).width, 100);
  ASSERT_GT(cut.size(), 3u);
  EXPECT_EQ(cut.substr(cut.size() - 3), "\u2026");
  EXPECT_EQ(name.substr(0, cut.size() - 3), cut.substr(0, cut.size() - 3));
  // The longest prefix: one more character would not fit.
  const std::string longer = name.substr(0, cut.size() - 2) + "\u2026";
  EXPECT_GT(ts.measure(dejavu(12), longer).width, 100);
  EXPECT_EQ(ts.fit(dejavu(12), name, 1, &ellipsized), "\u2026");
  // Whole UTF-8 characters only.
  const std::string accented =
      ts.fit(dejavu(12), "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 30);
  EXPECT_EQ((accented.size() - 3) % 2, 0u);
}

// The distinct colours text leaves on a background, and whether all its ink is in `box`.
std::set<uint32_t> draw_text(const Font& font, const std::string& text, core::Rect box,
                             bool* inside) {
  Typesetter ts;
  core::RgbPlane frame(80, 30, 0x0000AA);
  Canvas canvas(frame, ts);
  canvas.text(layout_text(ts, "t", box, text, font, 0xFFFFFF));
  std::string error;
  EXPECT_TRUE(canvas.finish(error)) << error;
  std::set<uint32_t> colours;
  *inside = true;
  for (int y = 0; y < frame.height(); ++y) {
    for (int x = 0; x < frame.width(); ++x) {
      colours.insert(frame.at(x, y));
      const bool in = x >= box.x && x < box.right() && y >= box.y && y < box.bottom();
      if (frame.at(x, y) != 0x0000AA && !in) *inside = false;
    }
  }
  return colours;
}

TEST(Typesetter, DrawingDoesNotChangeMeasurements) {
  // Canvas binds the contexts to its surface on the first text; the sizes must stay the same.
  Typesetter ts;
  const Font fonts[] = {dejavu(10), dejavu(12), terminus(16), Font{"DejaVu Sans", 14, true}};
  std::vector<TextSize> before;
  for (const Font& f : fonts) before.push_back(ts.measure(f, "Memory 7.0/16.0G 54 °C"));
  core::RgbPlane frame(64, 32);
  Canvas canvas(frame, ts);
  canvas.text(layout_text(ts, "t", {0, 0, 64, 32}, "x", dejavu(12), 0xFFFFFF));
  std::string error;
  ASSERT_TRUE(canvas.finish(error));
  for (size_t i = 0; i < std::size(fonts); ++i) {
    const TextSize after = ts.measure(fonts[i], "Memory 7.0/16.0G 54 °C");
    EXPECT_EQ(after.width, before[i].width) << i;
    EXPECT_EQ(after.height, before[i].height) << i;
  }
}

TEST(Typesetter, BitmapFontIsCrisp) {
  bool inside = false;
  const std::set<uint32_t> colours = draw_text(terminus(12), "12:34:56", {4, 4, 60, 13}, &inside);
  EXPECT_EQ(colours, (std::set<uint32_t>{0x0000AA, 0xFFFFFF}));  // no grey edges at all
  EXPECT_TRUE(inside);
}

TEST(Typesetter, SmoothFontIsAntiAliased) {
  bool inside = false;
  const std::set<uint32_t> colours = draw_text(dejavu(11), "12:34:56", {4, 4, 60, 14}, &inside);
  EXPECT_GT(colours.size(), 4u);
  EXPECT_TRUE(inside);
}

}  // namespace
}  // namespace tfts::draw
