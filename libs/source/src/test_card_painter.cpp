#include "test_card_painter.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>

namespace tfts::source {
namespace {

// The layout is drawn on a grid of square cells, kRows of them from top to bottom; every
// position below is in cells, so the card keeps its proportions at any size.
constexpr double kRows = 12;
constexpr double kPi = std::numbers::pi;

constexpr uint32_t kBackground = 0x181818;
constexpr uint32_t kGridLine = 0x505050;
constexpr uint32_t kPanel = 0x000000;  // title band and clock box
constexpr uint32_t kPanelEdge = 0x707070;
constexpr uint32_t kText = 0xFFFFFF;
constexpr uint32_t kInfoText = 0xFFD040;  // amber: apart from the white clock at a glance

// Full-intensity bars in the classic order (falling luminance). Full rather than the broadcast
// 75%: exact 0x00/0xFF channels survive RGB565, so a swapped or missing channel shows plainly.
constexpr uint32_t kBars[] = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00,
                              0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};
constexpr int kGreySteps = 16;  // 16 steps of 17: 0x00, 0x11, ..., 0xFF

// Ball periods in seconds (there and back). Unequal, so the ball sweeps the whole area.
constexpr double kBallPeriodX = 4.0;
constexpr double kBallPeriodY = 2.6;

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
};

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(cairo_pattern_t* p) const { cairo_pattern_destroy(p); }
};
using Context = std::unique_ptr<cairo_t, CairoDeleter>;
using Surface = std::unique_ptr<cairo_surface_t, CairoDeleter>;
using Pattern = std::unique_ptr<cairo_pattern_t, CairoDeleter>;

double channel(uint32_t rgb, int shift) { return ((rgb >> shift) & 0xFFu) / 255.0; }

void set_colour(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, channel(rgb, 16), channel(rgb, 8), channel(rgb, 0));
}

// Rounded to whole pixels: the bars and steps must be exact colours, without anti-aliased edges.
void fill_box(cairo_t* cr, const Box& b, uint32_t rgb) {
  const double x0 = std::round(b.x), y0 = std::round(b.y);
  cairo_rectangle(cr, x0, y0, std::round(b.x + b.w) - x0, std::round(b.y + b.h) - y0);
  set_colour(cr, rgb);
  cairo_fill(cr);
}

// A line of odd width is sharp only on a half-pixel centre, one of even width on a whole one.
double snap(double v, double line_width) {
  const bool odd = static_cast<long>(std::lround(line_width)) % 2 == 1;
  return std::round(v) + (odd ? 0.5 : 0.0);
}

void rounded_box(cairo_t* cr, const Box& b, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, b.x + b.w - r, b.y + r, r, -kPi / 2, 0);
  cairo_arc(cr, b.x + b.w - r, b.y + b.h - r, r, 0, kPi / 2);
  cairo_arc(cr, b.x + r, b.y + b.h - r, r, kPi / 2, kPi);
  cairo_arc(cr, b.x + r, b.y + r, r, kPi, 3 * kPi / 2);
  cairo_close_path(cr);
}

// Draws `text` centred on (cx, cy), shrunk to fit `max_width`. Centred by advance, not ink, so
// changing digits in a monospace font do not make the line jitter.
void centred_text(cairo_t* cr, const char* text, const char* family, double size, double cx,
                  double cy, double max_width, uint32_t rgb) {
  // The toy API is enough for a few labels; fontconfig resolves the family (fonts-dejavu-core).
  cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text, &ext);
  if (ext.x_advance > max_width && ext.x_advance > 0) {
    cairo_set_font_size(cr, size * max_width / ext.x_advance);
    cairo_text_extents(cr, text, &ext);
  }
  cairo_move_to(cr, std::round(cx - ext.x_advance / 2),
                std::round(cy - ext.y_bearing - ext.height / 2));
  set_colour(cr, rgb);
  cairo_show_text(cr, text);
}

// 0 -> 1 -> 0 over one period: a constant-speed bounce between two walls.
double triangle(double t, double period) {
  const double phase = t / period - std::floor(t / period);
  return 1.0 - std::fabs(2.0 * phase - 1.0);
}

struct Layout {
  double w = 0, h = 0;
  double cell = 0;    // grid pitch
  double line = 1;    // grid, circle and border line width
  double margin = 0;  // left and right of the bars, ramps and title
  double circle_x = 0, circle_y = 0, circle_r = 0;
  Box title, bars, steps, ramps[3], clock_box, ball_area;
};

