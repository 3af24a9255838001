// The dashboard layout: nothing clipped or overlapping at the panel sizes in any state, the
// values written as the units say, each state drawn as promised (waiting, no data, error
// badge, stale in muted colours with the age, the unreachable banner), the scales, the colours
// and the grid's placement of spanning panels.
#include "tfts/prom/dashboard_layout.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "dashboard_samples.h"
#include "tfts/draw/layout_check.h"
#include "tfts/prom/unit_format.h"

namespace tfts::prom {
namespace {

using test::kNow;

constexpr std::pair<int, int> kSizes[] = {{320, 240}, {240, 240}, {160, 128}, {480, 320}};

template <typename T>
const T* find(const draw::Scene& scene, std::string_view name) {
  for (const draw::Item& item : scene.items()) {
    if (const T* it = std::get_if<T>(&item); it != nullptr && it->name == name) return it;
  }
  return nullptr;
}

template <typename T>
int count(const draw::Scene& scene) {
  int n = 0;
  for (const draw::Item& item : scene.items()) n += std::holds_alternative<T>(item);
  return n;
}

std::string id(int i, const char* part = nullptr) {
  std::string s = "panel[";
  (s += std::to_string(i)) += ']';
  if (part != nullptr) {
    s += '.';
    s += part;
  }
  return s;
}

class DashboardLayout : public ::testing::Test {
 protected:
  draw::Scene layout(const DashboardData& data, int w = 320, int h = 240) {
    return layout_dashboard(spec_, data, kNow, w, h, theme_, ts_);
  }
  draw::Scene layout(const DashboardSpec& spec, const DashboardData& data, int w = 320,
                     int h = 240) {
    return layout_dashboard(spec, data, kNow, w, h, theme_, ts_);
  }
  std::string text(const draw::Scene& scene, const std::string& name) {
    const draw::TextRun* run = scene.text(name);
    return run != nullptr ? run->text : "<no text '" + name + "'>";
  }

