// Typesetter's Pango state, shared by typesetter.cpp (measuring) and canvas.cpp (drawing) so
// both use the same contexts and font options. Private to the library.
#pragma once

#include <pango/pangocairo.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tfts/draw/font.h"
#include "tfts/draw/typesetter.h"

namespace tfts::draw {

struct GObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;

struct Typesetter::Impl {
  Impl();

  // The layout for `font`'s rendering, set to `font` and `text`. Valid until the next call.
  PangoLayout* set(const Font& font, std::string_view text);
  PangoContext* context(TextRendering rendering) {
    return contexts[static_cast<size_t>(rendering)].get();
  }

  GObjectPtr<PangoFontMap> font_map;
  // One context and one reused layout per TextRendering (index = the enum's value): the font
  // options are per context.
  std::array<GObjectPtr<PangoContext>, 2> contexts;
  std::array<GObjectPtr<PangoLayout>, 2> layouts;
  // Font descriptions by "family|px|bold", made once.
  std::unordered_map<std::string, FontDescriptionPtr> descriptions;
};

}  // namespace tfts::draw
