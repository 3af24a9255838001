// Payload decoders, one per codec file (private to the decoder). Each gets the whole payload
// and returns true only when exactly `len` bytes made exactly the rectangle's pixels; false
// means a corrupt payload. Pixels already handed to the sink stay drawn (they are in bounds).
#ifndef TFTS_CLIENT_CODEC_DECODERS_H
#define TFTS_CLIENT_CODEC_DECODERS_H

#include <stddef.h>
#include <stdint.h>

#include "strip_writer.h"

namespace tfts {
namespace client {

bool decode_rle(const uint8_t* in, size_t len, StripWriter& out);
bool decode_palette(const uint8_t* in, size_t len, const Rect& r, StripWriter& out);
bool decode_palette_rle(const uint8_t* in, size_t len, StripWriter& out);
bool decode_predict(const uint8_t* in, size_t len, StripWriter& out);

}  // namespace client
}  // namespace tfts

#endif
