// RLE payload (docs/protocol.md §4.3): items of one header byte h; h < 0x80 is followed by h+1
// literal pixels, h >= 0x80 by one pixel repeated (h & 0x7f) + 1 times. Runs cross rows.
#include <string.h>

#include "codec_decoders.h"
#include "pixel_store.h"

namespace tfts {
namespace client {

bool decode_rle(const uint8_t* in, size_t len, StripWriter& out) {
  const uint8_t* const end = in + len;
  while (in < end) {
    if (out.complete()) return false;  // bytes left after the last pixel
    const uint8_t h = *in++;
    size_t n = static_cast<size_t>(h & 0x7f) + 1;
    if (h & 0x80) {
      if (end - in < 2) return false;
      const uint16_t token = load_token(in);
      in += 2;
      while (n > 0) {
        size_t room = static_cast<size_t>(out.end - out.p) / 2;
        size_t k = n < room ? n : room;
        out.p = fill_tokens(out.p, k, token);
        n -= k;
        if (out.p == out.end && !out.flush()) break;
      }
    } else {
      if (static_cast<size_t>(end - in) < n * 2) return false;
      while (n > 0) {
        size_t room = static_cast<size_t>(out.end - out.p) / 2;
        size_t k = n < room ? n : room;
        memcpy(out.p, in, k * 2);
        out.p += k * 2;
        in += k * 2;
        n -= k;
        if (out.p == out.end && !out.flush()) break;
      }
    }
    if (n > 0) return false;  // a run longer than the rectangle
  }
  return out.complete();
}

}  // namespace client
}  // namespace tfts