  DashboardSpec spec_ = node_exporter_dashboard(test::kUrl);
  draw::Theme theme_ = *draw::builtin_theme("dark");
  draw::Typesetter ts_;
};

TEST_F(DashboardLayout, NothingClippedOrOverlappingInAnyState) {
  for (std::string_view theme_name : draw::builtin_theme_names()) {
    const draw::Theme theme = *draw::builtin_theme(theme_name);
    for (const test::NamedData& state : test::every_state()) {
      for (auto [w, h] : kSizes) {
        const draw::Scene scene = layout_dashboard(spec_, state.data, kNow, w, h, theme, ts_);
        EXPECT_EQ(draw::describe(draw::check_layout(scene)), "")
            << theme_name << " " << state.name << " " << w << "x" << h;
      }
    }
  }
}

TEST_F(DashboardLayout, FreshValuesInTheirUnitsAndColours) {
  for (auto [w, h] : kSizes) {
    SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
    const draw::Scene s = layout(test::node_data(), w, h);
    for (int i = 0; i < 7; ++i) {
      ASSERT_NE(find<draw::PanelItem>(s, id(i)), nullptr) << i;
      EXPECT_EQ(s.text(id(i, "age")), nullptr) << i;
      EXPECT_EQ(find<draw::PanelItem>(s, id(i, "badge")), nullptr) << i;
    }
    EXPECT_EQ(text(s, id(0, "value")), "37.4 %");
    EXPECT_EQ(text(s, id(2, "value")), "1.23");
    EXPECT_EQ(s.text(id(2, "value"))->colour, theme_.accent);  // value panels: the panel colour
    EXPECT_EQ(s.text("banner"), nullptr);
  }
  const draw::Scene s = layout(test::node_data());
  EXPECT_EQ(text(s, "title"), "Node");
  EXPECT_EQ(text(s, id(0, "title")), "CPU");
  const draw::RingGauge* ring = find<draw::RingGauge>(s, id(0, "gauge"));
  ASSERT_NE(ring, nullptr);
  EXPECT_NEAR(ring->fraction, 0.3742, 1e-9);  // percent: 0..100
  EXPECT_EQ(ring->ring, theme_.accent);
  EXPECT_EQ(s.text(id(0, "value"))->colour, theme_.text);
  EXPECT_EQ(text(s, id(3, "value")), "3.17 GiB / 7.73 GiB");
  const draw::BarGauge* memory = find<draw::BarGauge>(s, "panel[3].bar[0]");
  ASSERT_NE(memory, nullptr);
  EXPECT_NEAR(memory->fraction, 3.4 / 8.3, 1e-9);  // used of total
  EXPECT_EQ(text(s, id(4, "value")), "61.8 %");
  EXPECT_NEAR(find<draw::BarGauge>(s, "panel[4].bar[0]")->fraction, 0.618, 1e-9);
  // Two series per I/O panel, the second in another colour, each with its latest value.
  for (int i : {5, 6}) {
    const draw::Sparkline* first = find<draw::Sparkline>(s, id(i) + ".sparkline[0]");
    const draw::Sparkline* second = find<draw::Sparkline>(s, id(i) + ".sparkline[1]");
    ASSERT_NE(first, nullptr) << i;
    ASSERT_NE(second, nullptr) << i;
    EXPECT_EQ(first->line, theme_.accent);
    EXPECT_NE(second->line, first->line);
    EXPECT_EQ(first->values.size(), 121u);
    EXPECT_EQ(first->max, second->max);  // one scale: the larger series' peak
    EXPECT_EQ(s.text(id(i) + ".value[1]")->colour, second->line);
  }
  // Series names where they leave the graph half the width.
  const Series& read = test::node_data().panels[5].series[0];
  const std::string rate = format_value(read.values.back(), Unit::bytes_per_second);
  EXPECT_EQ(text(s, id(5, "value")), rate);
  const draw::Scene wide = layout(test::node_data(), 480, 320);
  EXPECT_EQ(text(wide, id(5, "value")), "read " + rate);
  EXPECT_EQ(text(wide, id(6, "value[1]")).rfind("tx ", 0), 0u);
  const draw::Sparkline* cpu = find<draw::Sparkline>(s, "panel[1].sparkline[0]");
  ASSERT_NE(cpu, nullptr);
  EXPECT_EQ(cpu->min, 0);
  EXPECT_EQ(cpu->max, 100);
  EXPECT_EQ(cpu->capacity, 121);  // ten minutes at the answer's 5 s step
}

TEST_F(DashboardLayout, PendingPanelsWait) {
  for (const DashboardData& data : {test::all_in(PanelState::pending), DashboardData{}}) {
    const draw::Scene s = layout(data);
    for (int i = 0; i < 7; ++i) {
      EXPECT_EQ(text(s, id(i, "value")), "waiting") << i;
      EXPECT_EQ(s.text(id(i, "value"))->colour, theme_.muted) << i;
      EXPECT_EQ(s.text(id(i, "age")), nullptr) << i;
    }
    EXPECT_EQ(count<draw::Sparkline>(s) + count<draw::RingGauge>(s) + count<draw::BarGauge>(s), 0);
  }
  const draw::Scene tiny = layout(test::all_in(PanelState::pending), 160, 128);
  EXPECT_EQ(text(tiny, id(2, "value")), "waiting");
}

TEST_F(DashboardLayout, EmptyAnswersSayNoData) {
  for (auto [w, h] : kSizes) {
    const draw::Scene s = layout(test::all_in(PanelState::no_data), w, h);
    for (int i = 0; i < 7; ++i) {
      EXPECT_EQ(text(s, id(i, "value")), "no data") << i << " " << w << "x" << h;
      EXPECT_EQ(s.text(id(i, "value"))->colour, theme_.muted);
    }
  }
}

TEST_F(DashboardLayout, FailedQueriesShowABadgeWithTheReason) {
  for (auto [w, h] : kSizes) {
    SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
    const draw::Scene s = layout(test::all_in(PanelState::error), w, h);
    for (int i = 0; i < 7; ++i) {
      const draw::PanelItem* badge = find<draw::PanelItem>(s, id(i, "badge"));
      ASSERT_NE(badge, nullptr) << i;
      EXPECT_EQ(badge->fill, theme_.bad);
      const draw::TextRun* reason = s.text(id(i, "badge"));
      ASSERT_NE(reason, nullptr) << i;
      EXPECT_EQ(reason->colour, theme_.background);  // dark on red reads best in "dark"
      // The reason, shortened with "…" to the badge's width.
      const std::string shown =
          reason->ellipsized ? reason->text.substr(0, reason->text.size() - 3) : reason->text;
      EXPECT_EQ(std::string(test::kQueryError).rfind(shown, 0), 0u) << reason->text;
      EXPECT_GT(shown.size(), 3u);
      EXPECT_EQ(s.text(id(i, "value")), nullptr);
    }
  }
  const draw::Scene wide = layout(test::all_in(PanelState::error), 480, 320);
  EXPECT_TRUE(wide.text(id(0, "badge"))->ellipsized);
  DashboardData no_reason = test::all_in(PanelState::error);
  no_reason.panels[2].error.clear();
  EXPECT_EQ(text(layout(no_reason), id(2, "badge")), "query failed");
}

TEST_F(DashboardLayout, StaleValuesAreMutedWithTheirAge) {
  const draw::Scene s = layout(test::node_data(kNow - 100));
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(text(s, id(i, "age")), "stale 1m 40s") << i;
    EXPECT_EQ(s.text(id(i, "age"))->colour, theme_.muted);
    EXPECT_EQ(s.text(id(i, "value"))->colour, theme_.muted) << i;
  }
  EXPECT_EQ(text(s, id(0, "value")), "37.4 %");  // the last values stay
  EXPECT_EQ(find<draw::RingGauge>(s, id(0, "gauge"))->ring, theme_.muted);
  EXPECT_EQ(find<draw::BarGauge>(s, "panel[3].bar[0]")->bar, theme_.muted);
  EXPECT_EQ(find<draw::Sparkline>(s, "panel[5].sparkline[0]")->line, theme_.muted);
  EXPECT_EQ(find<draw::Sparkline>(s, "panel[5].sparkline[1]")->line, theme_.muted);
  // Stale only past stale_after (three intervals of 5 s by default).
  const draw::Scene fresh = layout(test::node_data(kNow - 15));
  EXPECT_EQ(fresh.text(id(0, "age")), nullptr);
  EXPECT_EQ(find<draw::RingGauge>(fresh, id(0, "gauge"))->ring, theme_.accent);
  spec_.stale_after_s = 10;
  EXPECT_EQ(text(layout(test::node_data(kNow - 15)), id(2, "age")), "stale 15 s");
  spec_.stale_after_s = 0;
  EXPECT_EQ(text(layout(test::node_data(kNow - 3 * 3600 - 125)), id(2, "age")), "stale 3h 02m");
  // Where a panel has room for one line only, the age goes if the title keeps its place.
  const draw::Scene tiny = layout(test::node_data(kNow - 100), 160, 128);
  EXPECT_EQ(tiny.text(id(2, "value"))->colour, theme_.muted);
}

TEST_F(DashboardLayout, UnreachablePrometheusShowsABannerOverTheLastValues) {
  EXPECT_EQ(text(layout(test::unreachable(), 800, 240), "banner"),
            "Prometheus unreachable: connection refused (127.0.0.1:9090) \u00B7 retry in 4 s");
  const draw::Scene s = layout(test::unreachable(), 480, 320);
  const draw::TextRun* banner = s.text("banner");
  const draw::FillItem* band = nullptr;
  for (const draw::Item& item : s.items()) {
    if (const auto* f = std::get_if<draw::FillItem>(&item); f && f->colour == theme_.bad) band = f;
  }
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->rect.y, 0);
  EXPECT_EQ(band->rect.w, 480);
  EXPECT_LE(banner->box.bottom(), band->rect.bottom());
  EXPECT_GT(find<draw::PanelItem>(s, id(0))->rect.y, band->rect.bottom());
  EXPECT_EQ(text(s, id(0, "value")), "37.4 %");
  EXPECT_EQ(text(s, id(0, "age")), "stale 1m 40s");
  // Narrower: the reason is shortened, the retry time stays.
  for (auto [w, h] : kSizes) {
    const std::string small = text(layout(test::unreachable(), w, h), "banner");
    EXPECT_NE(small.find("retry in 4 s"), std::string::npos) << small;
    EXPECT_EQ(small.find("\u2026 \u00B7"), small.find("\u2026"))
        << small;  // only the reason is cut
  }
  DashboardData retrying = test::unreachable();
  retrying.next_retry_at = 0;
  retrying.unreachable_reason.clear();
  EXPECT_EQ(text(layout(retrying), "banner"), "Prometheus unreachable \u00B7 retrying");
  // Terminus is wide: the smallest screen gets the shortest form.
  theme_ = *draw::builtin_theme("bios");
  EXPECT_EQ(text(layout(test::unreachable(), 160, 128), "banner"), "Unreachable \u00B7 retry 4 s");
}

