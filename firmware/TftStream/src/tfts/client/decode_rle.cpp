// RLE payload (docs/protocol.md §4.3): items of one header byte h; h < 0x80 is followed by h+1
// literal pixels, h >= 0x80 by one pixel repeated (h & 0x7f) + 1 times. Runs cross rows.
#include <string.h>

#include "codec_decoders.h"
#include "pixel_store.h"

namespace tfts {
namespace client {

bool decode_rle(const uint8_t* in, size_t len, StripWriter& out) {
  const uint8_t* const end = in + len;
  uint8_t* p = out.p;
  uint8_t* p_end = out.end;
  bool done = false;
  while (in < end && !done) {
    const unsigned h = *in++;
    size_t n = (h & 0x7fu) + 1;
    if (h & 0x80) {
      if (end - in < 2) return false;
      const uint16_t token = load_token(in);
      in += 2;
      if (!out.put_run(&p, &p_end, n, token, &done)) return false;
      continue;
    }
    if (static_cast<size_t>(end - in) < n * 2) return false;
    while (n > 0) {  // literals: copy what fits in the strip, flush, go on
      const size_t room = static_cast<size_t>(p_end - p) / 2;
      const size_t k = n < room ? n : room;
      memcpy(p, in, k * 2);
      p += k * 2;
      in += k * 2;
      n -= k;
      if (p == p_end) {
        out.p = p;
        done = !out.flush();
        p = out.p;
        p_end = out.end;
        if (done) break;
      }
    }
    if (n > 0) return false;  // literals past the last pixel
  }
  out.p = p;
  return in == end && out.complete();
}

}  // namespace client
}  // namespace tfts
