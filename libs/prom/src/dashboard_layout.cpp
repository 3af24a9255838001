#include "tfts/prom/dashboard_layout.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "layout_ctx.h"
#include "panel_painter.h"
#include "tfts/draw/grid.h"
#include "tfts/prom/unit_format.h"

namespace tfts::prom {
namespace {

using core::Rect;
using draw::Align;
using draw::Colour;
using draw::Overflow;
using draw::Track;

Colour panel_colour(const PanelSpec& p, const draw::Theme& t) {
  if (p.colour) return *p.colour;
  const Colour by_name[] = {t.accent, t.good, t.warn, t.bad, t.text, t.muted};  // ThemeColour
  return by_name[static_cast<size_t>(p.theme_colour.value_or(ThemeColour::accent))];
}

// "Prometheus unreachable: <reason> · retry in 4 s" across the top; the reason is shortened
// first, so the retry time stays. Returns the area left below it.
Rect banner(Ctx& c, const DashboardData& data, double now, const Rect& area) {
  const int h = c.lh(c.small) + 2 * std::max(1, c.theme.padding / 2);
  c.scene.add(draw::FillItem{{0, 0, c.scene.width(), h}, c.theme.bad});
  const Rect box{area.x, 0, area.w, h};
  const std::string wait =
      data.next_retry_at > now ? format_duration(std::ceil(data.next_retry_at - now)) : "";
  std::string retry = " \u00B7 ";
  retry += wait.empty() ? "retrying" : "retry in " + wait;
  std::string s = "Prometheus unreachable";
  if (c.width(c.small, s + retry) > box.w) {
    s = "Unreachable";
    // The shortest form for the smallest screens: "Unreachable · retry 4 s".
    if (!wait.empty() && c.width(c.small, s + retry) > box.w) retry = " \u00B7 retry " + wait;
  }
  const std::string& reason = data.unreachable_reason;
  for (const char* prefix : {"Prometheus unreachable: ", "Unreachable: "}) {
    if (reason.empty()) break;
    const int room = box.w - c.width(c.small, prefix) - c.width(c.small, retry);
    if (room >= c.width(c.small, "abc\u2026")) {
      s = prefix;
      s += c.ts.fit(c.small, reason, room);
      break;
    }
  }
  s += retry;
  c.text("banner", box, s, c.small, c.on(c.theme.bad), Align::left, Overflow::ellipsize);
  return draw::inset(area, 0, h, 0, 0);
}

struct Cell {
  int row = 0, col = 0, rows = 1, cols = 1;
};

// Row-major auto-placement as CSS grid's "grid-auto-flow: row" (not dense): each panel goes
// to the first free place at or after the previous one, so the file's order is the reading
// order and a wide panel that does not fit leaves a hole rather than jumping back.
std::vector<Cell> place(const DashboardSpec& spec, int& row_count) {
  const int columns = std::max(1, spec.columns);
  std::vector<std::vector<bool>> used;
  const auto is_free = [&](const Cell& c) {
    for (int r = c.row; r < c.row + c.rows && r < static_cast<int>(used.size()); ++r) {
      for (int k = c.col; k < c.col + c.cols; ++k) {
        if (used[static_cast<size_t>(r)][static_cast<size_t>(k)]) return false;
      }
    }
    return true;
  };
  std::vector<Cell> cells;
  int row = 0, col = 0;
  row_count = 1;
  for (const PanelSpec& p : spec.panels) {
    Cell c{row, col, std::max(1, p.rows), std::clamp(p.columns, 1, columns)};
    while (!(c.col + c.cols <= columns && is_free(c))) {
      if (++c.col + c.cols > columns) {
        ++c.row;
        c.col = 0;
      }
    }
    if (used.size() < static_cast<size_t>(c.row + c.rows)) {
      used.resize(static_cast<size_t>(c.row + c.rows), std::vector<bool>(columns, false));
    }
    for (int r = c.row; r < c.row + c.rows; ++r) {
      for (int k = c.col; k < c.col + c.cols; ++k) {
        used[static_cast<size_t>(r)][static_cast<size_t>(k)] = true;
      }
    }
    cells.push_back(c);
    row = c.row;
    col = c.col + c.cols;
    row_count = std::max(row_count, c.row + c.rows);
  }
  return cells;
}

}  // namespace

draw::Scene layout_dashboard(const DashboardSpec& spec, const DashboardData& data, double now,
                             int width, int height, const draw::Theme& theme,
                             draw::Typesetter& typesetter) {
  draw::Scene scene(width, height);
  scene.add(draw::FillItem{{0, 0, width, height}, theme.background});
  // Theme sizes are for 320x240; other panels scale them by area, but a narrow or low panel
  // never gets text too large for its short side (as the CPU monitor).
  const double scale = std::min({std::sqrt(width * static_cast<double>(height) / (320.0 * 240.0)),
                                 width / 200.0, height / 150.0});
  Ctx c{scene,
        theme,
        typesetter,
        theme.font(draw::FontRole::title, scale),
        theme.font(draw::FontRole::body, scale),
        theme.font(draw::FontRole::small, scale),
        scale};
  Rect area = draw::inset({0, 0, width, height}, theme.gap);
  if (!data.reachable) area = banner(c, data, now, area);
  int rows = 1;
  const std::vector<Cell> cells = place(spec, rows);
  // The header only while every grid row keeps room for one line of text.
  const int header_h = c.lh(c.title);
  const int min_rows_h = rows * (c.lh(c.small) + 2) + (rows - 1) * theme.gap;
  if (!spec.title.empty() && area.h - header_h - theme.gap >= min_rows_h) {
    c.text_if_room("title", {area.x, area.y, area.w, header_h}, spec.title, c.title, theme.text);
    area = draw::inset(area, 0, header_h + theme.gap, 0, 0);
  }
  const std::vector<Track> row_tracks(static_cast<size_t>(rows), Track::share());
  const std::vector<Track> col_tracks(static_cast<size_t>(std::max(1, spec.columns)),
                                      Track::share());
  const draw::Grid grid(area, row_tracks, col_tracks, theme.gap, theme.gap);
  static const PanelData kPending;
  for (size_t i = 0; i < spec.panels.size(); ++i) {
    const PanelSpec& p = spec.panels[i];
    const PanelData& d = i < data.panels.size() ? data.panels[i] : kPending;
    View v{"panel[", p, d};
    (v.id += std::to_string(i)) += ']';
    v.stale = (d.state == PanelState::ok || d.state == PanelState::no_data) &&
              now - d.fetched_at > spec.stale_after();
    v.colour = v.stale ? theme.muted : panel_colour(p, theme);
    v.text = v.stale ? theme.muted : theme.text;
    v.track =
        v.stale && theme.muted == theme.grid ? draw::mix(theme.grid, theme.panel, 0.6) : theme.grid;
    const Cell& cell = cells[i];
    draw_panel(c, v, grid.cell(cell.row, cell.col, cell.rows, cell.cols), now);
  }
  return scene;
}

}  // namespace tfts::prom
