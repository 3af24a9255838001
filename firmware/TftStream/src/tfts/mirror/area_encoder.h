// AreaEncoder: the device-side encoder of the source role (docs/protocol.md §2.4): turns one
// rectangle of the GUI's buffer into a RECT payload with fill, raw, rle or palette_rle (§4.1-4.3,
// §4.5), straight into the caller's buffer. Reads the pixels in place (any stride, either byte order), two
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

// The cheapest of fill / rle / palette_rle / raw for `a` that `codecs` (proto::codec_bit mask;
// fill and raw are always allowed) permits, and its payload size. A compressing codec is
// chosen only when strictly smaller than raw, so the payload never exceeds 2 * w * h bytes.
// palette_rle suits GUIs: flat colours and anti-aliased text rarely need more than 16 colours
// in one area, and its runs cost 1 byte where rle's cost 3.
struct Choice {
  proto::Codec codec;
  size_t payload_bytes;
  uint8_t colours;          // palette_rle: entries used in `palette`
  uint16_t palette[16];     // palette_rle: the colours in order of first appearance
};
Choice choose_codec(const PixelArea& a, uint16_t codecs);

// Writes the payload `choice` describes into `out` (room for choice.payload_bytes).
void write_payload(const PixelArea& a, const Choice& choice, uint8_t* out);

}  // namespace mirror
}  // namespace tfts

#endif
