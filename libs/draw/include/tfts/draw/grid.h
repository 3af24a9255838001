// Grid layout: splits a rectangle into rows and columns of fixed or weighted sizes with gaps,
// in whole pixels. Screens lay themselves out with it at any panel size.
#pragma once

#include <span>
#include <vector>

#include "tfts/core/rect.h"

namespace tfts::draw {

// One row or column: `px` fixed pixels, plus a share of what is left after all fixed sizes and
// gaps, in proportion to `weight`.
struct Track {
  int px = 0;
  double weight = 0;

  static Track fixed(int px) { return {px, 0}; }
  static Track share(double weight = 1) { return {0, weight}; }
};

// A stretch of a line: where it starts and how long it is.
struct Span1D {
  int pos = 0;
  int len = 0;
};

/// Offsets and lengths of `tracks` along a line of `length` pixels from `start`, `gap` pixels
/// apart. The weighted share is rounded so that the tracks end exactly at start + length (the
/// spare pixels go to the tracks in order, deterministically); when the fixed sizes do not fit,
/// weighted tracks get nothing and the fixed ones overrun (the layout checker reports what
/// then leaves the screen).
std::vector<Span1D> split(int start, int length, std::span<const Track> tracks, int gap);

/// `area` cut into rows (top to bottom) or columns (left to right).
std::vector<core::Rect> split_rows(const core::Rect& area, std::span<const Track> rows, int gap);
std::vector<core::Rect> split_columns(const core::Rect& area, std::span<const Track> columns,
                                      int gap);

/// `r` shrunk by `pad` on every side (never below zero size).
core::Rect inset(const core::Rect& r, int pad);
core::Rect inset(const core::Rect& r, int left, int top, int right, int bottom);

/// Rows and columns together: cell(row, column) with optional spans.
class Grid {
 public:
  Grid(const core::Rect& area, std::span<const Track> rows, std::span<const Track> columns,
       int row_gap, int column_gap);

  /// The rectangle covering rows [row, row + row_span) and columns [col, col + col_span),
  /// gaps between them included. Indices must be in range.
  core::Rect cell(int row, int col, int row_span = 1, int col_span = 1) const;
  int rows() const { return static_cast<int>(rows_.size()); }
  int columns() const { return static_cast<int>(columns_.size()); }

 private:
  std::vector<Span1D> rows_;
  std::vector<Span1D> columns_;
};

}  // namespace tfts::draw
