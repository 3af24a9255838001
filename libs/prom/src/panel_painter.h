// draw_panel: one dashboard panel drawn into its grid cell (title, age, and the value, gauge,
// bars or sparklines of its kind, or its badge or message), kept apart from layout_dashboard()
// so that the layout holds only the grid, header, banner and the state of the data. Internal.
#pragma once

#include <string>
#include <string_view>

#include "layout_ctx.h"
#include "tfts/core/rect.h"
#include "tfts/draw/colour.h"
#include "tfts/prom/dashboard_data.h"
#include "tfts/prom/dashboard_spec.h"

namespace tfts::prom {

// One panel resolved from its spec, its data and the time: everything drawing needs.
struct View {
  std::string id;  // "panel[3]"
  const PanelSpec& spec;
  const PanelData& data;
  bool stale = false;
  draw::Colour colour = 0;  // graphs and value panels: the panel's colour, muted when stale
  draw::Colour text = 0;    // values in text: theme text, muted when stale
  // Under gauges and bars: the grid colour, unless muted would vanish in it.
  draw::Colour track = 0;

  // "panel[3].value", and for series k >= 1 (or always, with `indexed`) "panel[3].value[k]".
  std::string name(std::string_view part, size_t k = 0, bool indexed = false) const {
    std::string s = id;
    (s += '.') += part;
    if (k > 0 || indexed) ((s += '[') += std::to_string(k)) += ']';
    return s;
  }
};

// Draws the panel `v` into `cell` (Unix time `now` gives a stale panel its age): the panel, its
// title row above the content where the cell has room for both, else one compact line.
void draw_panel(Ctx& c, const View& v, const core::Rect& cell, double now);

}  // namespace tfts::prom
