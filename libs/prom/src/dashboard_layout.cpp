#include "tfts/prom/dashboard_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "tfts/draw/grid.h"
#include "tfts/prom/unit_format.h"

namespace tfts::prom {
namespace {

using core::Rect;
using draw::Align;
using draw::Colour;
using draw::Font;
using draw::Overflow;
using draw::Track;

constexpr double kTint = 0.7;      // a sparkline's fill: its line colour mixed into the panel
constexpr int kMinRingPx = 16;     // a smaller ring is a dot
constexpr int kMinBarPx = 12;      // a shorter bar shows no level worth reading
constexpr int kBarPx = 6;          // bar thickness at 320x240
constexpr int kMinGridPx = 24;     // grid lines in a flatter graph are clutter
constexpr int kMaxValueScale = 3;  // value panels: up to three times the title size
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Ctx {
  draw::Scene& scene;
  const draw::Theme& theme;
  draw::Typesetter& ts;
  Font title, body, small;
  double scale;

  int lh(const Font& f) { return ts.line_height(f); }
  int width(const Font& f, std::string_view s) { return ts.measure(f, s).width; }
  void text(std::string name, const Rect& box, std::string_view s, const Font& f, Colour colour,
            Align align = Align::left, Overflow overflow = Overflow::must_fit) {
    scene.add(draw::layout_text(ts, std::move(name), box, s, f, colour, align, overflow));
  }
  // Optional text (titles, legends): shortened to fit, left out where not one letter fits.
  void text_if_room(std::string name, const Rect& box, std::string_view s, const Font& f,
                    Colour colour, Align align = Align::left) {
    if (s.empty() || box.w <= 0) return;
    draw::TextRun run = draw::layout_text(ts, std::move(name), box, s, f, colour, align);
    if (!(run.ellipsized && run.text == "\u2026")) scene.add(std::move(run));
  }
  // The first of `forms` no wider than `w`; "" if none is.
  std::string fitting(const std::vector<std::string>& forms, const Font& f, int w) {
    for (const std::string& s : forms) {
      if (width(f, s) <= w) return s;
    }
    return {};
  }
  void panel(std::string name, const Rect& r, Colour fill) {
    draw::PanelItem p;
    p.name = std::move(name);
    p.rect = r;
    p.fill = fill;
    p.radius = std::min(theme.radius, r.h / 2);
    scene.add(std::move(p));
  }
  // The theme colour that reads best on `bg` (text on a red badge or banner).
  Colour on(Colour bg) const {
    const auto luma = [](Colour x) {
      return 0.299 * (x >> 16 & 0xFF) + 0.587 * (x >> 8 & 0xFF) + 0.114 * (x & 0xFF);
    };
    return std::fabs(luma(theme.text) - luma(bg)) >= std::fabs(luma(theme.background) - luma(bg))
               ? theme.text
               : theme.background;
  }
};

// One panel resolved from its spec, its data and the time: everything drawing needs.
struct View {
  std::string id;  // "panel[3]"
  const PanelSpec& spec;
  const PanelData& data;
  bool stale = false;
  Colour colour = 0;  // graphs and value panels: the panel's colour, muted when stale
  Colour text = 0;    // values in text: theme text, muted when stale
  Colour track = 0;   // under gauges and bars: the grid colour, unless muted would vanish in it

