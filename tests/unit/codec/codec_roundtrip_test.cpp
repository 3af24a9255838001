// Every codec round-trips bit-exact through the real decoder, on every kind of content, and
// writes exactly the payload size the analysis predicted.
#include <gtest/gtest.h>

#include <limits>

#include "../support/stream_builder.h"
#include "../support/test_images.h"
#include "tfts/codec/codec_chooser.h"
#include "tfts/codec/tile_encoders.h"

namespace tfts {
namespace {

constexpr proto::Codec kPixelCodecs[] = {proto::Codec::fill,    proto::Codec::raw,
                                         proto::Codec::rle,     proto::Codec::palette,
                                         proto::Codec::palette_rle, proto::Codec::predict};

struct Size {
  int w, h;
};

class CodecRoundTrip : public ::testing::TestWithParam<Size> {};

TEST_P(CodecRoundTrip, EveryApplicableCodecIsExact) {
  const Size sz = GetParam();
  int tried = 0;
  for (const test::NamedImage& img : test::all_test_images(sz.w, sz.h)) {
    codec::TileStats stats;
    codec::analyse_tile(img.image.view(), stats);
    for (proto::Codec c : kPixelCodecs) {
      const size_t expected = stats.payload_bytes[static_cast<size_t>(c)];
      if (expected == std::numeric_limits<size_t>::max()) continue;
      SCOPED_TRACE(img.name + " codec " + std::to_string(static_cast<int>(c)));
      std::vector<uint8_t> payload;
      codec::VectorWriter w(payload);
      codec::encode_payload(c, img.image.view(), stats, w);
      ASSERT_EQ(payload.size(), expected);

      const std::vector<uint8_t> stream =
          test::StreamBuilder().begin(1).rect(c, 0, 0, sz.w, sz.h, payload).end(1).bytes();
      sim::SimulatedDisplay display({static_cast<uint16_t>(sz.w), static_cast<uint16_t>(sz.h),
                                     1u << 20, proto::kAllCodecs, false});
      ASSERT_EQ(display.feed(stream), client::DecodeStatus::need_more);
      EXPECT_EQ(display.framebuffer(), img.image);
      EXPECT_EQ(display.sink().frames(), 1u);
      ++tried;
    }
  }
  // raw, rle and predict always apply; each image adds more.
  EXPECT_GE(tried, 15);
}

INSTANTIATE_TEST_SUITE_P(Sizes, CodecRoundTrip,
                         ::testing::Values(Size{16, 16}, Size{1, 1}, Size{13, 7}, Size{40, 30},
                                           Size{300, 2}));

TEST(CodecChooser, PicksTheSmallestDeclaredCodec) {
  codec::TileStats stats;
  codec::analyse_tile(test::solid_image(16, 16, 0x1234).view(), stats);
  EXPECT_EQ(codec::choose_codec(stats, proto::kAllCodecs), proto::Codec::fill);

  codec::analyse_tile(test::text_image(16, 16).view(), stats);
  const proto::Codec text = codec::choose_codec(stats, proto::kAllCodecs);
  EXPECT_TRUE(text == proto::Codec::palette || text == proto::Codec::palette_rle);
  const uint16_t raw_only = proto::codec_bit(proto::Codec::raw);
  EXPECT_EQ(codec::choose_codec(stats, raw_only), proto::Codec::raw);

  codec::analyse_tile(test::noise_image(16, 16).view(), stats);
  EXPECT_EQ(codec::choose_codec(stats, proto::kAllCodecs), proto::Codec::raw);
}

TEST(CodecChooser, PredictWinsOnPhotographicContent) {
  codec::TileStats stats;
  codec::analyse_tile(test::photo_image(16, 16).view(), stats);
  EXPECT_EQ(codec::choose_codec(stats, proto::kAllCodecs), proto::Codec::predict);
  EXPECT_LT(stats.payload_bytes[static_cast<size_t>(proto::Codec::predict)], 16u * 16u * 2u * 3u / 4u);
}

}  // namespace
}  // namespace tfts
