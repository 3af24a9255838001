// FakePanel: a tfts::device::Panel with a native-RGB565 framebuffer. write_pixels() reads the
// decoder's bytes as big-endian (the wire and panel order), clear() fills the framebuffer, and
// the status screen's text lines are kept as strings. Any draw outside the panel fails the test.
// Optionally it advances a fake microsecond clock per call, so ACK timings can be checked exactly.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/device/panel.h"

namespace tfts::device::test {

class FakePanel final : public Panel {
 public:
  struct TextCall {
    uint16_t row = 0;
    std::string line;
    uint16_t colour = 0;
    uint16_t background = 0;
  };

  FakePanel(uint16_t width, uint16_t height) : width_(width), height_(height), fb_(width, height) {}

  // Each sink call (pixels, fill, frame done) adds `sink_call_us` to *clock, each finish()
  // adds `finish_us`. Null: time stands still.
  void set_clock(uint32_t* clock, uint32_t sink_call_us, uint32_t finish_us) {
    clock_ = clock;
    sink_call_us_ = sink_call_us;
    finish_us_ = finish_us;
  }

  void write_pixels(const client::Rect& r, const uint8_t* pixels, size_t stride_bytes) override {
    if (!inside(r)) return;
    for (int y = 0; y < r.h; ++y) {
      const uint8_t* row = pixels + static_cast<size_t>(y) * stride_bytes;
      for (int x = 0; x < r.w; ++x) {
        fb_.at(r.x + x, r.y + y) = static_cast<uint16_t>(row[2 * x] << 8 | row[2 * x + 1]);
      }
    }
    sink_call();
  }
  void fill(const client::Rect& r, uint16_t rgb565) override {
    if (!inside(r)) return;
    for (int y = 0; y < r.h; ++y)
      for (int x = 0; x < r.w; ++x) fb_.at(r.x + x, r.y + y) = rgb565;
    sink_call();
  }
  void copy(const client::Rect&, uint16_t, uint16_t) override {
    ADD_FAILURE() << "copy() called, but the client declares no framebuffer";
  }
  void frame_done(uint32_t seq) override {
    frames_done_.push_back(seq);
    sink_call();
  }

  uint16_t width() const override { return width_; }
  uint16_t height() const override { return height_; }
  void clear(uint16_t colour) override {
    ++clears_;
    screen_.clear();
    fb_ = core::Rgb565Plane(width_, height_, colour);
  }
  void text(uint16_t row, const char* line, uint16_t colour, uint16_t background) override {
    screen_.push_back({row, line, colour, background});
  }
  uint16_t line_height() const override { return 10; }
  void finish() override {
    ++finishes_;
    charge(finish_us_);
  }

  const core::Rgb565Plane& framebuffer() const { return fb_; }
  int clears() const { return clears_; }
  int finishes() const { return finishes_; }
  // write_pixels, fill and frame_done calls so far.
  int sink_calls() const { return sink_calls_; }
  const std::vector<uint32_t>& frames_done() const { return frames_done_; }
  // The status screen's text since the last clear(), in call order.
  const std::vector<TextCall>& screen() const { return screen_; }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const TextCall& t : screen_) out.push_back(t.line);
    return out;
  }

 private:
  bool inside(const client::Rect& r) const {
    const bool ok = r.w > 0 && r.h > 0 && r.x + r.w <= width_ && r.y + r.h <= height_;
    if (!ok)
      ADD_FAILURE() << "draw outside the panel: " << r.x << "," << r.y << " " << r.w << "x" << r.h;
    return ok;
  }
  void sink_call() {
    ++sink_calls_;
    charge(sink_call_us_);
  }
  void charge(uint32_t us) {
    if (clock_) *clock_ += us;
  }

  uint16_t width_;
  uint16_t height_;
  core::Rgb565Plane fb_;
  uint32_t* clock_ = nullptr;
  uint32_t sink_call_us_ = 0;
  uint32_t finish_us_ = 0;
  int clears_ = 0;
  int finishes_ = 0;
  int sink_calls_ = 0;
  std::vector<uint32_t> frames_done_;
  std::vector<TextCall> screen_;
};

}  // namespace tfts::device::test
