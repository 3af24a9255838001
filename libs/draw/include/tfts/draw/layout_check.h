// check_layout: finds what a laid-out screen gets wrong, so tests can assert "no clipped or
// overlapping text" at every panel size instead of looking at pictures.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "tfts/draw/scene.h"

namespace tfts::draw {

enum class ProblemKind {
  outside,  // an item or text box not wholly on the screen
  clipped,  // text wider or taller than its box (must_fit), or shortened to a bare "…"
  overlap,  // text boxes, graphs or gauges that overlap; panels that overlap without nesting
};

struct LayoutProblem {
  ProblemKind kind = ProblemKind::outside;
  std::string what;  // names the items, e.g. "text 'clock' (40x14+1+2) is 44 px wide"
};

/// All problems in `scene`. The rules:
/// - every item's rectangle (text: its box) lies within the scene;
/// - every text fits its box (measured width and line height), and an ellipsized text keeps
///   at least one character;
/// - text boxes do not overlap each other, nor graphs or gauges, except text inside a ring
///   gauge's hole; graphs and gauges do not overlap each other;
/// - panels overlap only by nesting (one inside the other); text and graphs may lie on panels.
/// Fills and lines are decoration and only checked against the screen's edges.
std::vector<LayoutProblem> check_layout(const Scene& scene);

/// One problem per line, for test failure messages; "" for none.
std::string describe(std::span<const LayoutProblem> problems);

}  // namespace tfts::draw
