// The decoder gives the same sink calls whatever the chunking: all at once, one byte at a time,
// or random splits (TCP delivers arbitrary fragments).
#include <gtest/gtest.h>

#include <random>

#include "../support/test_images.h"
#include "recording_sink.h"
#include "tfts/codec/frame_encoder.h"
#include "tfts/sim/simulated_display.h"

namespace tfts {
namespace {

constexpr int kW = 64, kH = 48;

// Five frames of mixed content encoded by the real encoder with a small payload limit, so
// rectangles are split and payloads straddle chunks.
std::vector<uint8_t> make_stream(core::Rgb565Plane& final_target) {
  codec::DisplayCaps caps{kW, kH, proto::kAllCodecs, 256, false};
  codec::FrameEncoder enc(caps);
  core::Rgb565Plane shadow(kW, kH);
  std::vector<uint8_t> out = sim::make_welcome(proto::kAllCodecs);
  const std::vector<test::NamedImage> images = test::all_test_images(kW, kH);
  uint32_t seq = 0;
  for (size_t i = 0; i < images.size(); ++i) {
    const codec::FrameStats s = enc.encode(images[i].image.view(), shadow, 0, seq, out, i == 0);
    EXPECT_GT(s.bytes, 0u);
    ++seq;
  }
  final_target = images.back().image;
  return out;
}

std::vector<std::string> decode_in_chunks(const std::vector<uint8_t>& stream,
                                          const std::vector<size_t>& cuts,
                                          core::Rgb565Plane& shown) {
  test::RecordingSink sink(kW, kH);
  std::vector<uint32_t> work(client::Decoder::work_size_for(kW, 256) / 4 + 1);
  client::Decoder dec(sink, {kW, kH, 256, proto::kAllCodecs, false},
                      reinterpret_cast<uint8_t*>(work.data()), work.size() * 4);
  size_t pos = 0;
  for (size_t cut : cuts) {
    size_t end = std::min(cut, stream.size());
    while (pos < end) {
      const client::FeedResult r = dec.feed(stream.data() + pos, end - pos);
      EXPECT_FALSE(client::is_error(r.status)) << client::status_name(r.status);
      if (client::is_error(r.status)) return {};
      EXPECT_LE(r.consumed, end - pos);
      pos += r.consumed;
    }
  }
  EXPECT_EQ(pos, stream.size());
  shown = sink.framebuffer();
  return sink.log();
}

TEST(DecoderChunking, AnySplitGivesIdenticalOutput) {
  core::Rgb565Plane target;
  const std::vector<uint8_t> stream = make_stream(target);

  core::Rgb565Plane whole_fb;
  const std::vector<std::string> whole = decode_in_chunks(stream, {stream.size()}, whole_fb);
  ASSERT_FALSE(whole.empty());
  EXPECT_EQ(whole_fb, target);

  std::vector<size_t> bytewise;
  for (size_t i = 1; i <= stream.size(); ++i) bytewise.push_back(i);
  core::Rgb565Plane fb;
  EXPECT_EQ(decode_in_chunks(stream, bytewise, fb), whole);
  EXPECT_EQ(fb, target);

  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::vector<size_t> cuts;
    size_t at = 0;
    while (at < stream.size()) {
      at += 1 + rng() % 700;
      cuts.push_back(std::min(at, stream.size()));
    }
    EXPECT_EQ(decode_in_chunks(stream, cuts, fb), whole) << "round " << round;
    EXPECT_EQ(fb, target);
  }
}

}  // namespace
}  // namespace tfts
