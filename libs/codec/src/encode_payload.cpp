#include <cassert>

#include "tfts/codec/tile_encoders.h"

namespace tfts::codec {

void encode_raw(core::PlaneView<const uint16_t> tile, VectorWriter& w) {
  for (int y = 0; y < tile.height; ++y) {
    const uint16_t* r = tile.row(y);
    for (int x = 0; x < tile.width; ++x) w.be16(r[x]);
  }
}

void encode_payload(proto::Codec codec, core::PlaneView<const uint16_t> tile,
                    const TileStats& stats, VectorWriter& w) {
  switch (codec) {
    case proto::Codec::fill:
      w.be16(stats.runs.front().value);
      return;
    case proto::Codec::raw:
      return encode_raw(tile, w);
    case proto::Codec::rle:
      return encode_rle(stats, w);
    case proto::Codec::palette:
      return encode_palette(tile, stats, w);
    case proto::Codec::palette_rle:
      return encode_palette_rle(stats, w);
    case proto::Codec::predict:
      return encode_predict(stats, w);
    case proto::Codec::copy:
      break;
  }
  assert(false && "copy has no pixel payload");
}

}  // namespace tfts::codec
