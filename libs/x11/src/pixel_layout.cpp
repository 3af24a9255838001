#include "pixel_layout.h"

#include <xcb/xcb.h>

#include <bit>

namespace tfts::x11 {
namespace {

// One channel of a mask: where it sits and how it maps to 8 bits.
struct Channel {
  uint32_t mask;
  int shift;
  int bits;

  explicit Channel(uint32_t m)
      : mask(m), shift(m ? std::countr_zero(m) : 0), bits(std::popcount(m)) {}
  uint32_t to8(uint32_t pixel) const {
    const uint32_t v = (pixel & mask) >> shift;
    if (bits >= 8) return v >> (bits - 8);
    // Bit replication, as core::expand565 does: 0 -> 0, full scale -> 255, and a 565 screen
    // gives exactly what our own RGB565 expansion would.
    if (bits >= 4) return v << (8 - bits) | v >> (2 * bits - 8);
    const uint32_t max = (1u << bits) - 1;
    return bits == 0 ? 0 : (v * 255 + max / 2) / max;
  }
};

uint32_t read_pixel(const uint8_t* p, int bytes, bool msb_first) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    const uint32_t byte = p[i];
    v |= msb_first ? byte << (8 * (bytes - 1 - i)) : byte << (8 * i);
  }
  return v;
}

}  // namespace

size_t PixelLayout::stride(int width) const {
  const size_t bits = static_cast<size_t>(width) * static_cast<size_t>(bits_per_pixel);
  const auto pad = static_cast<size_t>(scanline_pad);
  return (bits + pad - 1) / pad * pad / 8;
}

bool PixelLayout::is_xrgb32() const {
  return bits_per_pixel == 32 && !msb_first && red_mask == 0xFF0000 && green_mask == 0x00FF00 &&
         blue_mask == 0x0000FF;
}

bool root_pixel_layout(const xcb_setup_t* setup, const xcb_screen_t* screen, PixelLayout& layout,
                       std::string& error) {
  const xcb_visualtype_t* visual = nullptr;
  for (auto d = xcb_screen_allowed_depths_iterator(screen); d.rem && !visual;
       xcb_depth_next(&d)) {
    if (d.data->depth != screen->root_depth) continue;
    for (auto v = xcb_depth_visuals_iterator(d.data); v.rem; xcb_visualtype_next(&v)) {
      if (v.data->visual_id == screen->root_visual) {
        visual = v.data;
        break;
      }
    }
  }
  int bpp = 0, pad = 0;
  for (auto f = xcb_setup_pixmap_formats_iterator(setup); f.rem; xcb_format_next(&f)) {
    if (f.data->depth == screen->root_depth) {
      bpp = f.data->bits_per_pixel;
      pad = f.data->scanline_pad;
    }
  }
  const std::string depth = std::to_string(screen->root_depth) + "-bit";
  if (!visual || bpp == 0) {
    error = "the root window's " + depth + " visual is not described by the server";
    return false;
  }
  if (visual->_class != XCB_VISUAL_CLASS_TRUE_COLOR) {
    error = "the screen uses a " + depth +
            " visual that is not TrueColor; only TrueColor screens of 16 to 32 bits are captured";
    return false;
  }
  if (bpp != 16 && bpp != 24 && bpp != 32) {
    error = "the screen stores " + std::to_string(bpp) +
            " bits per pixel; only 16, 24 and 32 are captured";
    return false;
  }
  layout.depth = screen->root_depth;
  layout.bits_per_pixel = bpp;
  layout.scanline_pad = pad;
  layout.msb_first = setup->image_byte_order == XCB_IMAGE_ORDER_MSB_FIRST;
  layout.red_mask = visual->red_mask;
  layout.green_mask = visual->green_mask;
  layout.blue_mask = visual->blue_mask;
  return true;
}

void convert_pixels(const uint8_t* src, size_t src_stride, const PixelLayout& layout,
                    core::PlaneView<uint32_t> dst) {
  if (layout.is_xrgb32()) {
    // The hot path: a masked copy the compiler vectorizes. memcpy per 4 bytes keeps it free of
    // alignment and aliasing assumptions about the server's buffer.
    for (int y = 0; y < dst.height; ++y) {
      const uint8_t* s = src + static_cast<size_t>(y) * src_stride;
      uint32_t* d = dst.row(y);
      for (int x = 0; x < dst.width; ++x) {
        uint32_t v;
        __builtin_memcpy(&v, s + 4 * static_cast<size_t>(x), 4);
        d[x] = v & 0x00FFFFFFu;
      }
    }
    return;
  }
  const Channel r(layout.red_mask), g(layout.green_mask), b(layout.blue_mask);
  const int bytes = layout.bits_per_pixel / 8;
  for (int y = 0; y < dst.height; ++y) {
    const uint8_t* s = src + static_cast<size_t>(y) * src_stride;
    uint32_t* d = dst.row(y);
    for (int x = 0; x < dst.width; ++x) {
      const uint32_t v = read_pixel(s + static_cast<size_t>(x) * bytes, bytes, layout.msb_first);
      d[x] = r.to8(v) << 16 | g.to8(v) << 8 | b.to8(v);
    }
  }
}

}  // namespace tfts::x11