  // "panel[3].value", and for series k >= 1 (or always, with `indexed`) "panel[3].value[k]".
  std::string name(std::string_view part, size_t k = 0, bool indexed = false) const {
    std::string s = id;
    (s += '.') += part;
    if (k > 0 || indexed) ((s += '[') += std::to_string(k)) += ']';
    return s;
  }
};

Colour panel_colour(const PanelSpec& p, const draw::Theme& t) {
  if (p.colour) return *p.colour;
  const Colour by_name[] = {t.accent, t.good, t.warn, t.bad, t.text, t.muted};  // ThemeColour
  return by_name[static_cast<size_t>(p.theme_colour.value_or(ThemeColour::accent))];
}

// Further series of a sparkline in other theme colours than the panel's own.
Colour series_colour(const View& v, size_t k, const draw::Theme& t) {
  if (k == 0 || v.stale) return v.colour;
  std::vector<Colour> others;
  for (Colour c : {t.good, t.warn, t.bad, t.accent, t.text}) {
    if (c != v.colour) others.push_back(c);
  }
  return others[(k - 1) % others.size()];
}

double latest(const Series& s) { return s.values.empty() ? kNaN : s.values.back(); }

// Series k's total: the total series of the same name, else the only one, else the k-th.
double total_for(const PanelData& d, size_t k) {
  const std::string& name = d.series[k].name;
  for (const Series& t : d.totals) {
    if (t.name == name) return latest(t);
  }
  if (d.totals.size() == 1) return latest(d.totals[0]);
  return k < d.totals.size() ? latest(d.totals[k]) : kNaN;
}

std::string value_text(const View& v, size_t k, bool with_total) {
  std::string s = format_value(latest(v.data.series[k]), v.spec.unit, v.spec.suffix);
  const double total = v.spec.total_query.empty() ? kNaN : total_for(v.data, k);
  if (with_total && std::isfinite(total)) {
    s += " / ";
    s += format_value(total, v.spec.unit, v.spec.suffix);
  }
  return s;
}

// The scale of series k (docs/prometheus.md): min/max, else 0..100 %, else 0..total, else
// 0..the largest value shown (all of a sparkline's history).
std::pair<double, double> scale_of(const View& v, size_t k, bool history) {
  const double lo = v.spec.min.value_or(0);
  double hi = kNaN;
  if (v.spec.max) {
    hi = *v.spec.max;
  } else if (v.spec.unit == Unit::percent) {
    hi = 100;
  } else if (!v.spec.total_query.empty()) {
    hi = total_for(v.data, k);
  }
  if (!std::isfinite(hi)) {
    for (const Series& s : v.data.series) {
      for (size_t i = history ? 0 : s.values.size() - std::min<size_t>(1, s.values.size());
           i < s.values.size(); ++i) {
        if (std::isfinite(s.values[i]) && !(s.values[i] <= hi)) hi = s.values[i];
      }
    }
  }
  return {lo, std::isfinite(hi) && hi > lo ? hi : lo + 1};
}

double fraction(const View& v, size_t k) {
  const auto [lo, hi] = scale_of(v, k, false);
  const double f = (latest(v.data.series[k]) - lo) / (hi - lo);
  return std::isfinite(f) ? std::clamp(f, 0.0, 1.0) : 0;
}

// `forms` in the largest font from the title's family that fits `box`, from kMaxValueScale
// times the title size down to the small size; the last form shortened if none fits.
void big_text(Ctx& c, const View& v, const Rect& box, const std::vector<std::string>& forms,
              Colour colour) {
  Font f = c.title;
  for (const std::string& s : forms) {
    int lo = c.small.px, hi = std::max(lo, std::min(kMaxValueScale * c.title.px, box.h));
    const auto fits = [&](int px) {
      f.px = px;
      return c.lh(f) <= box.h && c.width(f, s) <= box.w;
    };
    if (!fits(lo)) continue;
    while (lo < hi) {  // the largest size that fits: fits() is monotonic in px
      const int mid = (lo + hi + 1) / 2;
      const bool ok = fits(mid);
      lo = ok ? mid : lo;
      hi = ok ? hi : mid - 1;
    }
    f.px = lo;
    c.text(v.name("value"), box, s, f, colour);
    return;
  }
  c.text(v.name("value"), box, forms.back(), c.small, colour, Align::left, Overflow::ellipsize);
}

// What a panel without values says instead: "waiting", "no data"; nothing when it has values
// (or an error, which has a badge).
std::vector<std::string> message_forms(const View& v) {
  if (v.data.state == PanelState::pending) return {"waiting", "\u2026"};
  if (v.data.state == PanelState::error) return {};
  if (v.data.state == PanelState::no_data || v.data.series.empty()) return {"no data", "\u2013"};
  return {};
}

// "waiting", "no data": muted, in the body font where it fits.
void message(Ctx& c, const View& v, const Rect& box, const std::vector<std::string>& forms) {
  const Font& f =
      c.lh(c.body) <= box.h && !c.fitting(forms, c.body, box.w).empty() ? c.body : c.small;
  const std::string s = c.fitting(forms, f, box.w);
  c.text(v.name("value"), box, s.empty() ? forms.back() : s, f, c.theme.muted, Align::left,
         Overflow::ellipsize);
}

void badge(Ctx& c, const View& v, const Rect& box) {
  const int h = std::min(box.h, c.lh(c.small) + 2);
  const Rect r{box.x, box.y + (box.h - h) / 2, box.w, h};
  c.panel(v.name("badge"), r, c.theme.bad);
  const int pad = std::max(1, c.theme.padding / 2);
  c.text(v.name("badge"), draw::inset(r, pad, 0, pad, 0),
         v.data.error.empty() ? "query failed" : v.data.error, c.small, c.on(c.theme.bad),
         Align::left, Overflow::ellipsize);
}

void gauge(Ctx& c, const View& v, const Rect& b) {
  draw::RingGauge ring;
  ring.name = v.name("gauge");
  ring.fraction = fraction(v, 0);
  ring.ring = v.colour;
  ring.track = v.track;
  const std::string s = value_text(v, 0, false);
  const int size = std::min(b.w, b.h);
  ring.rect = {b.x + (b.w - size) / 2, b.y + (b.h - size) / 2, size, size};
  ring.thickness = std::max(3, size / 9);
  const Rect hole = ring.hole();
  for (const Font* f : {&c.title, &c.body, &c.small}) {
    const int lh = c.lh(*f);
    if (size < kMinRingPx || c.width(*f, s) > hole.w || lh > hole.h) continue;
    c.scene.add(ring);
    c.text(v.name("value"), {hole.x, hole.y + (hole.h - lh) / 2, hole.w, lh}, s, *f, v.text,
           Align::centre);
    return;
  }
  // Too small a hole for the value: the ring on the left, the value beside it.
  ring.rect = {b.x, b.y, b.h, b.h};
  ring.thickness = std::max(2, b.h / 6);
  const Rect rest = draw::inset(b, b.h + c.theme.gap, 0, 0, 0);
  for (const Font* f : {&c.title, &c.body, &c.small}) {
    if (b.h < kMinRingPx || c.width(*f, s) > rest.w || c.lh(*f) > rest.h) continue;
    c.scene.add(ring);
    c.text(v.name("value"), rest, s, *f, v.text);
    return;
  }
  big_text(c, v, b, {s}, v.colour);
}

void bars(Ctx& c, const View& v, const Rect& b) {
  const size_t n = v.data.series.size();
  const int bar_px = std::max(3, static_cast<int>(std::lround(kBarPx * c.scale)));
  draw::BarGauge bar;
  bar.bar = v.colour;
  bar.track = v.track;
  if (n == 1) {  // the value above one bar, "3.17 GiB / 7.77 GiB" with a total
    const Font& f = c.lh(c.body) + 2 + 3 <= b.h ? c.body : c.small;
    const int lh = c.lh(f);
    const int h = std::clamp(b.h - lh - 2, 0, bar_px);
    const int y = b.y + (b.h - lh - 2 - h) / 2;
    const std::vector<std::string> forms{value_text(v, 0, true), value_text(v, 0, false)};
    const std::string s = c.fitting(forms, f, b.w);
    c.text(v.name("value"), {b.x, y, b.w, lh}, s.empty() ? forms.back() : s, f, v.text, Align::left,
           Overflow::ellipsize);
    bar.name = v.name("bar", 0, true);
    bar.rect = {b.x, y + lh + 2, b.w, h};
    bar.fraction = fraction(v, 0);
    bar.radius = h / 2;
    if (h >= 3) c.scene.add(bar);
    return;
  }
  // One row per series: legend, bar, value; as many rows as fit.
  const int rh = c.lh(c.small), gap = 2;
  const size_t shown = std::min(n, static_cast<size_t>(std::max(1, (b.h + gap) / (rh + gap))));
  int name_w = 0, value_w = 0;
  for (size_t k = 0; k < shown; ++k) {
    name_w = std::max(name_w, c.width(c.small, v.data.series[k].name));
    value_w = std::max(value_w, c.width(c.small, value_text(v, k, false)));
  }
  name_w = std::min(name_w, b.w / 3);
  if (b.w - name_w - value_w - 2 * c.theme.gap < kMinBarPx) name_w = 0;
  const std::vector<Track> tracks{Track::fixed(name_w), Track::share(), Track::fixed(value_w)};
  const int top = b.y + (b.h - static_cast<int>(shown) * (rh + gap) + gap) / 2;
  for (size_t k = 0; k < shown; ++k) {
    const Rect row{b.x, top + static_cast<int>(k) * (rh + gap), b.w, rh};
    const std::vector<Rect> cols = draw::split_columns(row, tracks, c.theme.gap);
    if (name_w > 0) {
      c.text_if_room(v.name("legend", k, true), cols[0], v.data.series[k].name, c.small,
                     c.theme.muted);
    }
    if (cols[1].w >= kMinBarPx) {
      bar.name = v.name("bar", k, true);
      const int h = std::min(rh, bar_px);
      bar.rect = {cols[1].x, row.y + (rh - h) / 2, cols[1].w, h};
      bar.fraction = fraction(v, k);
      bar.radius = h / 2;
      c.scene.add(bar);
    }
    c.text(v.name("value", k), cols[2], value_text(v, k, false), c.small, v.text, Align::right,
           Overflow::ellipsize);
  }
}

void sparklines(Ctx& c, const View& v, const Rect& b) {
  const size_t n = v.data.series.size();
  // Rows touch: a line of small text each is all they need, and two series fit a panel of
  // one grid row at 320x240.
  const int min_h = c.lh(c.small);
  const size_t shown = std::min(n, static_cast<size_t>(std::max(1, b.h / min_h)));
  const std::vector<Track> rows(shown, Track::share());
  const std::vector<Rect> boxes = draw::split_rows(b, rows, 0);
  const Font& f = shown == 1 && c.lh(c.body) <= b.h ? c.body : c.small;
  // Series names only where there are several, and only if they leave the graphs room.
  const auto label = [&](size_t k, bool named) {
    std::string s = named ? v.data.series[k].name : std::string();
    if (!s.empty()) s += ' ';
    return s + value_text(v, k, false);
  };
  const auto widest = [&](bool named) {
    int w = 0;
    for (size_t k = 0; k < shown; ++k) w = std::max(w, c.width(f, label(k, named)));
    return w;
  };
  bool named = n > 1;
  int text_w = widest(named);
  if (named && text_w > b.w / 2) {
    named = false;
    text_w = widest(false);
  }
  const auto [lo, hi] = scale_of(v, 0, true);
  for (size_t k = 0; k < shown; ++k) {
    const Series& s = v.data.series[k];
    const std::vector<Rect> cols = draw::split_columns(
        boxes[k], std::vector<Track>{Track::share(), Track::fixed(text_w)}, c.theme.gap);
    const Colour colour = series_colour(v, k, c.theme);
    draw::Sparkline line;
    line.name = v.name("sparkline", k, true);
    line.rect = cols[0];
    line.values.assign(s.values.begin(), s.values.end());
    // As many points as the range holds at the answer's step, so a short history stays right.
    const double step =
        s.times.size() >= 2 ? (s.times.back() - s.times.front()) / double(s.times.size() - 1) : 0;
    const double points = step > 0 ? v.spec.range_s / step + 1 : 0;
    line.capacity =
        std::max({2, static_cast<int>(s.values.size()), static_cast<int>(std::min(points, 1e5))});
    line.min = static_cast<float>(lo);
    line.max = static_cast<float>(hi);
    line.line = colour;
    line.fill = draw::mix(colour, c.theme.panel, kTint);
    if (line.rect.h >= kMinGridPx) line.grid = c.theme.grid;
    line.line_width = c.theme.line_width;
    if (line.rect.w >= kMinBarPx) c.scene.add(std::move(line));
    c.text(v.name("value", k), cols[1], label(k, named), f, colour, Align::right,
           Overflow::ellipsize);
  }
}

void body(Ctx& c, const View& v, const Rect& b) {
  if (v.data.state == PanelState::error) return badge(c, v, b);
  if (const std::vector<std::string> forms = message_forms(v); !forms.empty()) {
    return message(c, v, b, forms);
  }
  switch (v.spec.kind) {
    case PanelKind::value:
      return big_text(c, v, b, {value_text(v, 0, true), value_text(v, 0, false)}, v.colour);
    case PanelKind::gauge:
      return gauge(c, v, b);
    case PanelKind::bar:
      return bars(c, v, b);
    case PanelKind::sparkline:
      return sparklines(c, v, b);
  }
}

std::string age_of(const View& v, double now) {
  return v.stale ? format_duration(now - v.data.fetched_at) : std::string();
}

// A panel too low for a title above its content: one line of title, age and value.
void compact(Ctx& c, const View& v, const Rect& cell, double now) {
  const int lh = c.lh(c.small);
  const int pad_v = std::clamp((cell.h - lh) / 2, 0, c.theme.padding);
  const Rect in = draw::inset(cell, c.theme.padding, pad_v, c.theme.padding, pad_v);
  Rect rest = in;
  if (v.data.state == PanelState::error) {
    // The reason matters more than the title: the title only where it fits in a third.
    const int title_w =
        c.width(c.small, v.spec.title) <= in.w / 3 ? c.width(c.small, v.spec.title) : 0;
    badge(c, v, draw::inset(in, title_w > 0 ? title_w + c.theme.gap : 0, 0, 0, 0));
    rest.w = title_w;
  } else {
    std::vector<std::string> forms = message_forms(v);
    Colour colour = c.theme.muted;
    if (forms.empty()) {
      forms = {value_text(v, 0, true), value_text(v, 0, false)};
      colour = v.spec.kind == PanelKind::value ? v.colour : v.text;
    }
    std::string s = c.fitting(forms, c.small, in.w);
    if (s.empty()) s = forms.back();
    const int w = std::min(in.w, c.width(c.small, s));
    c.text(v.name("value"), {in.right() - w, in.y, w, in.h}, s, c.small, colour, Align::right,
           Overflow::ellipsize);
    rest.w = in.w - w - c.theme.gap;
    const std::string age = age_of(v, now);
    const int age_w = c.width(c.small, age);
    if (v.stale && c.width(c.small, v.spec.title) + c.theme.gap + age_w <= rest.w) {
      c.text(v.name("age"), {rest.right() - age_w, in.y, age_w, in.h}, age, c.small, c.theme.muted);
      rest.w -= age_w + c.theme.gap;
    }
  }
  c.text_if_room(v.name("title"), rest, v.spec.title, c.small, c.theme.muted);
}

void draw_panel(Ctx& c, const View& v, const Rect& cell, double now) {
  c.panel(v.id, cell, c.theme.panel);
  const int lh = c.lh(c.small), gap = std::max(1, c.theme.gap / 2);
  const Rect in = draw::inset(cell, c.theme.padding);
  if (in.h < 2 * lh + gap) return compact(c, v, cell, now);
  const std::vector<Rect> rows =
      draw::split_rows(in, std::vector<Track>{Track::fixed(lh), Track::share()}, gap);
  Rect title = rows[0];
  if (v.stale) {  // the age on the right of the title row
    const std::string age = age_of(v, now);
    const int title_w = c.width(c.small, v.spec.title);
    const int min_title_w = std::min(title_w, c.width(c.small, "Mm\u2026"));
    // The long form beside the whole title, else the short one beside a few of its letters.
    std::string s = c.fitting({"stale " + age, age}, c.small, title.w - title_w - c.theme.gap);
    if (s.empty()) s = c.fitting({age}, c.small, title.w - min_title_w - c.theme.gap);
    const int w = c.width(c.small, s);
    if (!s.empty()) {
      c.text(v.name("age"), {title.right() - w, title.y, w, title.h}, s, c.small, c.theme.muted);
      title.w -= w + c.theme.gap;
    }
  }
  c.text_if_room(v.name("title"), title, v.spec.title, c.small, c.theme.muted);
  body(c, v, rows[1]);
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
