#include "tfts/draw/scene.h"

#include <type_traits>

#include "tfts/draw/canvas.h"

namespace tfts::draw {

const TextRun* Scene::text(std::string_view name) const {
  for (const Item& item : items_) {
    if (const auto* run = std::get_if<TextRun>(&item); run != nullptr && run->name == name) {
      return run;
    }
  }
  return nullptr;
}

TextRun layout_text(Typesetter& typesetter, std::string name, const core::Rect& box,
                    std::string_view text, const Font& font, Colour colour, Align align,
                    Overflow overflow) {
  TextRun run;
  run.name = std::move(name);
  run.box = box;
  run.font = font;
  run.colour = colour;
  run.align = align;
  run.overflow = overflow;
  if (overflow == Overflow::ellipsize) {
    run.text = typesetter.fit(font, text, box.w, &run.ellipsized);
  } else {
    run.text = std::string(text);
  }
  const TextSize size = typesetter.measure(font, run.text);
  run.width = size.width;
  run.height = size.height;
  return run;
}

bool render(const Scene& scene, core::RgbPlane& frame, Typesetter& typesetter, std::string& error) {
  if (scene.width() <= 0 || scene.height() <= 0) {
    error = "drawing failed: empty scene";
    return false;
  }
  if (frame.width() != scene.width() || frame.height() != scene.height()) {
    frame = core::RgbPlane(scene.width(), scene.height());
  }
  Canvas canvas(frame, typesetter);
  for (const Item& item : scene.items()) {
    std::visit(
        [&canvas](const auto& it) {
          using T = std::decay_t<decltype(it)>;
          if constexpr (std::is_same_v<T, FillItem>) canvas.fill(it);
          if constexpr (std::is_same_v<T, LineItem>) canvas.line(it);
          if constexpr (std::is_same_v<T, PanelItem>) canvas.panel(it);
          if constexpr (std::is_same_v<T, TextRun>) canvas.text(it);
          if constexpr (std::is_same_v<T, Sparkline>) canvas.sparkline(it);
          if constexpr (std::is_same_v<T, BarGauge>) canvas.bar_gauge(it);
          if constexpr (std::is_same_v<T, RingGauge>) canvas.ring_gauge(it);
        },
        item);
  }
  return canvas.finish(error);
}

}  // namespace tfts::draw
