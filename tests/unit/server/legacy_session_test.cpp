// The seed protocol's packets (docs/protocol.md §8) and the legacy session's convergence.
#include <gtest/gtest.h>

#include "session_fixture.h"
#include "tfts/server/legacy_session.h"

namespace tfts::server {
namespace {

struct Packet {
  int x, y, w, h;
  uint32_t len;
};

// Reads packets like the seed sketch, painting big-endian pixels into `panel`.
std::vector<Packet> paint(const std::vector<uint8_t>& bytes, core::Rgb565Plane& panel) {
  std::vector<Packet> out;
  size_t at = 0;
  while (at + 12 <= bytes.size()) {
    const uint8_t* p = bytes.data() + at;
    Packet k{p[0] << 8 | p[1], p[2] << 8 | p[3], p[4] << 8 | p[5], p[6] << 8 | p[7],
             uint32_t{p[8]} << 24 | uint32_t{p[9]} << 16 | uint32_t{p[10]} << 8 | p[11]};
    const uint8_t* px = p + 12;
    for (int y = 0; y < k.h; ++y) {
      for (int x = 0; x < k.w; ++x, px += 2) {
        panel.at(k.x + x, k.y + y) = static_cast<uint16_t>(px[0] << 8 | px[1]);
      }
    }
    at += 12 + k.len;
    out.push_back(k);
  }
  EXPECT_EQ(at, bytes.size());
  return out;
}

TEST(LegacyPackets, AFullPictureIsTwentyBandsOfTwelveRows) {
  const core::Rgb565Plane img(320, 240, 0x1234);
  std::vector<uint8_t> out;
  EXPECT_EQ(append_legacy_packets(img, {0, 0, 320, 240}, 8192, out), 20);
  const std::vector<uint8_t> first_header{0, 0, 0, 0, 0x01, 0x40, 0x00, 0x0C, 0, 0, 0x1E, 0};
  EXPECT_EQ(std::vector<uint8_t>(out.begin(), out.begin() + 12), first_header);
  EXPECT_EQ(out[12], 0x12);  // big-endian pixels
  EXPECT_EQ(out[13], 0x34);
  EXPECT_EQ(out.size(), 20u * (12 + 7680));
}

TEST(LegacyPackets, RowsLongerThanAPacketAreCutIntoPieces) {
  core::Rgb565Plane img(100, 3);
  for (int i = 0; i < 300; ++i) img.data()[i] = static_cast<uint16_t>(i * 97);
  std::vector<uint8_t> out;
  const int n = append_legacy_packets(img, {0, 0, 100, 3}, 64, out);  // 32 pixels per packet
  EXPECT_EQ(n, 3 * 4);
  core::Rgb565Plane panel(100, 3);
  for (const Packet& p : paint(out, panel)) EXPECT_LE(p.len, 64u);
  EXPECT_EQ(panel, img);
}

TEST(LegacySession, ConvergesToEachFrameWithinThePacketLimit) {
  LegacySession s(96, 64, 1024);
  testing::FrameMaker maker;
  core::Rgb565Plane panel(96, 64, 0xFFFF);
  core::Rgb565Plane pic(96, 64, 0x0000);
  for (int step = 0; step < 6; ++step) {
    for (int y = step * 5; y < step * 5 + 9; ++y) {
      for (int x = step * 7; x < step * 7 + 20; ++x) pic.at(x, y) = static_cast<uint16_t>(step * 4099 + x);
    }
    auto f = maker.next(pic);
    s.offer(f, f->damage);
    ASSERT_TRUE(s.ready());
    std::vector<uint8_t> out;
    s.next_batch(out);
    for (const Packet& p : paint(out, panel)) {
      EXPECT_LE(p.len, 1024u);
      EXPECT_EQ(p.len, static_cast<uint32_t>(p.w * p.h * 2));
    }
    EXPECT_EQ(panel, pic) << "step " << step;
    EXPECT_FALSE(s.ready());
  }
  EXPECT_GT(s.packets_sent(), 6u);
}

}  // namespace
}  // namespace tfts::server
