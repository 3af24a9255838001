// AreaEncoder: the device-side encoder of the source role (docs/protocol.md §2.4): turns one
// rectangle of the GUI's buffer into a RECT payload with fill, raw or rle (§4.1-4.3), straight
// into the caller's buffer. Reads the pixels in place (any stride, either byte order), two
// passes at most (measure, then write), no heap. Freestanding: C headers only.
#ifndef TFTS_MIRROR_AREA_ENCODER_H
#define TFTS_MIRROR_AREA_ENCODER_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/proto/wire.h"

namespace tfts {
namespace mirror {

// A rectangle of pixels in the caller's memory: `px` is its top-left pixel, rows are
// `stride` bytes apart. `swapped`: bytes are hi, lo (wire order); else lo, hi (native LE).
struct PixelArea {
  const uint8_t* px;
  size_t stride;
  uint16_t w;
  uint16_t h;
  bool swapped;
};

// The pixel at `p` as the big-endian value the wire carries (= the native RGB565 value).
inline uint16_t wire_pixel(const uint8_t* p, bool swapped) {
  return swapped ? static_cast<uint16_t>(p[0] << 8 | p[1])
                 : static_cast<uint16_t>(p[1] << 8 | p[0]);
}

// The sub-rectangle (x, y, w, h) of `a`; the caller keeps it inside.
PixelArea sub_area(const PixelArea& a, uint16_t x, uint16_t y, uint16_t w, uint16_t h);

// true when every pixel of `a` has the same value (one fill covers it, whatever its size).
bool is_flat(const PixelArea& a);

// The cheapest of fill / rle / raw for `a` and its payload size. rle is chosen only when it is
// strictly smaller than raw, so the payload never exceeds 2 * w * h bytes.
struct Choice {
  proto::Codec codec;
  size_t payload_bytes;
};
Choice choose_codec(const PixelArea& a);

// Writes the payload `choice` describes into `out` (room for choice.payload_bytes).
void write_payload(const PixelArea& a, const Choice& choice, uint8_t* out);

}  // namespace mirror
}  // namespace tfts

#endif
