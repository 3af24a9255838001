// How the X server lays out the pixels of a ZPixmap image of the root window, and the
// conversion to our 0x00RRGGBB frames. Pure functions: unit-tested without an X server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "tfts/core/plane.h"

struct xcb_setup_t;
struct xcb_screen_t;

namespace tfts::x11 {

struct PixelLayout {
  int depth = 24;
  int bits_per_pixel = 32;  // 16, 24 or 32
  int scanline_pad = 32;    // each row is padded to a multiple of this many bits
  bool msb_first = false;   // the image byte order
  uint32_t red_mask = 0xFF0000;
  uint32_t green_mask = 0x00FF00;
  uint32_t blue_mask = 0x0000FF;

  /// Bytes from one row of a `width` pixel image to the next.
  size_t stride(int width) const;
  /// The common case that converts by masking alone: 32 bits, LSB first, 8-bit RGB masks.
  bool is_xrgb32() const;
};

/// The layout of the root window's visual on `screen`. False with a sentence when it is not a
/// TrueColor visual of 16, 24 or 32 bits per pixel (the only ones converted).
[[nodiscard]] bool root_pixel_layout(const xcb_setup_t* setup, const xcb_screen_t* screen,
                                     PixelLayout& layout, std::string& error);

/// Converts dst.height rows of dst.width pixels from `src` (rows `src_stride` bytes apart) into
/// `dst`. `src` holds at least dst.height * src_stride bytes.
void convert_pixels(const uint8_t* src, size_t src_stride, const PixelLayout& layout,
                    core::PlaneView<uint32_t> dst);

}  // namespace tfts::x11