TEST_F(DashboardLayout, ColoursFromTheSpec) {
  spec_.panels[2].colour = 0xFF8800;
  spec_.panels[0].theme_colour = ThemeColour::good;
  spec_.panels[5].theme_colour = ThemeColour::warn;
  const draw::Scene s = layout(test::node_data());
  EXPECT_EQ(s.text(id(2, "value"))->colour, draw::Colour{0xFF8800});
  EXPECT_EQ(find<draw::RingGauge>(s, id(0, "gauge"))->ring, theme_.good);
  EXPECT_EQ(find<draw::Sparkline>(s, "panel[5].sparkline[0]")->line, theme_.warn);
  EXPECT_EQ(find<draw::Sparkline>(s, "panel[5].sparkline[1]")->line, theme_.good);
  // Stale data loses its colours whatever they were.
  EXPECT_EQ(layout(test::node_data(kNow - 100)).text(id(2, "value"))->colour, theme_.muted);
}

// A one-panel dashboard of `kind` showing `series` (and `totals`).
DashboardSpec single(PanelKind kind, Unit unit) {
  DashboardSpec spec;
  spec.columns = 1;
  PanelSpec p;
  p.title = "x";
  p.query = "x";
  p.kind = kind;
  p.unit = unit;
  spec.panels.push_back(p);
  return spec;
}

