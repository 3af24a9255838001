// Typesetter: measures, shortens and (for Canvas) draws single lines of text with Pango, in
// the rendering a Font asks for. Layout code measures with it; Canvas draws with the same one,
// so what was measured is what is drawn.
//
// Each Typesetter has its own Pango font map: a source builds one on any thread and then uses it
// from its screen's thread, with no state shared with other sources. Not thread-safe: one thread
// at a time. Pango objects stay inside (typesetter.cpp, pango_text.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/draw/font.h"

namespace tfts::draw {

struct TextSize {
  int width = 0;     // logical advance width in pixels
  int height = 0;    // line height in pixels (ascent + descent)
  int baseline = 0;  // from the top of the line
};

class Typesetter {
 public:
  Typesetter();
  ~Typesetter();
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;

  /// The size of `text` set on one line in `font`.
  TextSize measure(const Font& font, std::string_view text);

  /// `text` if it fits in `max_width` pixels, else its longest prefix (whole characters,
  /// trailing spaces dropped) followed by "…" that fits. If not even "…" fits, returns "…".
  /// Sets `*ellipsized` when it shortened the text.
  std::string fit(const Font& font, std::string_view text, int max_width,
                  bool* ellipsized = nullptr);

  /// The height of one line in `font` (the same for every text).
  int line_height(const Font& font);

  /// The pixel sizes a bitmap family comes in, ascending (Terminus: 12, 14, 16, ...); empty for
  /// a scalable family or one that is not installed.
  std::vector<int> bitmap_sizes(std::string_view family);

  /// Whether fontconfig knows `family` by that name (rather than substituting another).
  bool has_family(std::string_view family);

  struct Impl;  // Pango state; shared with Canvas inside the library
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfts::draw
