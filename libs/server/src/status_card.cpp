#include "tfts/server/status_card.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

namespace tfts::server {
namespace {

constexpr uint32_t kBackground = 0x101418;
constexpr uint32_t kBand = 0x8A2A1E;   // a muted red: something is wrong, nothing is on fire
constexpr uint32_t kText = 0xF2F2F2;
constexpr uint32_t kMuted = 0xA0A8B0;

void set_colour(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
                       (rgb & 255) / 255.0);
}

// Draws `text` wrapped to `width` at (x, y); returns the height used.
int draw_text(cairo_t* cr, const std::string& text, double x, double y, int width, int px,
              bool bold, uint32_t colour) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_absolute_size(font, px * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, width * PANGO_SCALE);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout, text.c_str(), -1);
  set_colour(cr, colour);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  pango_font_description_free(font);
  g_object_unref(layout);
  return h;
}

}  // namespace

void render_status_card(core::RgbPlane& out, int width, int height, const std::string& screen,
                        const std::string& message, int seconds_failing) {
  if (out.width() != width || out.height() != height) out = core::RgbPlane(width, height);
  // Cairo draws straight into our pixels: RGB24 is 0x??RRGGBB in native 32-bit words.
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(out.data()),
                                          CAIRO_FORMAT_RGB24, width, height, width * 4),
      cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        cairo_destroy);
  set_colour(cr.get(), kBackground);
  cairo_paint(cr.get());

  // Sizes follow the smaller side, so a 160x128 panel and a 480x320 one both read well.
  const int unit = std::max(8, std::min(width, height) / 16);
  const int pad = unit;
  const int band = unit * 2 + unit / 2;
  set_colour(cr.get(), kBand);
  cairo_rectangle(cr.get(), 0, 0, width, band);
  cairo_fill(cr.get());
  draw_text(cr.get(), "Screen '" + screen + "'", pad, (band - unit * 3 / 2) / 2.0, width - 2 * pad,
            unit * 5 / 4, true, kText);

  int y = band + pad;
  y += draw_text(cr.get(), "Source unavailable", pad, y, width - 2 * pad, unit, true, kText);
  y += unit / 2;
  draw_text(cr.get(), message, pad, y, width - 2 * pad, unit, false, kText);

  const std::string footer = "for " + std::to_string(seconds_failing) + " s, retrying";
  draw_text(cr.get(), footer, pad, height - pad - unit * 5 / 4, width - 2 * pad, unit, false,
            kMuted);
  cairo_surface_flush(surface.get());
  // Cairo leaves the top byte undefined in RGB24; our pixels keep it zero.
  for (size_t i = 0; i < static_cast<size_t>(width) * height; ++i) out.data()[i] &= 0x00FFFFFFu;
}

}  // namespace tfts::server
