#include "tfts/draw/canvas.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>

#include "pango_text.h"

namespace tfts::draw {
namespace {

constexpr double kPi = std::numbers::pi;

double channel(Colour c, int shift) { return ((c >> shift) & 0xFFu) / 255.0; }

void set_colour(cairo_t* cr, Colour c) {
  cairo_set_source_rgb(cr, channel(c, 16), channel(c, 8), channel(c, 0));
}

void rect_path(cairo_t* cr, const core::Rect& r) { cairo_rectangle(cr, r.x, r.y, r.w, r.h); }

// A rounded rectangle; the radius is limited to half the shorter side.
void rounded_path(cairo_t* cr, double x, double y, double w, double h, double radius) {
  const double r = std::clamp(radius, 0.0, std::min(w, h) / 2);
  if (r <= 0) {
    cairo_rectangle(cr, x, y, w, h);
    return;
  }
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -kPi / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, kPi / 2);
  cairo_arc(cr, x + r, y + h - r, r, kPi / 2, kPi);
  cairo_arc(cr, x + r, y + r, r, kPi, 3 * kPi / 2);
  cairo_close_path(cr);
}

void rounded_path(cairo_t* cr, const core::Rect& r, double radius) {
  rounded_path(cr, r.x, r.y, r.w, r.h, radius);
}

}  // namespace

struct Canvas::Impl {
  core::RgbPlane* frame = nullptr;
  Typesetter* typesetter = nullptr;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  bool contexts_updated = false;

  ~Impl() {
    if (cr != nullptr) cairo_destroy(cr);
    if (surface != nullptr) cairo_surface_destroy(surface);
  }
};

Canvas::Canvas(core::RgbPlane& frame, Typesetter& typesetter) : impl_(std::make_unique<Impl>()) {
  impl_->frame = &frame;
  impl_->typesetter = &typesetter;
  // Cairo's RGB24 is our layout (a native 32-bit 0x??RRGGBB word per pixel) with rows of
  // width * 4 bytes, so it draws straight into the frame.
  impl_->surface = cairo_image_surface_create_for_data(
      reinterpret_cast<unsigned char*>(frame.data()), CAIRO_FORMAT_RGB24, frame.width(),
      frame.height(), frame.width() * 4);
  impl_->cr = cairo_create(impl_->surface);
}

Canvas::~Canvas() = default;

int Canvas::width() const { return impl_->frame->width(); }
int Canvas::height() const { return impl_->frame->height(); }

void Canvas::fill(const FillItem& item) {
  cairo_t* cr = impl_->cr;
  rect_path(cr, item.rect);
  set_colour(cr, item.colour);
  cairo_fill(cr);
}

void Canvas::line(const LineItem& item) {
  cairo_t* cr = impl_->cr;
  const double w = item.width;
  if (item.y0 == item.y1 || item.x0 == item.x1) {
    // Axis-aligned: a whole-pixel rectangle, `width` pixels thick below or right of the line.
    const int x = std::min(item.x0, item.x1), y = std::min(item.y0, item.y1);
    const bool horizontal = item.y0 == item.y1;
    cairo_rectangle(cr, x, y, horizontal ? std::abs(item.x1 - item.x0) : w,
                    horizontal ? w : std::abs(item.y1 - item.y0));
    set_colour(cr, item.colour);
    cairo_fill(cr);
    return;
  }
  cairo_move_to(cr, item.x0, item.y0);
  cairo_line_to(cr, item.x1, item.y1);
  cairo_set_line_width(cr, w);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  set_colour(cr, item.colour);
  cairo_stroke(cr);
}

void Canvas::panel(const PanelItem& item) {
  cairo_t* cr = impl_->cr;
  const core::Rect& r = item.rect;
  if (item.fill) {
    rounded_path(cr, r, item.radius);
    set_colour(cr, *item.fill);
    cairo_fill(cr);
  }
  if (item.border_width > 0) {
    const double bw = item.border_width;
    // The border lies inside the rectangle: a stroke centred half a width in, so square
    // borders cover whole pixels.
    rounded_path(cr, r.x + bw / 2, r.y + bw / 2, r.w - bw, r.h - bw,
                 std::max(0.0, item.radius - bw / 2));
    cairo_set_line_width(cr, bw);
    set_colour(cr, item.border);
    cairo_stroke(cr);
  }
}

void Canvas::text(const TextRun& run) {
  if (run.text.empty()) return;
  Typesetter::Impl& ts = impl_->typesetter->impl();
  cairo_t* cr = impl_->cr;
  if (!impl_->contexts_updated) {
    // Binds the contexts to this surface (identity transform). The contexts' own font options
    // take precedence over the surface's, so text is drawn as it was measured.
    for (auto& context : ts.contexts) pango_cairo_update_context(cr, context.get());
    impl_->contexts_updated = true;
  }
  PangoLayout* layout = ts.set(run.font, run.text);
  int x = run.box.x;
  if (run.align == Align::centre) x += (run.box.w - run.width) / 2;
  if (run.align == Align::right) x += run.box.w - run.width;
  const int y = run.box.y + (run.box.h - run.height) / 2;
  cairo_move_to(cr, x, y);
  set_colour(cr, run.colour);
  pango_cairo_show_layout(cr, layout);
}

