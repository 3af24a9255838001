#include "panel_painter.h"

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

}  // namespace

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

}  // namespace tfts::prom
