// Ctx: what the dashboard layout draws with (scene, theme, typesetter and the three fonts scaled
// to the screen), and the small text and panel helpers every part of it shares. Internal to the
// prom library: layout_dashboard() builds one per Scene; the banner and panel_painter.cpp use it.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tfts/core/rect.h"
#include "tfts/draw/colour.h"
#include "tfts/draw/scene.h"
#include "tfts/draw/theme.h"
#include "tfts/draw/typesetter.h"

namespace tfts::prom {

struct Ctx {
  draw::Scene& scene;
  const draw::Theme& theme;
  draw::Typesetter& ts;
  draw::Font title, body, small;
  double scale;

  int lh(const draw::Font& f) { return ts.line_height(f); }
  int width(const draw::Font& f, std::string_view s) { return ts.measure(f, s).width; }
  void text(std::string name, const core::Rect& box, std::string_view s, const draw::Font& f,
            draw::Colour colour, draw::Align align = draw::Align::left,
            draw::Overflow overflow = draw::Overflow::must_fit) {
    scene.add(draw::layout_text(ts, std::move(name), box, s, f, colour, align, overflow));
  }
  // Optional text (titles, legends): shortened to fit, left out where not one letter fits.
  void text_if_room(std::string name, const core::Rect& box, std::string_view s,
                    const draw::Font& f, draw::Colour colour,
                    draw::Align align = draw::Align::left) {
    if (s.empty() || box.w <= 0) return;
    draw::TextRun run = draw::layout_text(ts, std::move(name), box, s, f, colour, align);
    if (!(run.ellipsized && run.text == "\u2026")) scene.add(std::move(run));
  }
  // The first of `forms` no wider than `w`; "" if none is.
  std::string fitting(const std::vector<std::string>& forms, const draw::Font& f, int w) {
    for (const std::string& s : forms) {
      if (width(f, s) <= w) return s;
    }
    return {};
  }
  void panel(std::string name, const core::Rect& r, draw::Colour fill) {
    draw::PanelItem p;
    p.name = std::move(name);
    p.rect = r;
    p.fill = fill;
    p.radius = std::min(theme.radius, r.h / 2);
    scene.add(std::move(p));
  }
  // The theme colour that reads best on `bg` (text on a red badge or banner).
  draw::Colour on(draw::Colour bg) const {
    const auto luma = [](draw::Colour x) {
      return 0.299 * (x >> 16 & 0xFF) + 0.587 * (x >> 8 & 0xFF) + 0.114 * (x & 0xFF);
    };
    return std::fabs(luma(theme.text) - luma(bg)) >= std::fabs(luma(theme.background) - luma(bg))
               ? theme.text
               : theme.background;
  }
};

}  // namespace tfts::prom
