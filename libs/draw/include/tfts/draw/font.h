// Font: what a text run is set in. Plain values, compared and copied freely; the Typesetter
// turns them into Pango fonts.
#pragma once

#include <string>

namespace tfts::draw {

// How glyphs are rasterised. The choice is deliberate for panels of 160-320 px (see
// typesetter.cpp for the Cairo options behind each):
enum class TextRendering {
  smooth,  // grey anti-aliasing, full hinting, whole-pixel advances: legible down to 10 px
  crisp,   // no anti-aliasing: for bitmap fonts (Terminus), exact at their own pixel sizes
};

struct Font {
  std::string family = "DejaVu Sans";  // a fontconfig family name
  int px = 12;                         // em size in pixels; a bitmap font uses its nearest size
  bool bold = false;
  TextRendering rendering = TextRendering::smooth;

  bool operator==(const Font&) const = default;
};

enum class Align {
  left,
  centre,
  right
};  // horizontally in the run's box; always centred vertically

// What a run does when its text is wider than its box.
enum class Overflow {
  ellipsize,  // cut at a character and end with "…" (names, paths: the start says enough)
  must_fit,   // never cut (clock, percentages): the layout checker reports it as clipped
};

}  // namespace tfts::draw
