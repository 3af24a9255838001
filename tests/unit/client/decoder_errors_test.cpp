// Every malformed input ends in its own status, draws nothing outside the display, and the
// decoder refuses further input until reset().
#include <gtest/gtest.h>

#include "../support/stream_builder.h"
#include "tfts/client/display_messages.h"

namespace tfts {
namespace {

using client::DecodeStatus;
using proto::Codec;

constexpr uint16_t kNoCopy = proto::kAllCodecs & ~(1u << 6);

DecodeStatus run(const std::vector<uint8_t>& bytes, uint16_t codecs = kNoCopy,
                 bool framebuffer = false) {
  sim::SimulatedDisplay d({32, 16, 256, codecs, framebuffer});
  return d.feed(bytes);
}

std::vector<uint8_t> px(std::initializer_list<uint8_t> b) { return b; }

TEST(DecoderErrors, HandshakeProblems) {
  EXPECT_EQ(run({'T', 'F', 'T', 'X', 1, 0, 9}), DecodeStatus::bad_magic);
  EXPECT_EQ(run({'T', 'F', 'T', 'S', 2, 0, 9}), DecodeStatus::bad_version);
  EXPECT_EQ(run({'T', 'F', 'T', 'S', 1, 0, 3}), DecodeStatus::bad_message);  // body too short
  // max_in_flight 0 is meaningless
  EXPECT_EQ(run({'T', 'F', 'T', 'S', 1, 0, 9, 0, 0x3F, 0, 0, 0, 0, 0, 0, 0}),
            DecodeStatus::bad_message);
}

TEST(DecoderErrors, LongerWelcomeFromANewerServerIsAccepted) {
  std::vector<uint8_t> w = {'T', 'F', 'T', 'S', 1, 0, 12, 0, 0x3F, 2, 0x07, 0xD0, 0, 0, 0, 9,
                            0xAA, 0xBB, 0xCC};
  sim::SimulatedDisplay d({32, 16, 256, kNoCopy, false});
  EXPECT_EQ(d.feed(w), DecodeStatus::need_more);
  EXPECT_EQ(d.decoder().session().session_id, 9u);
  EXPECT_EQ(d.decoder().session().keepalive_ms, 2000);
}

TEST(DecoderErrors, RectanglesOutsideTheDisplay) {
  const std::vector<uint8_t> red = px({0xF8, 0x00});
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::fill, 0, 0, 33, 1, red).bytes()),
            DecodeStatus::rect_out_of_bounds);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::fill, 31, 15, 2, 1, red).bytes()),
            DecodeStatus::rect_out_of_bounds);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::fill, 0, 0, 0, 1, red).bytes()),
            DecodeStatus::rect_out_of_bounds);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::fill, 65535, 65535, 2, 2, red).bytes()),
            DecodeStatus::rect_out_of_bounds);
}

TEST(DecoderErrors, LengthsAndCodecs) {
  EXPECT_EQ(run(test::StreamBuilder()
                    .begin(0)
                    .rect_with_length(Codec::raw, 0, 0, 32, 16, 257, {})
                    .bytes()),
            DecodeStatus::payload_too_large);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::copy, 0, 0, 1, 1, px({0, 0, 0, 0})).bytes()),
            DecodeStatus::unsupported_codec);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(static_cast<Codec>(9), 0, 0, 1, 1, px({0})).bytes()),
            DecodeStatus::unsupported_codec);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::fill, 0, 0, 1, 1, {}).bytes()),
            DecodeStatus::corrupt_payload);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::raw, 0, 0, 2, 1, px({1, 2, 3})).bytes()),
            DecodeStatus::corrupt_payload);
  // RLE: a run longer than the rectangle, and bytes after the last pixel
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::rle, 0, 0, 2, 1, px({0x82, 1, 2})).bytes()),
            DecodeStatus::corrupt_payload);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::rle, 0, 0, 2, 1, px({0x81, 1, 2, 0})).bytes()),
            DecodeStatus::corrupt_payload);
  // palette index beyond the colour count
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::palette, 0, 0, 8, 1,
                                                    px({3, 0, 0, 0, 1, 0, 2, 0xFF, 0xFF})).bytes()),
            DecodeStatus::corrupt_payload);
  // predict: reserved tag 0xFF, and a LUMA missing its second byte
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::predict, 0, 0, 1, 1, px({0xFF})).bytes()),
            DecodeStatus::corrupt_payload);
  EXPECT_EQ(run(test::StreamBuilder().begin(0).rect(Codec::predict, 0, 0, 1, 1, px({0x80})).bytes()),
            DecodeStatus::corrupt_payload);
}

