// Helpers for sans-IO session tests: a feed of frames with exact damage, and a display that
// decodes what a session sends and ACKs it.
#pragma once

#include <memory>
#include <vector>

#include "tfts/client/display_messages.h"
#include "tfts/server/display_session.h"
#include "tfts/sim/simulated_display.h"

namespace tfts::server::testing {

// Makes consecutive ScreenFrames with ids and exact tile damage, as a ScreenFeed would.
class FrameMaker {
 public:
  ScreenFramePtr next(const core::Rgb565Plane& picture) {
    auto f = std::make_shared<ScreenFrame>();
    f->id = ++id_;
    f->target = picture;
    f->damage = pipeline::TileMask(picture.width(), picture.height());
    if (last_) {
      pipeline::mark_changed_tiles(picture.view(), last_->target.view(), f->damage);
    } else {
      f->damage.set_all();
    }
    f->captured = Clock::now();
    last_ = f;
    return f;
  }

 private:
  uint64_t id_ = 0;
  ScreenFramePtr last_;
};

inline std::vector<uint8_t> bytes_of(const OutgoingFrame& f) {
  std::vector<uint8_t> v(f.begin.begin(), f.begin.end());
  v.insert(v.end(), f.encoded->bytes.begin() + 5, f.encoded->bytes.end() - 5);
  v.insert(v.end(), f.end.begin(), f.end.end());
  return v;
}

inline Hello hello_for(int w, int h, bool framebuffer = false, const char* name = "d") {
  Hello hello;
  hello.width = w;
  hello.height = h;
  hello.codecs = proto::kAllCodecs;
  if (!framebuffer) hello.codecs &= static_cast<uint16_t>(~proto::codec_bit(proto::Codec::copy));
  hello.max_payload = 8192;
  hello.framebuffer = framebuffer;
  hello.name = name;
  return hello;
}

// A display on the other side of a session: decodes frames, returns ACK bytes.
class TestDisplay {
 public:
  explicit TestDisplay(const Hello& h)
      : display_({static_cast<uint16_t>(h.width), static_cast<uint16_t>(h.height), h.max_payload,
                  h.codecs, h.framebuffer}) {
    EXPECT_EQ(display_.feed(sim::make_welcome(h.codecs)), client::DecodeStatus::need_more);
  }
  // Draws the frame; returns the ACK the display sends.
  std::vector<uint8_t> draw(const OutgoingFrame& f) {
    EXPECT_EQ(display_.feed(bytes_of(f)), client::DecodeStatus::need_more);
    std::vector<uint8_t> ack(32);
    ack.resize(client::write_ack(ack.data(), ack.size(), f.seq, {1, 2, 3, 0}));
    return ack;
  }
  const core::Rgb565Plane& framebuffer() const { return display_.framebuffer(); }

 private:
  sim::SimulatedDisplay display_;
};

}  // namespace tfts::server::testing
