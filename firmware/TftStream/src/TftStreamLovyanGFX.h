// LovyanGfxPanel: tftstream's Panel on a LovyanGFX device (an lgfx::LGFX_Device, or the
// sketch's own class derived from it holding the board's bus/panel config; see
// examples/LovyanGFX_Stream). A template so any LGFX_Device-like type works.
//
// Byte order: the decoder's bytes are RGB565 big-endian (panel order), so they are passed as
// `const lgfx::swap565_t*`, the type LovyanGFX defines for exactly that layout: pushed
// verbatim, no CPU swap, and independent of the setSwapBytes() flag. Fills and text colours
// are native uint16_t values (LovyanGFX reads a uint16_t colour as rgb565).
//
// Strips: as in TftStreamTFT_eSPI.h. With DMA (TFTS_USE_DMA=1, the default) each strip is
// copied into one of two caller-owned strip buffers and sent with pushImageDMA, so the next
// strip decodes while the previous one transfers; without, pushImage() draws from the
// decoder's memory when it is 4-byte aligned and through strip_a otherwise.
//
// LovyanGFX methods used: setSwapBytes, initDMA, width, height, startWrite, endWrite,
// pushImage, pushImageDMA, waitDMA, fillRect, fillScreen, setTextColor, drawString, fontHeight.
#ifndef TFTSTREAM_LOVYANGFX_H
#define TFTSTREAM_LOVYANGFX_H

#include <LovyanGFX.hpp>
#include <stdint.h>
#include <string.h>

#include "tfts/device/config.h"
#include "tfts/device/panel.h"

#ifndef TFTS_USE_DMA
#define TFTS_USE_DMA 1
#endif

namespace tfts {
namespace device {

template <class Device>
class LovyanGfxPanel : public Panel {
 public:
  // Pixels per strip buffer for a panel `width` wide: TFTS_DEVICE_PANEL_STRIP_ROWS rows.
  // Any size of at least one row works; larger means fewer, longer transfers.
  static constexpr size_t strip_pixels_for(uint16_t width) {
    return static_cast<size_t>(width) * TFTS_DEVICE_PANEL_STRIP_ROWS;
  }

  // Borrows `gfx` and the strip buffers (strip_pixels each, internal RAM for DMA). strip_b is
  // only used with DMA and may be null otherwise.
  LovyanGfxPanel(Device& gfx, uint16_t* strip_a, uint16_t* strip_b, size_t strip_pixels)
      : gfx_(gfx), strip_pixels_(strip_pixels), next_(0), dma_(false), batch_(false) {
    strips_[0] = strip_a;
    strips_[1] = strip_b ? strip_b : strip_a;
  }

  // Call after gfx.init() and gfx.setRotation().
  void begin() {
    gfx_.setSwapBytes(false);  // typed pointers ignore it; set anyway for uint16_t* users
#if TFTS_USE_DMA
    if (strips_[1] != strips_[0]) {
      gfx_.initDMA();
      dma_ = true;
    }
#endif
  }

  uint16_t width() const { return static_cast<uint16_t>(gfx_.width()); }
  uint16_t height() const { return static_cast<uint16_t>(gfx_.height()); }
  uint16_t line_height() const { return static_cast<uint16_t>(gfx_.fontHeight()); }

  void write_pixels(const client::Rect& r, const uint8_t* px, size_t stride) {
    const size_t row_bytes = static_cast<size_t>(r.w) * 2;
    if (!dma_ && stride == row_bytes && (reinterpret_cast<uintptr_t>(px) & 3) == 0) {
      push(r.x, r.y, r.w, r.h, px);
      return;
    }
    // Whole rows per strip buffer (r.w <= the panel width, so at least one).
    const uint16_t rows = static_cast<uint16_t>(strip_pixels_ / r.w);
    if (rows == 0) return;  // strip buffers narrower than a row: a sketch bug, draw nothing
    for (uint16_t y = 0; y < r.h; y = static_cast<uint16_t>(y + rows)) {
      const uint16_t n = static_cast<uint16_t>(r.h - y < rows ? r.h - y : rows);
      uint16_t* dst = strips_[next_];
      if (dma_) next_ ^= 1;  // the other buffer may still be on its way to the panel
      for (uint16_t i = 0; i < n; ++i) {
        memcpy(reinterpret_cast<uint8_t*>(dst) + i * row_bytes, px + (y + i) * stride, row_bytes);
      }
      push(r.x, static_cast<uint16_t>(r.y + y), r.w, n, reinterpret_cast<const uint8_t*>(dst));
    }
  }

  void fill(const client::Rect& r, uint16_t rgb565) {
    if (dma_) gfx_.waitDMA();
    gfx_.fillRect(r.x, r.y, r.w, r.h, rgb565);
  }

  // Never called: StreamClient declares no framebuffer, so the server sends no COPY.
  void copy(const client::Rect&, uint16_t, uint16_t) {}
  void frame_done(uint32_t) {}

  void finish() {
    if (!batch_) return;
    gfx_.waitDMA();
    gfx_.endWrite();
    batch_ = false;
  }

  void clear(uint16_t colour) {
    finish();
    gfx_.fillScreen(colour);
  }

  void text(uint16_t row, const char* line, uint16_t colour, uint16_t background) {
    finish();
    gfx_.setTextColor(colour, background);
    gfx_.drawString(line, 4, static_cast<int32_t>(row) * line_height() + 4);
  }

 private:
  void push(uint16_t x, uint16_t y, uint16_t w, uint16_t h, const uint8_t* px) {
    const lgfx::swap565_t* data = reinterpret_cast<const lgfx::swap565_t*>(px);
    if (dma_) {
      if (!batch_) {  // one transaction from the first DMA strip to finish()
        gfx_.startWrite();
        batch_ = true;
      }
      gfx_.waitDMA();  // at most one transfer in flight: the buffer we fill next is free
      gfx_.pushImageDMA(x, y, w, h, data);
      return;
    }
    gfx_.startWrite();
    gfx_.pushImage(x, y, w, h, data);
    gfx_.endWrite();
  }

  Device& gfx_;
  size_t strip_pixels_;
  uint16_t* strips_[2];
  uint8_t next_;
  bool dma_;
  bool batch_;
};

}  // namespace device
}  // namespace tfts

#endif
