// A DisplaySink that draws into an RGB565 framebuffer in memory, as a panel would: the
// emulator, the benchmark and the tests use it to see exactly what a board would show.
#pragma once

#include <cstdint>

#include "tfts/client/display_sink.h"
#include "tfts/core/plane.h"

namespace tfts::sim {

class FramebufferSink final : public client::DisplaySink {
 public:
  FramebufferSink(int width, int height) : fb_(width, height) {}

  void write_pixels(const client::Rect& r, const uint8_t* pixels, size_t stride_bytes) override;
  void fill(const client::Rect& r, uint16_t rgb565) override;
  void copy(const client::Rect& r, uint16_t src_x, uint16_t src_y) override;
  void frame_done(uint32_t seq) override;

  const core::Rgb565Plane& framebuffer() const { return fb_; }
  core::Rgb565Plane& framebuffer() { return fb_; }
  uint32_t frames() const { return frames_; }
  uint32_t last_seq() const { return last_seq_; }
  uint64_t pixels_written() const { return pixels_written_; }

 private:
  core::Rgb565Plane fb_;
  uint32_t frames_ = 0;
  uint32_t last_seq_ = 0;
  uint64_t pixels_written_ = 0;
};

}  // namespace tfts::sim