Layout make_layout(int width, int height) {
  Layout l;
  l.w = width;
  l.h = height;
  l.cell = l.h / kRows;
  l.line = std::max(1.0, std::round(l.cell / 20));
  const double margin = std::round(std::min(l.cell, l.w / 16));
  const double inner = l.w - 2 * margin;
  l.margin = margin;
  const double c = l.cell;
  l.title = {0, 0, l.w, 1.2 * c};
  l.bars = {margin, 1.5 * c, inner, 2.5 * c};
  l.steps = {margin, 4.0 * c, inner, 0.75 * c};
  for (int i = 0; i < 3; ++i) l.ramps[i] = {margin, (4.75 + 0.5 * i) * c, inner, 0.5 * c};
  const double clock_w = std::min(inner, 10.0 * c);
  l.clock_box = {(l.w - clock_w) / 2, 7.0 * c, clock_w, 3.4 * c};
  l.ball_area = {l.line, 6.5 * c, l.w - 2 * l.line, l.h - 6.5 * c - l.line};
  // Below the title band, so that the whole circle shows.
  l.circle_x = l.w / 2;
  l.circle_y = (l.title.h + l.h) / 2;
  l.circle_r = std::min(l.w, l.h - l.title.h) / 2 - 4 * l.line;
  return l;
}

void paint_grid(cairo_t* cr, const Layout& l) {
  fill_box(cr, {0, 0, l.w, l.h}, kBackground);
  cairo_set_line_width(cr, l.line);
  // From the centre outwards, so the grid is symmetric whatever the aspect ratio.
  const double cx = l.w / 2, cy = l.h / 2;
  const int nx = static_cast<int>(cx / l.cell), ny = static_cast<int>(cy / l.cell);
  for (int i = -nx; i <= nx; ++i) {
    const double x = snap(cx + i * l.cell, l.line);
    cairo_move_to(cr, x, 0);
    cairo_line_to(cr, x, l.h);
  }
  for (int i = -ny; i <= ny; ++i) {
    const double y = snap(cy + i * l.cell, l.line);
    cairo_move_to(cr, 0, y);
    cairo_line_to(cr, l.w, y);
  }
  set_colour(cr, kGridLine);
  cairo_stroke(cr);
}

void paint_bars_and_ramps(cairo_t* cr, const Layout& l) {
  constexpr int kBarCount = static_cast<int>(std::size(kBars));
  const double bar_w = l.bars.w / kBarCount;
  for (int i = 0; i < kBarCount; ++i) {
    fill_box(cr, {l.bars.x + i * bar_w, l.bars.y, bar_w, l.bars.h}, kBars[i]);
  }
  const double step_w = l.steps.w / kGreySteps;
  for (int i = 0; i < kGreySteps; ++i) {
    const auto v = static_cast<uint32_t>(i * 255 / (kGreySteps - 1));
    fill_box(cr, {l.steps.x + i * step_w, l.steps.y, step_w, l.steps.h}, v * 0x010101u);
  }
  constexpr uint32_t kRampEnds[3] = {0xFF0000, 0x00FF00, 0x0000FF};
  for (int i = 0; i < 3; ++i) {
    const Box& b = l.ramps[i];
    Pattern ramp(cairo_pattern_create_linear(b.x, 0, b.x + b.w, 0));
    cairo_pattern_add_color_stop_rgb(ramp.get(), 0, 0, 0, 0);
    cairo_pattern_add_color_stop_rgb(ramp.get(), 1, channel(kRampEnds[i], 16),
                                     channel(kRampEnds[i], 8), channel(kRampEnds[i], 0));
    const double x0 = std::round(b.x), y0 = std::round(b.y);
    cairo_rectangle(cr, x0, y0, std::round(b.x + b.w) - x0, std::round(b.y + b.h) - y0);
    cairo_set_source(cr, ramp.get());
    cairo_fill(cr);
  }
}

// A circle is the quickest test of aspect ratio: a panel or a resize that stretches shows an
// ellipse. Dark underlay, so the line stays visible on the white and yellow bars.
void paint_circle(cairo_t* cr, const Layout& l) {
  cairo_arc(cr, l.circle_x, l.circle_y, l.circle_r, 0, 2 * kPi);
  cairo_set_line_width(cr, 3 * l.line);
  set_colour(cr, 0x000000);
  cairo_stroke_preserve(cr);
  cairo_set_line_width(cr, l.line);
  set_colour(cr, 0xFFFFFF);
  cairo_stroke(cr);
}

