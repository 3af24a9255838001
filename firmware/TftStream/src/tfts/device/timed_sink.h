// TimedSink: the DisplaySink the decoder draws through. It forwards every call to the Panel
// and adds up the microseconds spent inside them, so the client can split a frame's time into
// decode_us (feed minus sink) and draw_us (sink plus Panel::finish) for the ACK.
// Freestanding; the clock is a plain function pointer (micros()) so tests can drive it.
#ifndef TFTS_DEVICE_TIMED_SINK_H
#define TFTS_DEVICE_TIMED_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/client/display_sink.h"
#include "tfts/device/panel.h"

namespace tfts {
namespace device {

class TimedSink : public client::DisplaySink {
 public:
  explicit TimedSink(Panel& panel) : panel_(panel), clock_(0), spent_us_(0) {}

  // Null clock: nothing is timed (spent_us() stays 0).
  void set_clock(uint32_t (*clock)()) { clock_ = clock; }
  uint32_t spent_us() const { return spent_us_; }
  void clear_spent() { spent_us_ = 0; }

  void write_pixels(const client::Rect& r, const uint8_t* pixels, size_t stride) {
    const uint32_t t0 = now();
    panel_.write_pixels(r, pixels, stride);
    spent_us_ += now() - t0;
  }
  void fill(const client::Rect& r, uint16_t rgb565) {
    const uint32_t t0 = now();
    panel_.fill(r, rgb565);
    spent_us_ += now() - t0;
  }
  void copy(const client::Rect& r, uint16_t src_x, uint16_t src_y) {
    const uint32_t t0 = now();
    panel_.copy(r, src_x, src_y);
    spent_us_ += now() - t0;
  }
  void frame_done(uint32_t seq) {
    const uint32_t t0 = now();
    panel_.frame_done(seq);
    spent_us_ += now() - t0;
  }
  // Panel::finish(), timed like the drawing it completes.
  void finish() {
    const uint32_t t0 = now();
    panel_.finish();
    spent_us_ += now() - t0;
  }

 private:
  uint32_t now() const { return clock_ ? clock_() : 0; }

  Panel& panel_;
  uint32_t (*clock_)();
  uint32_t spent_us_;
};

}  // namespace device
}  // namespace tfts

#endif
