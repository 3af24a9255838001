// Payload encoders for one rectangle, one per codec (docs/protocol.md §4). Each appends
// exactly stats.payload_bytes[codec] bytes (analyse_tile computes those sizes from the same
// runs; the round-trip tests check that both agree); `tile` is the rectangle `stats` describes.
#pragma once

#include "tfts/codec/byte_writer.h"
#include "tfts/codec/tile_stats.h"

namespace tfts::codec {

void encode_raw(core::PlaneView<const uint16_t> tile, VectorWriter& w);
void encode_rle(const TileStats& s, VectorWriter& w);
void encode_palette_rle(const TileStats& s, VectorWriter& w);
void encode_predict(const TileStats& s, VectorWriter& w);
void encode_palette(core::PlaneView<const uint16_t> tile, const TileStats& s, VectorWriter& w);

// Writes the payload of `codec` (any codec but copy).
void encode_payload(proto::Codec codec, core::PlaneView<const uint16_t> tile,
                    const TileStats& stats, VectorWriter& w);

}  // namespace tfts::codec
