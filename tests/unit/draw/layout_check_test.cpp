// check_layout: each rule reports, and what the rules allow passes.
#include "tfts/draw/layout_check.h"

#include <gtest/gtest.h>

namespace tfts::draw {
namespace {

TextRun run(std::string name, core::Rect box, int width, int height) {
  TextRun r;
  r.name = std::move(name);
  r.box = box;
  r.text = std::string(1, 'x');  // not = "x": GCC 12 -Wrestrict misfires on that
  r.width = width;
  r.height = height;
  return r;
}

PanelItem panel(std::string name, core::Rect rect) {
  PanelItem p;
  p.name = std::move(name);
  p.rect = rect;
  return p;
}

TEST(LayoutCheck, CleanSceneHasNoProblems) {
  Scene s(100, 50);
  s.add(FillItem{{0, 0, 100, 50}, 0});
  s.add(panel("outer", {0, 0, 100, 50}));
  s.add(panel("inner", {5, 5, 40, 40}));  // nested
  s.add(run("a", {10, 10, 30, 12}, 30, 12));
  s.add(run("b", {10, 22, 30, 12}, 20, 12));  // touching, not overlapping
  s.add(BarGauge{"bar", {50, 10, 40, 4}, 0.5, 0, 0, 0, false});
  s.add(RingGauge{"ring", {50, 16, 30, 30}, 0.5, 4, 0, 0});
  s.add(run("in-hole", {57, 23, 15, 15}, 15, 12));  // the hole is 15x15+57+23
  EXPECT_EQ(describe(check_layout(s)), "");
}

TEST(LayoutCheck, ReportsClippedText) {
  Scene s(100, 50);
  s.add(run("wide", {0, 0, 30, 12}, 31, 12));
  s.add(run("tall", {0, 20, 30, 12}, 30, 13));
  TextRun dots = run("dots", {0, 35, 5, 12}, 5, 12);
  dots.text = std::string("\u2026");
  dots.ellipsized = true;
  s.add(dots);
  const std::vector<LayoutProblem> p = check_layout(s);
  ASSERT_EQ(p.size(), 3u) << describe(p);
  for (const LayoutProblem& problem : p) EXPECT_EQ(problem.kind, ProblemKind::clipped);
  EXPECT_NE(p[0].what.find("'wide'"), std::string::npos);
}

TEST(LayoutCheck, ReportsOverlaps) {
  Scene s(100, 100);
  s.add(run("a", {0, 0, 30, 12}, 10, 12));
  s.add(run("b", {29, 11, 30, 12}, 10, 12));  // one pixel over a
  s.add(Sparkline{"graph", {0, 30, 50, 20}, {}, 60, 0, 1, 0, {}, {}, 1});
  s.add(BarGauge{"bar", {40, 45, 20, 10}, 0, 0, 0, 0, false});  // over the graph
  s.add(run("label", {10, 40, 20, 12}, 10, 12));                // text on the graph
  s.add(panel("p1", {0, 60, 50, 30}));
  s.add(panel("p2", {40, 70, 50, 20}));  // crossing, not nested
  const std::vector<LayoutProblem> p = check_layout(s);
  ASSERT_EQ(p.size(), 4u) << describe(p);
  for (const LayoutProblem& problem : p) EXPECT_EQ(problem.kind, ProblemKind::overlap);
}

TEST(LayoutCheck, TextOnARingOutsideItsHoleOverlaps) {
  Scene s(60, 60);
  s.add(RingGauge{"ring", {0, 0, 60, 60}, 0.5, 8, 0, 0});
  s.add(run("rim", {0, 24, 60, 12}, 20, 12));
  const std::vector<LayoutProblem> p = check_layout(s);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].kind, ProblemKind::overlap);
}

TEST(LayoutCheck, ReportsItemsOffTheScreen) {
  Scene s(100, 50);
  s.add(run("off", {90, 0, 20, 12}, 10, 12));
  s.add(panel("low", {0, 40, 10, 11}));
  const std::vector<LayoutProblem> p = check_layout(s);
  ASSERT_EQ(p.size(), 2u) << describe(p);
  EXPECT_EQ(p[0].kind, ProblemKind::outside);
  EXPECT_EQ(p[1].kind, ProblemKind::outside);
}

}  // namespace
}  // namespace tfts::draw
