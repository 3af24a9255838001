#include "tfts/source/cpu_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "tfts/draw/grid.h"
#include "tfts/source/system_format.h"

namespace tfts::source {
namespace {

using core::Rect;
using draw::Align;
using draw::Colour;
using draw::Font;
using draw::Overflow;
using draw::Track;

// Utilisation levels: below kWarn is fine, from kBad on it is busy.
constexpr double kWarn = 0.6;
constexpr double kBad = 0.85;
constexpr double kWarmC = 60;  // temperature levels
constexpr double kHotC = 80;
constexpr int kBarPx = 3;        // the level bar under a tile's value
constexpr int kMinGraphPx = 20;  // narrower per-core graphs say nothing: use bars instead
constexpr int kCoreRowGap = 2;
constexpr int kMinGridPx = 24;  // grid lines in a flatter graph are clutter

struct Ctx {
  draw::Scene& scene;
  const draw::Theme& theme;
  draw::Typesetter& ts;
  Font title, body, small;

  void text(std::string name, const Rect& box, const std::string& s, const Font& f, Colour c,
            Align align = Align::left, Overflow overflow = Overflow::must_fit) {
    scene.add(draw::layout_text(ts, std::move(name), box, s, f, c, align, overflow));
  }
  // The first of `forms` that fits `width` (the last one if none does).
  std::string first_fitting(const std::vector<std::string>& forms, const Font& f, int width) {
    for (const std::string& s : forms) {
      if (ts.measure(f, s).width <= width) return s;
    }
    return forms.back();
  }
  int lh(const Font& f) { return ts.line_height(f); }
  int width(const Font& f, const std::string& s) { return ts.measure(f, s).width; }
  void panel(std::string name, const Rect& r) {
    draw::PanelItem p;
    p.name = std::move(name);
    p.rect = r;
    p.fill = theme.panel;
    p.radius = theme.radius;
    scene.add(std::move(p));
  }
  Colour level(double f) const {
    return f < kWarn ? theme.good : f < kBad ? theme.warn : theme.bad;
  }
};

std::string fixed(double v, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

void header(Ctx& c, const Rect& r, const CpuMonitorValues& v, const LocalTime& time) {
  // The box comes from a template, not the time: digits may differ in width in some fonts.
  const int clock_w = c.width(c.title, "88:88:88");
  const std::vector<Rect> cols = draw::split_columns(
      r, std::vector<Track>{Track::share(), Track::fixed(clock_w)}, c.theme.gap);
  // A name cut to one letter says nothing: then the clock stands alone.
  if (cols[0].w >= c.width(c.title, "CPU")) {
    c.text("name", cols[0], v.name.empty() ? "CPU" : v.name, c.title, c.theme.text, Align::left,
           Overflow::ellipsize);
  }
  c.text("clock", cols[1], time.clock_text(), c.title, c.theme.text, Align::right);
}

// Ring gauge with the total in its hole, beside the total's history.
void overview(Ctx& c, const Rect& r, const CpuMonitorValues& v) {
  c.panel("overview", r);
  const Rect in = draw::inset(r, c.theme.padding);
  const double total = v.total.value_or(0);
  const std::string pct = v.total ? format_percent(total) : "--";
  const int ring_size = std::min(in.h, in.w / 3);
  draw::RingGauge ring;
  ring.name = "total";
  ring.rect = {in.x, in.y + (in.h - ring_size) / 2, ring_size, ring_size};
  ring.thickness = std::max(3, ring_size / 10);
  ring.fraction = total;
  ring.ring = c.level(total);
  ring.track = c.theme.grid;
  const Rect hole = ring.hole();
  // The largest font whose widest percentage fits the hole, so the box never changes.
  const Font* pct_font = nullptr;
  for (const Font* f : {&c.title, &c.body, &c.small}) {
    if (c.width(*f, "100%") <= hole.w && c.lh(*f) <= hole.h) {
      pct_font = f;
      break;
    }
  }
  Rect rest = in;
  if (pct_font != nullptr) {
    c.scene.add(ring);
    const int lh = c.lh(*pct_font);
    c.text("total.percent", {hole.x, hole.y + (hole.h - lh) / 2, hole.w, lh}, pct, *pct_font,
           c.theme.text, Align::centre);
    rest = draw::inset(in, ring_size + c.theme.gap, 0, 0, 0);
  } else {
    // No room for a ring: the number itself.
    const int w = c.width(c.body, "100%");
    c.text("total.percent", {in.x, in.y, w, in.h}, pct, c.body, c.theme.text, Align::right);
    rest = draw::inset(in, w + c.theme.gap, 0, 0, 0);
  }
  Rect graph = rest;
  const int cap_h = c.lh(c.small);
  if (rest.h >= 3 * cap_h) {
    const std::vector<Rect> rows = draw::split_rows(
        rest, std::vector<Track>{Track::fixed(cap_h), Track::share()}, c.theme.gap / 2);
    const int threads = v.threads > 0 ? v.threads : static_cast<int>(v.core_history.size());
    std::string count;
    if (threads > 0) {
      const int cores = std::max(1, v.cores);
      const std::string t = std::to_string(threads) + (threads == 1 ? " thread" : " threads");
      const std::string both =
          cores == threads ? std::to_string(cores) + (cores == 1 ? " core" : " cores")
                           : std::to_string(cores) + (cores == 1 ? " core, " : " cores, ") + t;
      count = c.first_fitting({both, t, std::to_string(threads)}, c.small, rows[0].w / 2);
    }
    const int count_w = c.width(c.small, count);
    const std::vector<Rect> caption = draw::split_columns(
        rows[0], std::vector<Track>{Track::share(), Track::fixed(count_w)}, c.theme.gap);
    c.text("total.caption", caption[0], "Total", c.small, c.theme.muted, Align::left,
           Overflow::ellipsize);
    if (!count.empty()) c.text("threads", caption[1], count, c.small, c.theme.muted, Align::right);
    graph = rows[1];
  }
  draw::Sparkline line;
  line.name = "total.history";
  line.rect = graph;
  line.values = v.total_history;
  line.capacity = v.capacity;
  line.line = c.theme.accent;
  line.fill = draw::mix(c.theme.accent, c.theme.panel, 0.7);
  if (graph.h >= kMinGridPx) line.grid = c.theme.grid;
  line.line_width = c.theme.line_width;
  c.scene.add(std::move(line));
}

void core_graphs(Ctx& c, const Rect& in, const CpuMonitorValues& v, int n, int cols) {
  const int rows = (n + cols - 1) / cols;
  const std::vector<Track> row_tracks(static_cast<size_t>(rows), Track::share());
  const std::vector<Track> col_tracks(static_cast<size_t>(cols), Track::share());
  const draw::Grid grid(in, row_tracks, col_tracks, kCoreRowGap, 2 * c.theme.gap);
  const int label_w = c.width(c.small, std::to_string(n - 1));
  const int pct_w = c.width(c.small, "100%");
  // Column-major: processors 0, 1, 2, ... run down the first column, then the next.
  for (int i = 0; i < n; ++i) {
    const Rect cell = grid.cell(i % rows, i / rows);
    const std::vector<Rect> parts = draw::split_columns(
        cell, std::vector<Track>{Track::fixed(label_w), Track::share(), Track::fixed(pct_w)},
        c.theme.gap);
    const std::string id = std::to_string(i);
    const bool known = i < static_cast<int>(v.per_core.size()) && !std::isnan(v.per_core[i]);
    const double u = known ? v.per_core[i] : 0;
    c.text("core" + id + ".label", parts[0], id, c.small, c.theme.muted, Align::right);
    draw::Sparkline line;
    line.name = "core" + id;
    line.rect = draw::inset(parts[1], 0, 1, 0, 1);
    if (i < static_cast<int>(v.core_history.size())) line.values = v.core_history[i];
    line.capacity = v.capacity;
    line.line = c.theme.accent;
    line.fill = draw::mix(c.theme.accent, c.theme.panel, 0.7);
    line.line_width = std::max(1.0, c.theme.line_width - 0.5);
    c.scene.add(std::move(line));
    c.text("core" + id + ".percent", parts[2], known ? format_percent(u) : "--", c.small,
           known ? c.level(u) : c.theme.muted, Align::right);
  }
}

void core_bars(Ctx& c, const Rect& in, const CpuMonitorValues& v, int n) {
  // More processors than pixels: show those that fit, one pixel each.
  n = std::min(n, std::max(1, in.w));
  const int gap = in.w / n >= 6 ? 2 : in.w / n >= 3 ? 1 : 0;
  const std::vector<Track> tracks(static_cast<size_t>(n), Track::share());
  const std::vector<Rect> bars = draw::split_columns(in, tracks, gap);
  for (int i = 0; i < n; ++i) {
    const bool known = i < static_cast<int>(v.per_core.size()) && !std::isnan(v.per_core[i]);
    draw::BarGauge bar;
    bar.name = "core" + std::to_string(i);
    bar.rect = bars[static_cast<size_t>(i)];
    bar.fraction = known ? v.per_core[i] : 0;
    bar.bar = c.level(bar.fraction);
    bar.track = c.theme.grid;
    bar.vertical = true;
    c.scene.add(std::move(bar));
  }
}

// How the processors are shown in an inner area of in_w x in_h: graphs in `cols` columns of
// `rows` rows, or (graphs = false) one bar each.
struct CorePlan {
  bool graphs = false;
  int cols = 0, rows = 0;
  int height = 0;  // inner height they look best in, at most in_h
};

CorePlan plan_cores(Ctx& c, int n, int in_w, int in_h) {
  CorePlan p;
  if (n <= 0) {
    p.height = std::min(in_h, c.lh(c.small));
    return p;
  }
  const int row_h = c.lh(c.small);
  const int min_w = c.width(c.small, std::to_string(n - 1)) + c.width(c.small, "100%") +
                    kMinGraphPx + 2 * c.theme.gap;
  const int max_rows = (in_h + kCoreRowGap) / (row_h + kCoreRowGap);
  const int max_cols = (in_w + 2 * c.theme.gap) / (min_w + 2 * c.theme.gap);
  p.cols = max_rows > 0 ? (n + max_rows - 1) / max_rows : n + 1;
  p.graphs = max_rows > 0 && p.cols <= max_cols;
  if (p.graphs) {
    p.rows = (n + p.cols - 1) / p.cols;
    // Rows of one and a half lines give the graphs some height.
    p.height = std::min(in_h, p.rows * (row_h * 3 / 2) + (p.rows - 1) * kCoreRowGap);
  } else {
    p.height = std::min(in_h, std::max(3 * row_h, in_h / 2));
  }
  return p;
}

void cores(Ctx& c, const Rect& r, const CpuMonitorValues& v) {
  c.panel("cores", r);
  const Rect in = draw::inset(r, c.theme.padding);
  const int n = static_cast<int>(v.core_history.size());
  if (n == 0) {
    c.text("cores.waiting", in, "reading /proc/stat", c.small, c.theme.muted, Align::centre,
           Overflow::ellipsize);
    return;
  }
  const CorePlan plan = plan_cores(c, n, in.w, in.h);
  if (plan.graphs) {
    core_graphs(c, in, v, n, plan.cols);
  } else {
    core_bars(c, in, v, n);
  }
}

struct Tile {
  std::string name;
  std::vector<std::string> captions;  // longest first
  std::vector<std::string> values;    // longest first
  std::optional<double> level;        // the bar, 0-1; none: no bar
  Colour colour = 0;
};

std::vector<Tile> tiles(const Ctx& c, const CpuMonitorValues& v) {
  std::vector<Tile> out;
  Tile freq{"clock_rate", {"Clock", "Clk"}, {}, std::nullopt, c.theme.accent};
  if (v.mhz > 0) {
    freq.values = {format_mhz(v.mhz),
                   v.mhz >= 1000 ? fixed(v.mhz / 1000, 1) + "G" : fixed(v.mhz, 0) + "M"};
    if (v.max_mhz > 0) freq.level = v.mhz / v.max_mhz;
  } else {
    freq.values = {"n/a"};
  }
  out.push_back(std::move(freq));

  Tile temp{"temperature", {"Temp", "Tmp"}, {"n/a"}, std::nullopt, c.theme.good};
  if (v.temperature_c) {
    const double t = *v.temperature_c;
    temp.values = {fixed(t, 0) + " \u00B0C", fixed(t, 0) + "\u00B0"};
    temp.level = t / 100;
    temp.colour = t < kWarmC ? c.theme.good : t < kHotC ? c.theme.warn : c.theme.bad;
  }
  out.push_back(std::move(temp));

  Tile mem{"memory", {"Memory", "Mem"}, {"n/a"}, std::nullopt, c.theme.good};
  if (v.memory.total > 0) {
    const double used = static_cast<double>(v.memory.used());
    const double total = static_cast<double>(v.memory.total);
    const double gib = 1024.0 * 1024 * 1024;
    // Small boards (512 MB) in MB, the rest in GB with the used part to a tenth.
    const bool mb = total < 2 * gib;
    const double unit = mb ? gib / 1024 : gib;
    const std::string u = fixed(used / unit, mb ? 0 : 1), t = fixed(total / unit, mb ? 0 : 1);
    const std::string t0 = fixed(total / unit, 0);
    const char* suffix = mb ? "M" : "G";
    mem.values = {u + " / " + t + (mb ? " MB" : " GB"), u + "/" + t + suffix, u + "/" + t0 + suffix,
                  format_percent(used / total)};
    mem.level = used / total;
    mem.colour = c.level(used / total);
  }
  out.push_back(std::move(mem));

  const double threads = std::max(1, v.threads);
  Tile load{"load",
            {"Load", "Ld"},
            {fixed(v.load.one, 2) + " " + fixed(v.load.five, 2) + " " + fixed(v.load.fifteen, 2),
             fixed(v.load.one, 2) + " " + fixed(v.load.five, 2), fixed(v.load.one, 2),
             fixed(v.load.one, 1)},
            v.load.one / threads,
            c.level(v.load.one / threads)};
  out.push_back(std::move(load));
  return out;
}

// A tile: caption (unless there is no room), value, level bar.
int tile_height(Ctx& c, bool captions) {
  return 2 * c.theme.padding + (captions ? c.lh(c.small) : 0) + c.lh(c.body) + kBarPx + 1;
}

// The four tiles in one row, or in two on a tall panel, where the height is to spare and the
// width is not.
void footer(Ctx& c, const Rect& r, const CpuMonitorValues& v, int tile_rows, bool captions) {
  const std::vector<Tile> all = tiles(c, v);
  const int per_row = static_cast<int>(all.size()) / tile_rows;
  const std::vector<Track> grid_rows(static_cast<size_t>(tile_rows), Track::share());
  const std::vector<Track> grid_cols(static_cast<size_t>(per_row), Track::share());
  const draw::Grid grid(r, grid_rows, grid_cols, c.theme.gap, c.theme.gap);
  for (size_t i = 0; i < all.size(); ++i) {
    const Tile& t = all[i];
    const int k = static_cast<int>(i);
    const Rect box = grid.cell(k / per_row, k % per_row);
    c.panel(t.name, box);
    const Rect in = draw::inset(box, c.theme.padding);
    const std::vector<Rect> rows =
        draw::split_rows(in,
                         std::vector<Track>{Track::fixed(captions ? c.lh(c.small) : 0),
                                            Track::share(), Track::fixed(kBarPx)},
                         0);
    if (captions) {
      c.text(t.name + ".caption", rows[0], c.first_fitting(t.captions, c.small, rows[0].w), c.small,
             c.theme.muted, Align::left, Overflow::ellipsize);
    }
    c.text(t.name, rows[1], c.first_fitting(t.values, c.body, rows[1].w), c.body, c.theme.text,
           Align::left, Overflow::ellipsize);
    if (t.level) {
      draw::BarGauge bar;
      bar.name = t.name + ".bar";
      bar.rect = rows[2];
      bar.fraction = *t.level;
      bar.bar = t.colour;
      bar.track = c.theme.grid;
      bar.radius = kBarPx / 2;
      c.scene.add(std::move(bar));
    }
  }
}

}  // namespace

draw::Scene layout_cpu(const CpuMonitorValues& v, const LocalTime& time, int width, int height,
                       const draw::Theme& theme, draw::Typesetter& typesetter) {
  draw::Scene scene(width, height);
  scene.add(draw::FillItem{{0, 0, width, height}, theme.background});
  // Theme sizes are for 320x240; other panels scale them by area, but a narrow or low panel
  // never gets text too large for its short side.
  const double scale = std::min({std::sqrt(width * static_cast<double>(height) / (320.0 * 240.0)),
                                 width / 200.0, height / 150.0});
  Ctx c{scene,
        theme,
        typesetter,
        theme.font(draw::FontRole::title, scale),
        theme.font(draw::FontRole::body, scale),
        theme.font(draw::FontRole::small, scale)};
  const Rect area = draw::inset({0, 0, width, height}, theme.gap);
  // Heights: the header and tiles take what their text needs, the processors what their graphs
  // need (up to their share), and the overview the rest. On a very low panel the tiles lose
  // their captions, and then the processors their panel.
  const int header_h = c.lh(c.title);
  const int tile_rows = height > width * 23 / 20 ? 2 : 1;  // taller than 20:23
  const int n = static_cast<int>(v.core_history.size());
  const int pad2 = 2 * theme.padding;
  const int overview_min = pad2 + c.lh(c.body);
  const int cores_min = pad2 + c.lh(c.small);
  const auto room = [&](bool captions) {  // for the overview and the processors, with a gap
    const int footer_h = tile_rows * tile_height(c, captions) + (tile_rows - 1) * theme.gap;
    return area.h - header_h - footer_h - 3 * theme.gap;
  };
  const bool captions = room(true) >= overview_min + cores_min;
  const bool show_cores = room(captions) >= overview_min + cores_min;
  const int footer_h = tile_rows * tile_height(c, captions) + (tile_rows - 1) * theme.gap;
  const int avail = std::max(0, room(captions));
  std::vector<Track> tracks{Track::fixed(header_h), Track::share()};
  if (show_cores) {
    const int share = std::min(avail * 3 / 5, avail - overview_min);
    const int cores_h = std::clamp(plan_cores(c, n, area.w - pad2, share - pad2).height + pad2,
                                   cores_min, avail - overview_min);
    tracks.push_back(Track::fixed(cores_h));
  }
  tracks.push_back(Track::fixed(footer_h));
  const std::vector<Rect> rows = draw::split_rows(area, tracks, theme.gap);
  header(c, rows[0], v, time);
  overview(c, rows[1], v);
  if (show_cores) cores(c, rows[2], v);
  footer(c, rows.back(), v, tile_rows, captions);
  return scene;
}

}  // namespace tfts::source
