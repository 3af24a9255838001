#include "tfts/draw/grid.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace tfts::draw {

std::vector<Span1D> split(int start, int length, std::span<const Track> tracks, int gap) {
  std::vector<Span1D> out;
  if (tracks.empty()) return out;
  int fixed = gap * static_cast<int>(tracks.size() - 1);
  double weights = 0;
  for (const Track& t : tracks) {
    fixed += std::max(0, t.px);
    weights += std::max(0.0, t.weight);
  }
  const int spare = std::max(0, length - fixed);
  // Cumulative rounding: track i ends at round(spare * (weights before and with i) / total), so
  // the shares add up to `spare` exactly.
  double seen = 0;
  int given = 0;
  int pos = start;
  for (const Track& t : tracks) {
    int len = std::max(0, t.px);
    if (t.weight > 0 && weights > 0) {
      seen += t.weight;
      const int upto = static_cast<int>(std::lround(spare * seen / weights));
      len += upto - given;
      given = upto;
    }
    out.push_back({pos, len});
    pos += len + gap;
  }
  return out;
}

std::vector<core::Rect> split_rows(const core::Rect& area, std::span<const Track> rows, int gap) {
  std::vector<core::Rect> out;
  for (const Span1D& s : split(area.y, area.h, rows, gap))
    out.push_back({area.x, s.pos, area.w, s.len});
  return out;
}

std::vector<core::Rect> split_columns(const core::Rect& area, std::span<const Track> columns,
                                      int gap) {
  std::vector<core::Rect> out;
  for (const Span1D& s : split(area.x, area.w, columns, gap)) {
    out.push_back({s.pos, area.y, s.len, area.h});
  }
  return out;
}

core::Rect inset(const core::Rect& r, int pad) { return inset(r, pad, pad, pad, pad); }

core::Rect inset(const core::Rect& r, int left, int top, int right, int bottom) {
  return {r.x + left, r.y + top, std::max(0, r.w - left - right), std::max(0, r.h - top - bottom)};
}

Grid::Grid(const core::Rect& area, std::span<const Track> rows, std::span<const Track> columns,
           int row_gap, int column_gap)
    : rows_(split(area.y, area.h, rows, row_gap)),
      columns_(split(area.x, area.w, columns, column_gap)) {}

core::Rect Grid::cell(int row, int col, int row_span, int col_span) const {
  assert(row >= 0 && col >= 0 && row_span >= 1 && col_span >= 1);
  assert(row + row_span <= rows() && col + col_span <= columns());
  const Span1D& top = rows_[static_cast<size_t>(row)];
  const Span1D& bottom = rows_[static_cast<size_t>(row + row_span - 1)];
  const Span1D& left = columns_[static_cast<size_t>(col)];
  const Span1D& right = columns_[static_cast<size_t>(col + col_span - 1)];
  return {left.pos, top.pos, right.pos + right.len - left.pos, bottom.pos + bottom.len - top.pos};
}

}  // namespace tfts::draw
