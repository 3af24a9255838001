// The decoder's only output. Implemented by panel adapters (TFT_eSPI, LovyanGFX), the host
// emulator, the browser and tests. Freestanding: C headers only.
#ifndef TFTS_CLIENT_DISPLAY_SINK_H
#define TFTS_CLIENT_DISPLAY_SINK_H

#include <stddef.h>
#include <stdint.h>

namespace tfts {
namespace client {

// A rectangle in display coordinates. The decoder only passes rectangles that lie inside
// the display declared in DisplayConfig, with w > 0 and h > 0.
struct Rect {
  uint16_t x;
  uint16_t y;
  uint16_t w;
  uint16_t h;
};

// All calls come from the thread that calls Decoder::feed(), in stream order, and must be
// finished (or have copied what they need) when they return: the pixel memory is reused.
class DisplaySink {
 public:
  // Draws r.w x r.h pixels. Row i starts at pixels + i * stride_bytes; each pixel is two
  // bytes RGB565 big-endian (panel order: push verbatim with byte swapping off).
  virtual void write_pixels(const Rect& r, const uint8_t* pixels, size_t stride_bytes) = 0;
  // Fills r with one colour, given as the native RGB565 value (0xF800 is red).
  virtual void fill(const Rect& r, uint16_t rgb565) = 0;
  // Copies the w x h block at (src_x, src_y) to r as if through a temporary (overlap safe).
  // Called only when DisplayConfig::has_framebuffer is set.
  virtual void copy(const Rect& r, uint16_t src_x, uint16_t src_y) = 0;
  // The frame with this sequence number is complete (flip, flush DMA, …).
  virtual void frame_done(uint32_t seq) = 0;

 protected:
  ~DisplaySink() {}  // never deleted through this interface
};

}  // namespace client
}  // namespace tfts

#endif
