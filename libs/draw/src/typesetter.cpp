#include <strings.h>  // strcasecmp (POSIX)

#include <algorithm>
#include <cmath>
#include <vector>

#include "pango_text.h"

namespace tfts::draw {
namespace {

constexpr std::string_view kEllipsis = "\u2026";
// Pango's default for screens; bitmap_sizes() converts the points Pango reports with it.
constexpr double kResolutionDpi = 96;

// Font options per TextRendering, chosen for 10-16 px text on 160-320 px panels:
// - Grey anti-aliasing, never subpixel (RGB order): the panel's subpixel layout is unknown and
//   the pipeline may scale and quantise to RGB565, which would turn colour fringes into noise.
// - Full hinting: DejaVu's own hints snap stems and the x-height to whole pixels, so 10 px text
//   has high-contrast strokes instead of grey smears (compared against slight and none at 10 and
//   12 px; full was the most legible on the dark theme).
// - Hinted metrics: whole-pixel advances, so digits keep their places as values change and a
//   measured width is exactly what is drawn.
// Crisp text is for bitmap fonts: no anti-aliasing at all, every pixel on or off.
GObjectPtr<PangoContext> make_context(PangoFontMap* font_map, TextRendering rendering) {
  GObjectPtr<PangoContext> context(pango_font_map_create_context(font_map));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(
      options, rendering == TextRendering::crisp ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_FULL);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context.get(), TRUE);
  return context;
}

// Byte offsets where UTF-8 characters start, plus text.size().
std::vector<size_t> char_starts(std::string_view text) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) starts.push_back(i);
  }
  starts.push_back(text.size());
  return starts;
}

PangoFontFamily* find_family(PangoFontMap* map, std::string_view name) {
  PangoFontFamily** families = nullptr;
  int count = 0;
  pango_font_map_list_families(map, &families, &count);
  PangoFontFamily* found = nullptr;
  const std::string wanted(name);
  for (int i = 0; i < count && found == nullptr; ++i) {
    if (strcasecmp(pango_font_family_get_name(families[i]), wanted.c_str()) == 0) {
      found = families[i];
    }
  }
  g_free(families);
  return found;  // owned by the font map
}

}  // namespace

Typesetter::Impl::Impl() : font_map(pango_cairo_font_map_new()) {
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map.get()), kResolutionDpi);
  for (TextRendering r : {TextRendering::smooth, TextRendering::crisp}) {
    const auto i = static_cast<size_t>(r);
    contexts[i] = make_context(font_map.get(), r);
    layouts[i].reset(pango_layout_new(contexts[i].get()));
  }
}

PangoLayout* Typesetter::Impl::set(const Font& font, std::string_view text) {
  std::string key = font.family + '|' + std::to_string(font.px) + (font.bold ? "|b" : "|r");
  auto it = descriptions.find(key);
  if (it == descriptions.end()) {
    FontDescriptionPtr d(pango_font_description_new());
    pango_font_description_set_family(d.get(), font.family.c_str());
    pango_font_description_set_absolute_size(d.get(), font.px * PANGO_SCALE);
    pango_font_description_set_weight(d.get(), font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    it = descriptions.emplace(std::move(key), std::move(d)).first;
  }
  PangoLayout* layout = layouts[static_cast<size_t>(font.rendering)].get();
  pango_layout_set_font_description(layout, it->second.get());
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  return layout;
}

Typesetter::Typesetter() : impl_(std::make_unique<Impl>()) {}
Typesetter::~Typesetter() = default;

TextSize Typesetter::measure(const Font& font, std::string_view text) {
  PangoLayout* layout = impl_->set(font, text);
  PangoRectangle logical;
  pango_layout_get_pixel_extents(layout, nullptr, &logical);
  return {logical.width, logical.height, pango_layout_get_baseline(layout) / PANGO_SCALE};
}

std::string Typesetter::fit(const Font& font, std::string_view text, int max_width,
                            bool* ellipsized) {
  if (ellipsized != nullptr) *ellipsized = false;
  if (measure(font, text).width <= max_width) return std::string(text);
  if (ellipsized != nullptr) *ellipsized = true;
  const std::vector<size_t> starts = char_starts(text);
  const auto candidate = [&](size_t chars) {
    std::string s(text.substr(0, starts[chars]));
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + std::string(kEllipsis);
  };
  // Longest prefix that fits, by bisection over whole characters: widths grow with length.
  size_t lo = 0, hi = starts.size() - 1;  // candidate(lo) is the fallback; hi does not fit
  while (hi - lo > 1) {
    const size_t mid = (lo + hi) / 2;
    if (measure(font, candidate(mid)).width <= max_width) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return candidate(lo);
}

int Typesetter::line_height(const Font& font) { return measure(font, "Ag").height; }

std::vector<int> Typesetter::bitmap_sizes(std::string_view family) {
  std::vector<int> px;
  PangoFontFamily* fam = find_family(impl_->font_map.get(), family);
  if (fam == nullptr) return px;
  PangoFontFace** faces = nullptr;
  int face_count = 0;
  pango_font_family_list_faces(fam, &faces, &face_count);
  if (face_count > 0) {
    int* sizes = nullptr;
    int count = 0;
    pango_font_face_list_sizes(faces[0], &sizes, &count);
    // Pango reports points at the font map's resolution.
    for (int i = 0; i < count; ++i) {
      px.push_back(static_cast<int>(
          std::lround(sizes[i] / static_cast<double>(PANGO_SCALE) * kResolutionDpi / 72.0)));
    }
    g_free(sizes);
  }
  g_free(faces);
  std::sort(px.begin(), px.end());
  px.erase(std::unique(px.begin(), px.end()), px.end());
  return px;
}

bool Typesetter::has_family(std::string_view family) {
  return find_family(impl_->font_map.get(), family) != nullptr;
}

}  // namespace tfts::draw
