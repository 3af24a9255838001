// Pixel conversion from the server's image layouts to 0x00RRGGBB (libs/x11/src/pixel_layout.h).
#include "pixel_layout.h"

#include <gtest/gtest.h>

#include <vector>

#include "tfts/core/rgb565.h"

namespace tfts::x11 {
namespace {

TEST(PixelLayout, Strides) {
  PixelLayout l;
  EXPECT_EQ(l.stride(3), 12u);
  l.bits_per_pixel = 24;
  EXPECT_EQ(l.stride(3), 12u) << "9 bytes padded to 32 bits";
  EXPECT_EQ(l.stride(4), 12u);
  l.bits_per_pixel = 16;
  EXPECT_EQ(l.stride(3), 8u);
}

TEST(PixelLayout, Xrgb32DropsTheTopByte) {
  PixelLayout l;
  ASSERT_TRUE(l.is_xrgb32());
  const std::vector<uint8_t> src = {0x56, 0x34, 0x12, 0xFF, 0xCC, 0xBB, 0xAA, 0x00,
                                    0x03, 0x02, 0x01, 0x80, 0x00, 0x00, 0x00, 0x00};
  core::RgbPlane dst(2, 2);
  convert_pixels(src.data(), 8, l, dst.view());
  EXPECT_EQ(dst.at(0, 0), 0x123456u);
  EXPECT_EQ(dst.at(1, 0), 0xAABBCCu);
  EXPECT_EQ(dst.at(0, 1), 0x010203u);
  EXPECT_EQ(dst.at(1, 1), 0u);
}

TEST(PixelLayout, MsbFirst32AndPacked24) {
  PixelLayout msb;
  msb.msb_first = true;
  const std::vector<uint8_t> big = {0x00, 0x12, 0x34, 0x56};
  core::RgbPlane one(1, 1);
  convert_pixels(big.data(), 4, msb, one.view());
  EXPECT_EQ(one.at(0, 0), 0x123456u);

  PixelLayout packed;
  packed.bits_per_pixel = 24;
  const std::vector<uint8_t> src = {0x56, 0x34, 0x12, 0x03, 0x02, 0x01, 0, 0};
  core::RgbPlane two(2, 1);
  convert_pixels(src.data(), 8, packed, two.view());
  EXPECT_EQ(two.at(0, 0), 0x123456u);
  EXPECT_EQ(two.at(1, 0), 0x010203u);
}

TEST(PixelLayout, Rgb565MatchesOurExpansion) {
  PixelLayout l;
  l.depth = 16;
  l.bits_per_pixel = 16;
  l.red_mask = 0xF800;
  l.green_mask = 0x07E0;
  l.blue_mask = 0x001F;
  std::vector<uint8_t> src;
  std::vector<uint16_t> values = {0x0000, 0xFFFF, 0xF800, 0x07E0, 0x001F, 0x1234, 0xBEEF};
  for (uint16_t v : values) {
    src.push_back(static_cast<uint8_t>(v & 0xFF));
    src.push_back(static_cast<uint8_t>(v >> 8));
  }
  core::RgbPlane dst(static_cast<int>(values.size()), 1);
  convert_pixels(src.data(), src.size(), l, dst.view());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(dst.at(static_cast<int>(i), 0), core::expand565(values[i])) << i;
  }
}

TEST(PixelLayout, TenBitChannelsKeepTheirTopBits) {
  PixelLayout l;
  l.depth = 30;
  l.red_mask = 0x3FF00000;
  l.green_mask = 0x000FFC00;
  l.blue_mask = 0x000003FF;
  const uint32_t v = (0x3FFu << 20) | (0x200u << 10) | 0x004u;
  const std::vector<uint8_t> src = {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8),
                                    static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 24)};
  core::RgbPlane dst(1, 1);
  convert_pixels(src.data(), 4, l, dst.view());
  EXPECT_EQ(dst.at(0, 0), 0xFF8001u);
}

}  // namespace
}  // namespace tfts::x11
