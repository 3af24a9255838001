// The things a screen is drawn from: fills, lines, panels, text runs, sparklines and gauges. Plain
// values in whole-pixel rectangles, so a laid-out screen (a Scene) can be compared, checked for
// clipped or overlapping text, and drawn, all apart from each other.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tfts/core/rect.h"
#include "tfts/draw/colour.h"
#include "tfts/draw/font.h"

namespace tfts::draw {

// An exact rectangle of one colour, no anti-aliasing (backgrounds, bands, 1-px rules).
struct FillItem {
  core::Rect rect;
  Colour colour = 0;
  bool operator==(const FillItem&) const = default;
};

// A straight line between pixel positions (0,0 is the top left corner of the top left pixel).
// Horizontal and vertical lines are moved onto the pixel grid so that they stay sharp: a 1-px
// line from (x0, y) to (x1, y) covers exactly the pixel row y, from column x0 to x1 - 1.
struct LineItem {
  std::string name;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width = 1;
  Colour colour = 0;
  bool operator==(const LineItem&) const = default;

  // The pixels it may touch.
  core::Rect bounds() const;
};

// A panel: an optionally filled, optionally rounded rectangle with an optional border drawn
// inside its edge. Text may lie on a panel; panels must not overlap each other.
struct PanelItem {
  std::string name;
  core::Rect rect;
  std::optional<Colour> fill;
  int radius = 0;
  Colour border = 0;
  int border_width = 0;  // 0: no border
  bool operator==(const PanelItem&) const = default;
};

// One line of text in a box. Made by layout_text() (scene.h), which measures it and, for
// Overflow::ellipsize, shortens `text` to fit; width/height are the measured logical size of
// `text` as drawn. Drawn centred vertically, aligned horizontally, never wrapped.
struct TextRun {
  std::string name;  // e.g. "clock", "cpu.model"; tests and checker reports use it
  core::Rect box;
  std::string text;
  Font font;
  Colour colour = 0;
  Align align = Align::left;
  Overflow overflow = Overflow::ellipsize;
  int width = 0;
  int height = 0;
  bool ellipsized = false;  // `text` is a shortened form of what the layout asked for
  bool operator==(const TextRun&) const = default;
};

// A line graph of a history, oldest value first. The newest sits at the right edge; `capacity`
// values span the width, so a short history fills only the right part and the graph scrolls
// left as it grows. Values outside [min, max] are clamped; NaN leaves a gap.
struct Sparkline {
  std::string name;
  core::Rect rect;
  std::vector<float> values;
  int capacity = 60;  // >= 2
  float min = 0;
  float max = 1;
  Colour line = 0;
  std::optional<Colour> fill;  // area under the line
  std::optional<Colour> grid;  // horizontal lines at a quarter, half and three quarters
  double line_width = 1.5;
  bool operator==(const Sparkline&) const = default;
};

// A level as a filled bar in a track; vertical bars fill from the bottom.
struct BarGauge {
  std::string name;
  core::Rect rect;
  double fraction = 0;  // clamped to [0, 1]
  Colour bar = 0;
  Colour track = 0;
  int radius = 0;
  bool vertical = false;
  bool operator==(const BarGauge&) const = default;
};

// A level as an arc, clockwise from 12 o'clock, in a full-circle track centred in `rect`.
// Text may sit in its hole (the square inside the inner circle); see check_layout().
struct RingGauge {
  std::string name;
  core::Rect rect;
  double fraction = 0;  // clamped to [0, 1]
  int thickness = 6;
  Colour ring = 0;
  Colour track = 0;
  bool operator==(const RingGauge&) const = default;

  // The largest square inside the inner circle, where a caption fits.
  core::Rect hole() const;
};

}  // namespace tfts::draw
