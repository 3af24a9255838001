// Panel: what the display client needs from a panel library, on top of the decoder's sink
// (pixels, fills, copies, frame done): its size, and simple text for the status screen that the
// device draws itself. Adapters: TftStreamTFT_eSPI.h, TftStreamLovyanGFX.h (one small header
// each, in the library's src/), and the fake panels of the host tests. Freestanding.
// All calls come from the thread that calls StreamClient::poll().
#ifndef TFTS_DEVICE_PANEL_H
#define TFTS_DEVICE_PANEL_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/client/display_sink.h"

namespace tfts {
namespace device {

class Panel : public client::DisplaySink {
 public:
  // As the display is mounted (rotation applied). Read before every connection, so they may
  // change between sessions (setRotation), never during one.
  virtual uint16_t width() const = 0;
  virtual uint16_t height() const = 0;
  // The status screen: a whole-screen fill, then lines of text. `colour` and `background` are
  // native RGB565 values; `row` counts text lines from the top (line_height() pixels each).
  // `line` is borrowed for the call only. Text wider than the panel may be cut.
  virtual void clear(uint16_t colour) = 0;
  virtual void text(uint16_t row, const char* line, uint16_t colour, uint16_t background) = 0;
  virtual uint16_t line_height() const = 0;
  // Everything drawn so far must be on the panel when this returns (DMA idle, bus released).
  // Called after each frame, before its ACK (so draw_us includes the wait), and before the
  // status screen is drawn (a session may have ended in the middle of a frame).
  virtual void finish() {}

 protected:
  ~Panel() {}
};

}  // namespace device
}  // namespace tfts

#endif
