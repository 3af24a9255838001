// Payload encoders for one rectangle, one per codec (docs/protocol.md §4). Each appends
// exactly stats.payload_bytes[codec] bytes; `tile` is the rectangle that `stats` describes.
// Templates over the writer so the analysis can count sizes with the same code that encodes.
#pragma once

#include "tfts/codec/byte_writer.h"
#include "tfts/codec/tile_stats.h"

namespace tfts::codec {

template <typename W>
void encode_raw(core::PlaneView<const uint16_t> tile, W& w) {
  for (int y = 0; y < tile.height; ++y) {
    const uint16_t* r = tile.row(y);
    for (int x = 0; x < tile.width; ++x) w.be16(r[x]);
  }
}

template <typename W>
void encode_rle(const TileStats& s, W& w);
template <typename W>
void encode_palette_rle(const TileStats& s, W& w);
template <typename W>
void encode_predict(const TileStats& s, W& w);
template <typename W>
void encode_palette(core::PlaneView<const uint16_t> tile, const TileStats& s, W& w);

// Writes the payload of `codec` (any codec but copy).
void encode_payload(proto::Codec codec, core::PlaneView<const uint16_t> tile,
                    const TileStats& stats, VectorWriter& w);

}  // namespace tfts::codec
