// Scene: a laid-out screen as a list of items (items.h), drawn in order. Layout code builds a
// Scene from values; check_layout() (layout_check.h) inspects it; render() draws it. Two equal
// scenes draw identical pixels, so a source that builds the same scene twice has nothing new to
// show.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/draw/items.h"
#include "tfts/draw/typesetter.h"

namespace tfts::draw {

using Item = std::variant<FillItem, LineItem, PanelItem, TextRun, Sparkline, BarGauge, RingGauge>;

class Scene {
 public:
  Scene() = default;
  Scene(int width, int height) : width_(width), height_(height) {}

  int width() const { return width_; }
  int height() const { return height_; }
  void add(Item item) { items_.push_back(std::move(item)); }
  const std::vector<Item>& items() const { return items_; }

  /// The first text run called `name`, or null.
  const TextRun* text(std::string_view name) const;

  bool operator==(const Scene&) const = default;

 private:
  int width_ = 0;
  int height_ = 0;
  std::vector<Item> items_;
};

/// A text run for `text` in `box`: measured, and shortened with "…" when it is wider than the
/// box and `overflow` allows it.
TextRun layout_text(Typesetter& typesetter, std::string name, const core::Rect& box,
                    std::string_view text, const Font& font, Colour colour,
                    Align align = Align::left, Overflow overflow = Overflow::ellipsize);

/// Draws `scene` into `frame`, first reallocating the frame to the scene's size if it differs.
/// Everything is drawn, so the frame's old contents do not matter. False and a sentence in
/// `error` if Cairo fails.
[[nodiscard]] bool render(const Scene& scene, core::RgbPlane& frame, Typesetter& typesetter,
                          std::string& error);

}  // namespace tfts::draw
