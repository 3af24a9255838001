// Principles 1 and 5 of the design: diff against what the display holds, converge to exact,
// send nothing when nothing changed, and respect the display's payload limit.
#include <gtest/gtest.h>

#include <cstdlib>

#include "../support/test_images.h"
#include "tfts/codec/frame_encoder.h"
#include "tfts/core/rgb565.h"
#include "tfts/sim/simulated_display.h"

namespace tfts {
namespace {

struct Rig {
  explicit Rig(int w, int h, uint32_t max_payload = 8192, bool framebuffer = false,
               uint16_t codecs = proto::kAllCodecs)
      : enc({w, h, codecs, max_payload, framebuffer}),
        shadow(w, h),
        display({static_cast<uint16_t>(w), static_cast<uint16_t>(h), max_payload, codecs,
                 framebuffer}) {
    EXPECT_EQ(display.feed(sim::make_welcome(codecs)), client::DecodeStatus::need_more);
  }
  codec::FrameStats send(const core::Rgb565Plane& target, int max_error = 0, bool full = false) {
    std::vector<uint8_t> out;
    const codec::FrameStats s = enc.encode(target.view(), shadow, max_error, seq, out, full);
    EXPECT_EQ(s.bytes, out.size());
    if (!out.empty()) ++seq;
    EXPECT_EQ(display.feed(out), client::DecodeStatus::need_more);
    return s;
  }
  codec::FrameEncoder enc;
  core::Rgb565Plane shadow;
  sim::SimulatedDisplay display;
  uint32_t seq = 0;
};

TEST(FrameEncoder, FullRefreshThenNothingWhenIdle) {
  Rig rig(50, 37);
  const core::Rgb565Plane img = test::photo_image(50, 37);
  EXPECT_GT(rig.send(img, 0, true).bytes, 0u);
  EXPECT_EQ(rig.display.framebuffer(), img);
  EXPECT_EQ(rig.send(img).bytes, 0u);
  EXPECT_EQ(rig.display.sink().frames(), 1u);
}

TEST(FrameEncoder, SlowFadeEndsExact) {
  // Each step changes the picture by one 565 step at most: a threshold-based differ would
  // never send it; a shadow-based one converges.
  Rig rig(32, 32);
  core::Rgb565Plane img = test::gradient_image(32, 32);
  rig.send(img, 0, true);
  for (int step = 0; step < 6; ++step) {
    for (int y = 0; y < 32; ++y)
      for (int x = 0; x < 32; ++x) {
        uint16_t& v = img.at(x, y);
        if (core::red5(v) > 0 && (x + y + step) % 3 == 0) v = static_cast<uint16_t>(v - 0x0800);
      }
    rig.send(img);
    EXPECT_EQ(rig.display.framebuffer(), img) << "step " << step;
  }
}

TEST(FrameEncoder, SmallChangeSendsOnlyItsTile) {
  Rig rig(64, 64);
  core::Rgb565Plane img = test::text_image(64, 64);
  rig.send(img, 0, true);
  img.at(40, 20) = 0xFFFF;
  const codec::FrameStats s = rig.send(img);
  EXPECT_EQ(s.rects, 1);
  EXPECT_EQ(s.pixels, 1);
  EXPECT_EQ(rig.display.framebuffer(), img);
}

TEST(FrameEncoder, BoundedErrorWaitsThenRefines) {
  Rig rig(32, 32);
  core::Rgb565Plane img = test::gradient_image(32, 32);
  rig.send(img, 0, true);
  core::Rgb565Plane next = img;
  next.at(3, 3) = static_cast<uint16_t>(img.at(3, 3) ^ 0x0001);  // one blue step: ~8 units
  next.at(20, 20) = static_cast<uint16_t>(img.at(20, 20) ^ 0xF800);  // a big change
  const codec::FrameStats lossy = rig.send(next, 10);
  EXPECT_EQ(lossy.pixels, 1);  // only the big change went out
  EXPECT_NE(rig.display.framebuffer(), next);
  const codec::FrameStats refine = rig.send(next, 0);
  EXPECT_EQ(refine.pixels, 1);
  EXPECT_EQ(rig.display.framebuffer(), next);
}

TEST(FrameEncoder, PayloadsRespectTheDisplayLimit) {
  Rig rig(120, 90, 256);  // the decoder itself rejects any payload over 256 bytes
  const core::Rgb565Plane img = test::noise_image(120, 90);
  const codec::FrameStats s = rig.send(img, 0, true);
  EXPECT_GE(s.rects, 120 * 90 * 2 / 256);
  EXPECT_EQ(rig.display.framebuffer(), img);
}

TEST(FrameEncoder, ScrollBecomesOneCopyOnFramebufferDisplays) {
  for (int dy : {8, -5}) {
    Rig rig(96, 80, 8192, true);
    const core::Rgb565Plane page = test::text_image(96, 160, 11);
    core::Rgb565Plane img(96, 80), next(96, 80);
    for (int y = 0; y < 80; ++y)
      for (int x = 0; x < 96; ++x) {
        img.at(x, y) = page.at(x, y + 40);
        next.at(x, y) = page.at(x, y + 40 + dy);  // content moves up by dy rows
      }
    rig.send(img, 0, true);
    const codec::FrameStats s = rig.send(next);
    EXPECT_EQ(s.rects_by_codec[static_cast<size_t>(proto::Codec::copy)], 1) << dy;
    EXPECT_LT(s.bytes, 96u * std::abs(dy) * 2) << dy;  // less than the new rows in raw
    EXPECT_EQ(rig.display.framebuffer(), next) << dy;
  }
}

// COPY needs a framebuffer and the declared codec bit. The second case was found by fuzzing
// the server: a framebuffer display that did not declare COPY got COPY.
TEST(FrameEncoder, NoCopyUnlessFramebufferAndDeclared) {
  const auto without_copy =
      static_cast<uint16_t>(proto::kAllCodecs & ~proto::codec_bit(proto::Codec::copy));
  struct Display {
    bool framebuffer;
    uint16_t codecs;
  };
  for (const Display d : {Display{false, proto::kAllCodecs}, Display{true, without_copy}}) {
    Rig rig(96, 80, 8192, d.framebuffer, d.codecs);
    const core::Rgb565Plane page = test::text_image(96, 160, 11);
    core::Rgb565Plane img(96, 80), next(96, 80);
    for (int y = 0; y < 80; ++y)
      for (int x = 0; x < 96; ++x) {
        img.at(x, y) = page.at(x, y);
        next.at(x, y) = page.at(x, y + 8);
      }
    rig.send(img, 0, true);
    const codec::FrameStats s = rig.send(next);
    EXPECT_EQ(s.rects_by_codec[static_cast<size_t>(proto::Codec::copy)], 0) << d.framebuffer;
    EXPECT_EQ(rig.display.framebuffer(), next) << d.framebuffer;
  }
}

}  // namespace
}  // namespace tfts
