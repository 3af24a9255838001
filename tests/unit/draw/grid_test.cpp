// Grid layout: fixed and weighted tracks, gaps, rounding that adds up, spans.
#include "tfts/draw/grid.h"

#include <gtest/gtest.h>

#include <vector>

namespace tfts::draw {
namespace {

TEST(Grid, FixedAndWeightedTracksFillTheLength) {
  const std::vector<Track> tracks = {Track::fixed(20), Track::share(1), Track::share(2)};
  const std::vector<Span1D> s = split(10, 100, tracks, 5);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].pos, 10);
  EXPECT_EQ(s[0].len, 20);
  // 100 - 20 - 2 * 5 = 70 shared 1:2.
  EXPECT_EQ(s[1].pos, 35);
  EXPECT_EQ(s[1].len, 23);
  EXPECT_EQ(s[2].pos, 63);
  EXPECT_EQ(s[2].len, 47);
  EXPECT_EQ(s[2].pos + s[2].len, 110);
}

TEST(Grid, SharesAlwaysAddUp) {
  for (int length = 0; length < 200; ++length) {
    const std::vector<Track> tracks(7, Track::share());
    const std::vector<Span1D> s = split(0, length, tracks, 1);
    if (length >= 6) {
      EXPECT_EQ(s.back().pos + s.back().len, length) << length;
    }
    for (size_t i = 1; i < s.size(); ++i) {
      EXPECT_GE(s[i].len, s[i - 1].len - 1);
      EXPECT_LE(s[i].len, s[i - 1].len + 1);
    }
  }
}

TEST(Grid, TooSmallGivesWeightedTracksNothing) {
  const std::vector<Track> tracks = {Track::fixed(30), Track::share(), Track::fixed(30)};
  const std::vector<Span1D> s = split(0, 50, tracks, 0);
  EXPECT_EQ(s[1].len, 0);
  EXPECT_EQ(s[2].pos + s[2].len, 60);  // the overrun the layout checker reports
}

TEST(Grid, RowsColumnsAndInsets) {
  const core::Rect area{0, 0, 100, 60};
  const std::vector<core::Rect> rows =
      split_rows(area, std::vector<Track>{Track::fixed(10), Track::share()}, 2);
  EXPECT_EQ(rows[0], (core::Rect{0, 0, 100, 10}));
  EXPECT_EQ(rows[1], (core::Rect{0, 12, 100, 48}));
  const std::vector<core::Rect> cols =
      split_columns(area, std::vector<Track>{Track::share(), Track::share()}, 4);
  EXPECT_EQ(cols[0], (core::Rect{0, 0, 48, 60}));
  EXPECT_EQ(cols[1], (core::Rect{52, 0, 48, 60}));
  EXPECT_EQ(inset(area, 5), (core::Rect{5, 5, 90, 50}));
  EXPECT_EQ(inset(area, 1, 2, 3, 4), (core::Rect{1, 2, 96, 54}));
  EXPECT_EQ(inset(area, 80), (core::Rect{80, 80, 0, 0}));
}

TEST(Grid, CellsAndSpans) {
  const std::vector<Track> rows(3, Track::share());
  const std::vector<Track> cols = {Track::fixed(40), Track::share()};
  const Grid g({10, 20, 200, 92}, rows, cols, 4, 6);
  EXPECT_EQ(g.rows(), 3);
  EXPECT_EQ(g.columns(), 2);
  EXPECT_EQ(g.cell(0, 0), (core::Rect{10, 20, 40, 28}));
  EXPECT_EQ(g.cell(2, 1), (core::Rect{56, 84, 154, 28}));
  EXPECT_EQ(g.cell(0, 0, 3, 2), (core::Rect{10, 20, 200, 92}));
}

}  // namespace
}  // namespace tfts::draw
