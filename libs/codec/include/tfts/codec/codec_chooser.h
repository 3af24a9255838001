// The codec decision for one rectangle (design principle 6): a pure function of the tile's
// statistics and the codecs the display declared. Smallest payload wins; ties go to the codec
// that is cheapest to decode, in the order of kCodecPreference.
#pragma once

#include <array>
#include <cstdint>

#include "tfts/codec/tile_stats.h"

namespace tfts::codec {

// Cheapest to decode first (fill is one sink call, predict does arithmetic per pixel).
inline constexpr std::array<proto::Codec, 6> kCodecPreference = {
    proto::Codec::fill,    proto::Codec::raw,         proto::Codec::palette_rle,
    proto::Codec::rle,     proto::Codec::palette,     proto::Codec::predict};

// `codec_mask` must contain raw (every display decodes it), so there is always an answer.
proto::Codec choose_codec(const TileStats& stats, uint16_t codec_mask);

}  // namespace tfts::codec
