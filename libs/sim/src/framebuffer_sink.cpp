#include "tfts/sim/framebuffer_sink.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace tfts::sim {
namespace {

// The decoder promises in-bounds rectangles; a violation is a decoder bug, so assert.
void check(const core::Rgb565Plane& fb, const client::Rect& r) {
  assert(r.w > 0 && r.h > 0 && r.x + r.w <= fb.width() && r.y + r.h <= fb.height());
  (void)fb;
  (void)r;
}

}  // namespace

void FramebufferSink::write_pixels(const client::Rect& r, const uint8_t* pixels,
                                   size_t stride_bytes) {
  check(fb_, r);
  for (int y = 0; y < r.h; ++y) {
    const uint8_t* src = pixels + static_cast<size_t>(y) * stride_bytes;
    uint16_t* dst = fb_.row(r.y + y) + r.x;
    for (int x = 0; x < r.w; ++x) dst[x] = static_cast<uint16_t>((src[2 * x] << 8) | src[2 * x + 1]);
  }
  pixels_written_ += static_cast<uint64_t>(r.w) * r.h;
}

void FramebufferSink::fill(const client::Rect& r, uint16_t rgb565) {
  check(fb_, r);
  for (int y = 0; y < r.h; ++y) std::fill_n(fb_.row(r.y + y) + r.x, r.w, rgb565);
  pixels_written_ += static_cast<uint64_t>(r.w) * r.h;
}

void FramebufferSink::copy(const client::Rect& r, uint16_t src_x, uint16_t src_y) {
  check(fb_, r);
  check(fb_, {src_x, src_y, r.w, r.h});
  std::vector<uint16_t> block(static_cast<size_t>(r.w) * r.h);
  for (int y = 0; y < r.h; ++y) {
    std::copy_n(fb_.row(src_y + y) + src_x, r.w, block.data() + static_cast<size_t>(y) * r.w);
  }
  for (int y = 0; y < r.h; ++y) {
    std::copy_n(block.data() + static_cast<size_t>(y) * r.w, r.w, fb_.row(r.y + y) + r.x);
  }
  pixels_written_ += static_cast<uint64_t>(r.w) * r.h;
}

void FramebufferSink::frame_done(uint32_t seq) {
  ++frames_;
  last_seq_ = seq;
}

}  // namespace tfts::sim
