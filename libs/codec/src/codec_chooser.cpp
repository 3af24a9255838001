#include "tfts/codec/codec_chooser.h"

#include <cassert>
#include <limits>

namespace tfts::codec {

proto::Codec choose_codec(const TileStats& stats, uint16_t codec_mask) {
  assert(codec_mask & proto::codec_bit(proto::Codec::raw));
  proto::Codec best = proto::Codec::raw;
  size_t best_bytes = std::numeric_limits<size_t>::max();
  for (proto::Codec c : kCodecPreference) {
    if (!(codec_mask & proto::codec_bit(c))) continue;
    const size_t bytes = stats.payload_bytes[static_cast<size_t>(c)];
    if (bytes < best_bytes) {
      best = c;
      best_bytes = bytes;
    }
  }
  return best;
}

}  // namespace tfts::codec