TEST(DecoderErrors, CopySourceMustBeInside) {
  const auto s = test::StreamBuilder().begin(0).rect(Codec::copy, 0, 0, 4, 4, px({0, 30, 0, 0})).bytes();
  EXPECT_EQ(run(s, proto::kAllCodecs, true), DecodeStatus::corrupt_payload);
}

TEST(DecoderErrors, Sequencing) {
  EXPECT_EQ(run(test::StreamBuilder().rect(Codec::fill, 0, 0, 1, 1, px({0, 0})).bytes()),
            DecodeStatus::bad_sequence);
  EXPECT_EQ(run(test::StreamBuilder().begin(1).end(2).bytes()), DecodeStatus::bad_sequence);
  EXPECT_EQ(run(test::StreamBuilder().begin(1).begin(2).bytes()), DecodeStatus::bad_sequence);
  EXPECT_EQ(run(test::StreamBuilder().end(1).bytes()), DecodeStatus::bad_sequence);
  EXPECT_EQ(run(test::StreamBuilder().raw_bytes({0x77}).bytes()), DecodeStatus::bad_message);
}

TEST(DecoderErrors, ErrorsAreStickyUntilReset) {
  sim::SimulatedDisplay d({32, 16, 256, kNoCopy, false});
  EXPECT_EQ(d.feed(test::StreamBuilder().raw_bytes({0x77}).bytes()), DecodeStatus::bad_message);
  const std::vector<uint8_t> good = test::StreamBuilder().begin(0).end(0).bytes();
  EXPECT_EQ(d.feed(good), DecodeStatus::bad_message);
}

TEST(DecoderErrors, ByeCarriesTheReason) {
  sim::SimulatedDisplay d({32, 16, 256, kNoCopy, false});
  const auto s = test::StreamBuilder().raw_bytes({0x31, 9, 3, 'b', 'y', 'e'}).bytes();
  EXPECT_EQ(d.feed(s), DecodeStatus::bye);
  EXPECT_EQ(d.decoder().reason(), proto::Reason::server_shutdown);
}

TEST(DecoderErrors, RefusedHandshakeEndsInBye) {
  sim::SimulatedDisplay d({32, 16, 256, kNoCopy, false});
  EXPECT_EQ(d.feed({'T', 'F', 'T', 'S', 1, 0, 0, 0x30, 2, 0}), DecodeStatus::bye);
  EXPECT_EQ(d.decoder().reason(), proto::Reason::unsupported_version);
}

TEST(DecoderErrors, NoFramesAfterARefusal) {
  sim::SimulatedDisplay d({32, 16, 256, kNoCopy, false});
  EXPECT_EQ(d.feed({'T', 'F', 'T', 'S', 1, 0, 0, 0x10, 0, 0, 0, 1}), DecodeStatus::bad_sequence);
  EXPECT_EQ(d.sink().frames(), 0u);
}

TEST(DecoderErrors, WorkBufferTooSmallIsReported) {
  sim::FramebufferSink sink(32, 16);
  uint32_t work[8];
  client::Decoder dec(sink, {32, 16, 256, kNoCopy, false}, reinterpret_cast<uint8_t*>(work),
                      sizeof work);
  const uint8_t b = 'T';
  EXPECT_EQ(dec.feed(&b, 1).status, DecodeStatus::not_configured);
}

TEST(DisplayMessages, HelloLayout) {
  uint8_t buf[client::kHelloMaxBytes];
  const size_t n = client::write_hello(buf, sizeof buf, {320, 240, 8192, 0x7F, true}, "desk", 1,
                                       proto::Role::display);
  const std::vector<uint8_t> expect = {'T', 'F', 'T', 'S', 1,    0, 19, 0x01, 0x40, 0x00, 0xF0, 1,
                                       1,   0,   0x7F, 0, 0,    0x20, 0, 1,    0,    4,
                                       'd', 'e', 's',  'k'};
  ASSERT_EQ(n, expect.size());
  EXPECT_EQ(std::vector<uint8_t>(buf, buf + n), expect);
  EXPECT_EQ(client::write_hello(buf, sizeof buf, {320, 240, 8192, 0x7F, true}, "", 0,
                                proto::Role::display),
            0u);
}

}  // namespace
}  // namespace tfts
