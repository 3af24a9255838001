// A FramebufferSink that also logs every call, so tests can compare call sequences.
#pragma once

#include <string>
#include <vector>

#include "tfts/sim/framebuffer_sink.h"

namespace tfts::test {

class RecordingSink final : public client::DisplaySink {
 public:
  RecordingSink(int w, int h) : fb_(w, h) {}

  void write_pixels(const client::Rect& r, const uint8_t* px, size_t stride) override {
    uint32_t h = 2166136261u;  // FNV-1a of the pixels, row by row
    for (int y = 0; y < r.h; ++y)
      for (int x = 0; x < r.w * 2; ++x) h = (h ^ px[static_cast<size_t>(y) * stride + x]) * 16777619u;
    log_.push_back("px " + describe(r) + " " + std::to_string(h));
    fb_.write_pixels(r, px, stride);
  }
  void fill(const client::Rect& r, uint16_t v) override {
    log_.push_back("fill " + describe(r) + " " + std::to_string(v));
    fb_.fill(r, v);
  }
  void copy(const client::Rect& r, uint16_t sx, uint16_t sy) override {
    log_.push_back("copy " + describe(r) + " " + std::to_string(sx) + "," + std::to_string(sy));
    fb_.copy(r, sx, sy);
  }
  void frame_done(uint32_t seq) override {
    log_.push_back("done " + std::to_string(seq));
    fb_.frame_done(seq);
  }

  const std::vector<std::string>& log() const { return log_; }
  const core::Rgb565Plane& framebuffer() const { return fb_.framebuffer(); }

 private:
  static std::string describe(const client::Rect& r) {
    return std::to_string(r.x) + "," + std::to_string(r.y) + "," + std::to_string(r.w) + "x" +
           std::to_string(r.h);
  }
  sim::FramebufferSink fb_;
  std::vector<std::string> log_;
};

}  // namespace tfts::test