void paint_ball(cairo_t* cr, const Layout& l, double t) {
  const Box& a = l.ball_area;
  const double r = std::max(2.0, 0.6 * l.cell);
  const double x =
      a.x + r + std::max(0.0, a.w - 2 * r) * triangle(t + 0.4 * kBallPeriodX, kBallPeriodX);
  const double y = a.y + r + std::max(0.0, a.h - 2 * r) * triangle(t, kBallPeriodY);
  // Lit from the upper left: reads as a ball, not a disc, and its shading tests gradients too.
  Pattern shade(cairo_pattern_create_radial(x - 0.35 * r, y - 0.35 * r, 0.1 * r, x, y, r));
  cairo_pattern_add_color_stop_rgb(shade.get(), 0, 1.0, 0.97, 0.80);
  cairo_pattern_add_color_stop_rgb(shade.get(), 0.45, 1.0, 0.55, 0.05);
  cairo_pattern_add_color_stop_rgb(shade.get(), 1, 0.55, 0.18, 0.0);
  cairo_arc(cr, x, y, r, 0, 2 * kPi);
  cairo_set_source(cr, shade.get());
  cairo_fill(cr);
}

void paint_text(cairo_t* cr, const Layout& l, const TestCardState& s) {
  fill_box(cr, l.title, kPanel);
  const double c = l.cell;
  centred_text(cr, "tftstream test card", "DejaVu Sans", 0.72 * c, l.w / 2,
               l.title.y + l.title.h / 2, l.w - 2 * l.margin, kText);

  const Box& b = l.clock_box;
  rounded_box(cr, b, 0.3 * c);
  set_colour(cr, kPanel);
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, l.line);
  set_colour(cr, kPanelEdge);
  cairo_stroke(cr);

  char clock[16];
  std::snprintf(clock, sizeof clock, "%02d:%02d:%02d", s.hour, s.minute, s.second);
  centred_text(cr, clock, "DejaVu Sans Mono", 1.6 * c, l.w / 2, b.y + 1.3 * c, b.w - 0.5 * c,
               kText);
  char info[48];
  std::snprintf(info, sizeof info, "frame %06lld  %6.2f s", static_cast<long long>(s.frame),
                s.elapsed_s);
  centred_text(cr, info, "DejaVu Sans Mono", 0.7 * c, l.w / 2, b.y + 2.65 * c, b.w - 0.5 * c,
               kInfoText);
}

// Last, over everything: a missing row or column at a panel's edge (a wrong offset in the
// driver) shows as a missing side of the frame.
void paint_border(cairo_t* cr, const Layout& l) {
  cairo_rectangle(cr, l.line / 2, l.line / 2, l.w - l.line, l.h - l.line);
  cairo_set_line_width(cr, l.line);
  set_colour(cr, 0xFFFFFF);
  cairo_stroke(cr);
}

}  // namespace

bool paint_test_card(core::RgbPlane& frame, int width, int height, const TestCardState& state,
                     std::string& error) {
  if (frame.width() != width || frame.height() != height) frame = core::RgbPlane(width, height);
  // Cairo's RGB24 is our layout (a native 32-bit 0x??RRGGBB word per pixel), so it draws straight
  // into the frame. Its rows are 4-byte aligned, which a row of 32-bit pixels always is.
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, width);
  if (stride != width * 4) {
    error = "test card: unexpected Cairo stride for width " + std::to_string(width);
    return false;
  }
  Surface surface(cairo_image_surface_create_for_data(
      reinterpret_cast<unsigned char*>(frame.data()), CAIRO_FORMAT_RGB24, width, height, stride));
  Context cr(cairo_create(surface.get()));

  const Layout layout = make_layout(width, height);
  paint_grid(cr.get(), layout);
  paint_bars_and_ramps(cr.get(), layout);
  paint_circle(cr.get(), layout);
  paint_ball(cr.get(), layout, state.elapsed_s);
  paint_text(cr.get(), layout, state);
  paint_border(cr.get(), layout);

  const cairo_status_t status = cairo_status(cr.get());
  cairo_surface_flush(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    error = std::string("test card: Cairo failed: ") + cairo_status_to_string(status);
    return false;
  }
  // Cairo leaves the unused top byte of RGB24 pixels undefined; our frames promise 0x00RRGGBB.
  uint32_t* px = frame.data();
  const size_t count = static_cast<size_t>(width) * static_cast<size_t>(height);
  for (size_t i = 0; i < count; ++i) px[i] &= 0x00FFFFFFu;
  return true;
}

}  // namespace tfts::source