TEST_F(DashboardLayout, GaugeScales) {
  DashboardSpec spec = single(PanelKind::gauge, Unit::none);
  DashboardData data;
  data.panels.push_back(test::answered({test::point("", 30)}, kNow));
  const auto fraction = [&] {
    return find<draw::RingGauge>(layout(spec, data), id(0, "gauge"))->fraction;
  };
  EXPECT_DOUBLE_EQ(fraction(), 1.0);  // from the data: 0 .. the value itself
  spec.panels[0].min = 10;
  spec.panels[0].max = 50;
  EXPECT_DOUBLE_EQ(fraction(), 0.5);  // min .. max
  spec.panels[0].min.reset();
  spec.panels[0].max.reset();
  spec.panels[0].total_query = "t";
  data.panels[0].totals = {test::point("", 120)};
  EXPECT_DOUBLE_EQ(fraction(), 0.25);  // 0 .. total
  EXPECT_EQ(text(layout(spec, data), id(0, "value")), "30");
  spec.panels[0].unit = Unit::percent;
  EXPECT_DOUBLE_EQ(fraction(), 0.3);  // percent: 0 .. 100 before the total
  data.panels[0].series[0].values = {250};
  EXPECT_DOUBLE_EQ(fraction(), 1.0);  // clamped
}

TEST_F(DashboardLayout, BarsPerSeriesWithLegendAndTotalsByName) {
  DashboardSpec spec = single(PanelKind::bar, Unit::bytes);
  spec.panels[0].total_query = "t";
  spec.panels[0].legend = "gpu";
  DashboardData data;
  data.panels.push_back(test::answered(
      {test::point("0", 1024.0 * 1024 * 1024), test::point("1", 3 * 1024.0 * 1024 * 1024)}, kNow));
  // Totals in another order: matched by name, not by position.
  data.panels[0].totals = {test::point("1", 4 * 1024.0 * 1024 * 1024),
                           test::point("0", 2 * 1024.0 * 1024 * 1024)};
  const draw::Scene s = layout(spec, data);
  EXPECT_EQ(text(s, id(0, "legend[0]")), "0");
  EXPECT_EQ(text(s, id(0, "legend[1]")), "1");
  EXPECT_EQ(text(s, id(0, "value")), "1.00 GiB");
  EXPECT_EQ(text(s, id(0, "value[1]")), "3.00 GiB");
  EXPECT_DOUBLE_EQ(find<draw::BarGauge>(s, "panel[0].bar[0]")->fraction, 0.5);
  EXPECT_DOUBLE_EQ(find<draw::BarGauge>(s, "panel[0].bar[1]")->fraction, 0.75);
  EXPECT_EQ(draw::describe(draw::check_layout(s)), "");
}