void Canvas::sparkline(const Sparkline& item) {
  cairo_t* cr = impl_->cr;
  const core::Rect& r = item.rect;
  if (r.empty()) return;
  cairo_save(cr);
  rect_path(cr, r);
  cairo_clip(cr);
  const int capacity = std::max(2, item.capacity);
  const size_t shown = std::min(item.values.size(), static_cast<size_t>(capacity));
  const size_t first = item.values.size() - shown;
  const double lw = item.line_width;
  const double step = (r.w - 1.0) / (capacity - 1);
  const double span = item.max > item.min ? item.max - item.min : 1.0;
  const auto x_of = [&](size_t i) { return r.x + 0.5 + (r.w - 1.0) - (shown - 1 - i) * step; };
  const auto y_of = [&](float v) {
    const double t = std::clamp((v - item.min) / span, 0.0, 1.0);
    return r.y + lw / 2 + (1.0 - t) * (r.h - lw);
  };
  // Runs of consecutive numbers (NaN splits them) as one path; closed down to the bottom edge
  // for the fill.
  const auto trace = [&](bool closed) {
    size_t i = 0;
    while (i < shown) {
      while (i < shown && std::isnan(item.values[first + i])) ++i;
      const size_t start = i;
      while (i < shown && !std::isnan(item.values[first + i])) ++i;
      if (i == start) continue;
      cairo_move_to(cr, x_of(start), y_of(item.values[first + start]));
      for (size_t j = start + 1; j < i; ++j) {
        cairo_line_to(cr, x_of(j), y_of(item.values[first + j]));
      }
      if (closed) {
        cairo_line_to(cr, x_of(i - 1), r.bottom());
        cairo_line_to(cr, x_of(start), r.bottom());
        cairo_close_path(cr);
      }
    }
  };
  if (item.fill) {
    trace(true);
    set_colour(cr, *item.fill);
    cairo_fill(cr);
  }
  // Over the fill, under the line: the grid stays visible without hiding the values.
  if (item.grid) {
    for (int k = 1; k <= 3; ++k) cairo_rectangle(cr, r.x, r.y + (r.h * k) / 4, r.w, 1);
    set_colour(cr, *item.grid);
    cairo_fill(cr);
  }
  trace(false);
  cairo_set_line_width(cr, lw);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  set_colour(cr, item.line);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void Canvas::bar_gauge(const BarGauge& item) {
  cairo_t* cr = impl_->cr;
  const core::Rect& r = item.rect;
  if (r.empty()) return;
  rounded_path(cr, r, item.radius);
  set_colour(cr, item.track);
  cairo_fill(cr);
  const double f = std::clamp(item.fraction, 0.0, 1.0);
  core::Rect part = r;
  if (item.vertical) {
    part.h = static_cast<int>(std::lround(f * r.h));
    part.y = r.bottom() - part.h;
  } else {
    part.w = static_cast<int>(std::lround(f * r.w));
  }
  if (part.empty()) return;
  // The track's shape cut to the level: a short bar keeps the track's rounded start.
  cairo_save(cr);
  rect_path(cr, part);
  cairo_clip(cr);
  rounded_path(cr, r, item.radius);
  set_colour(cr, item.bar);
  cairo_fill(cr);
  cairo_restore(cr);
}

void Canvas::ring_gauge(const RingGauge& item) {
  cairo_t* cr = impl_->cr;
  const core::Rect& r = item.rect;
  const double t = item.thickness;
  const double radius = std::min(r.w, r.h) / 2.0 - t / 2;
  if (radius <= 0) return;
  const double cx = r.x + r.w / 2.0, cy = r.y + r.h / 2.0;
  cairo_set_line_width(cr, t);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, radius, 0, 2 * kPi);
  set_colour(cr, item.track);
  cairo_stroke(cr);
  const double f = std::clamp(item.fraction, 0.0, 1.0);
  if (f > 0) {
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, radius, -kPi / 2, -kPi / 2 + 2 * kPi * f);
    set_colour(cr, item.ring);
    cairo_stroke(cr);
  }
}

bool Canvas::finish(std::string& error) {
  const cairo_status_t status = cairo_status(impl_->cr);
  cairo_surface_flush(impl_->surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    error = std::string("drawing failed: ") + cairo_status_to_string(status);
    return false;
  }
  uint32_t* px = impl_->frame->data();
  const size_t count =
      static_cast<size_t>(impl_->frame->width()) * static_cast<size_t>(impl_->frame->height());
  for (size_t i = 0; i < count; ++i) px[i] &= 0x00FFFFFFu;
  return true;
}

core::Rect LineItem::bounds() const {
  const int x = std::min(x0, x1), y = std::min(y0, y1);
  if (y0 == y1) return {x, y, std::abs(x1 - x0), width};
  if (x0 == x1) return {x, y, width, std::abs(y1 - y0)};
  const int pad = (width + 1) / 2;  // a sloped stroke reaches half its width past the ends
  return {x - pad, y - pad, std::abs(x1 - x0) + 2 * pad, std::abs(y1 - y0) + 2 * pad};
}

core::Rect RingGauge::hole() const {
  const double inner = std::min(rect.w, rect.h) / 2.0 - thickness;
  if (inner <= 0) return {rect.x + rect.w / 2, rect.y + rect.h / 2, 0, 0};
  const int side = static_cast<int>(std::floor(inner * std::numbers::sqrt2));
  return {rect.x + (rect.w - side) / 2, rect.y + (rect.h - side) / 2, side, side};
}

}  // namespace tfts::draw