TEST_F(DashboardLayout, ValuePanelsWithATotalSayUsedOfTotal) {
  DashboardSpec spec = single(PanelKind::value, Unit::bytes);
  spec.panels[0].total_query = "t";
  DashboardData data;
  data.panels.push_back(test::answered({test::point("", 3.4e9)}, kNow));
  data.panels[0].totals = {test::point("", 8.3e9)};
  const draw::Scene s = layout(spec, data);
  EXPECT_EQ(text(s, id(0, "value")), "3.17 GiB / 7.73 GiB");
  EXPECT_GT(s.text(id(0, "value"))->font.px, theme_.title_px);  // large in a large panel
}

// Where each panel's rectangle lies in the grid: its column and row, from the left and top.
std::pair<int, int> grid_place(const draw::Scene& s, int i, int col_w, int row_h, int top) {
  const draw::PanelItem* p = find<draw::PanelItem>(s, id(i));
  return {(p->rect.x + col_w / 2) / col_w, (p->rect.y - top + row_h / 2) / row_h};
}

TEST_F(DashboardLayout, PanelsFlowRowByRowAroundSpans) {
  DashboardSpec spec;
  spec.columns = 3;
  const std::pair<int, int> spans[] = {{1, 2}, {2, 1}, {2, 1}, {1, 1}, {1, 1}};  // cols, rows
  for (auto [cols, rows] : spans) {
    PanelSpec p;
    p.query = "x";
    p.columns = cols;
    p.rows = rows;
    spec.panels.push_back(p);
  }
  const draw::Scene s = layout(spec, DashboardData{}, 300, 300);
  EXPECT_EQ(draw::describe(draw::check_layout(s)), "");
  // 0: rows 0-1 of column 0; 1: columns 1-2 of row 0; row 0 is full, so 2 goes beside 0 in
  // row 1; 3 and 4 fill row 2.
  const int col_w = 100, row_h = 100;
  EXPECT_EQ(grid_place(s, 0, col_w, row_h, 0), std::make_pair(0, 0));
  EXPECT_EQ(grid_place(s, 1, col_w, row_h, 0), std::make_pair(1, 0));
  EXPECT_EQ(grid_place(s, 2, col_w, row_h, 0), std::make_pair(1, 1));
  EXPECT_EQ(grid_place(s, 3, col_w, row_h, 0), std::make_pair(0, 2));
  EXPECT_EQ(grid_place(s, 4, col_w, row_h, 0), std::make_pair(1, 2));
  EXPECT_NEAR(find<draw::PanelItem>(s, id(0))->rect.h,
              find<draw::PanelItem>(s, id(1))->rect.h * 2 + theme_.gap, 1);
  EXPECT_NEAR(find<draw::PanelItem>(s, id(1))->rect.w,
              find<draw::PanelItem>(s, id(3))->rect.w * 2 + theme_.gap, 1);
  // Not dense: a narrow panel after a wide one that wrapped does not go back to the hole.
  spec.panels = {spec.panels[3], spec.panels[3], spec.panels[1], spec.panels[3]};
  const draw::Scene holes = layout(spec, DashboardData{}, 300, 300);
  EXPECT_EQ(grid_place(holes, 2, col_w, 150, 0), std::make_pair(0, 1));
  EXPECT_EQ(grid_place(holes, 3, col_w, 150, 0), std::make_pair(2, 1));
}

TEST_F(DashboardLayout, HeaderGivesWayToPanelsOnSmallScreens) {
  EXPECT_NE(layout(test::node_data(), 320, 240).text("title"), nullptr);
  spec_.panels.resize(8, spec_.panels[2]);  // five rows
  EXPECT_EQ(layout(test::unreachable(), 160, 100).text("title"), nullptr);
  spec_.title.clear();
  EXPECT_EQ(layout(test::node_data(), 320, 240).text("title"), nullptr);
}

}  // namespace
}  // namespace tfts::prom
