// TftEspiPanel: tftstream's Panel on a Bodmer TFT_eSPI display (board and pins are configured
// in the sketch or build flags, never here; see examples/TFT_eSPI_Stream).
//
// Byte order: the decoder hands over RGB565 *big-endian* bytes, the order SPI panels take, so
// they are pushed verbatim with setSwapBytes(false): no per-pixel swap on the CPU. Fills and
// text colours are native uint16_t values, which TFT_eSPI sends correctly whatever the flag.
//
// Strips: the decoder reuses its strip memory as soon as write_pixels() returns, so with DMA
// (TFTS_USE_DMA=1, the default) each strip is copied into one of two caller-owned strip buffers
// and sent with pushImageDMA: the next strip decodes while the previous one transfers. Without
// DMA (-DTFTS_USE_DMA=0) pixels go out with pushPixels, straight from the decoder when the
// pointer is 4-byte aligned (TFT_eSPI's ESP32 code reads 32-bit words) and through strip_a
// otherwise.
//
// TFT_eSPI methods used: setSwapBytes, getSwapBytes, initDMA, width, height, startWrite,
// endWrite, setAddrWindow, pushPixels, pushImageDMA, dmaWait, fillRect, fillScreen,
// setTextColor, setTextDatum, drawString, fontHeight.
#ifndef TFTSTREAM_TFT_ESPI_H
#define TFTSTREAM_TFT_ESPI_H

#include <TFT_eSPI.h>
#include <stdint.h>
#include <string.h>

#include "tfts/device/config.h"
#include "tfts/device/panel.h"

#ifndef TFTS_USE_DMA
#define TFTS_USE_DMA 1
#endif

namespace tfts {
namespace device {

class TftEspiPanel : public Panel {
 public:
  // Pixels per strip buffer for a panel `width` wide: TFTS_DEVICE_PANEL_STRIP_ROWS rows.
  // Any size of at least one row works; larger means fewer, longer transfers.
  static constexpr size_t strip_pixels_for(uint16_t width) {
    return static_cast<size_t>(width) * TFTS_DEVICE_PANEL_STRIP_ROWS;
  }

  // Borrows `tft` and the strip buffers (strip_pixels each, in internal RAM: DMA cannot read
  // PSRAM). strip_b is only used with DMA and may be null otherwise. `font` is the TFT_eSPI
  // font number for the status screen (2 needs LOAD_FONT2; 1 is the built-in GLCD font).
  TftEspiPanel(TFT_eSPI& tft, uint16_t* strip_a, uint16_t* strip_b, size_t strip_pixels,
               uint8_t font = 2)
      : tft_(tft), font_(font), strip_pixels_(strip_pixels), next_(0), dma_(false),
        batch_(false) {
    strips_[0] = strip_a;
    strips_[1] = strip_b ? strip_b : strip_a;
  }

  // Call after tft.init() and tft.setRotation().
  void begin() {
    tft_.setSwapBytes(false);
#if TFTS_USE_DMA
    dma_ = strips_[1] != strips_[0] && tft_.initDMA();
#endif
  }

  uint16_t width() const { return static_cast<uint16_t>(tft_.width()); }
  uint16_t height() const { return static_cast<uint16_t>(tft_.height()); }
  uint16_t line_height() const { return static_cast<uint16_t>(tft_.fontHeight(font_)); }

  void write_pixels(const client::Rect& r, const uint8_t* px, size_t stride) {
    if (tft_.getSwapBytes()) tft_.setSwapBytes(false);  // other code may have turned it on
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
    if (dma_) tft_.dmaWait();  // fillRect drives the bus directly
    tft_.fillRect(r.x, r.y, r.w, r.h, rgb565);
  }

  // Never called: StreamClient declares no framebuffer, so the server sends no COPY.
  void copy(const client::Rect&, uint16_t, uint16_t) {}
  void frame_done(uint32_t) {}

  void finish() {
    if (!batch_) return;
    tft_.dmaWait();
    tft_.endWrite();
    batch_ = false;
  }

  void clear(uint16_t colour) {
    finish();
    tft_.fillScreen(colour);
  }

  void text(uint16_t row, const char* line, uint16_t colour, uint16_t background) {
    finish();
    tft_.setTextColor(colour, background);
    tft_.setTextDatum(0);  // TL_DATUM: (x, y) is the top left of the text
    tft_.drawString(line, 4, static_cast<int32_t>(row) * line_height() + 4, font_);
  }

 private:
  void push(uint16_t x, uint16_t y, uint16_t w, uint16_t h, const uint8_t* px) {
    if (dma_) {
      // One transaction from the first DMA strip to finish(): DMA needs the bus held.
      if (!batch_) {
        tft_.startWrite();
        batch_ = true;
      }
      tft_.dmaWait();  // at most one transfer in flight: the buffer we fill next is free
      tft_.pushImageDMA(x, y, w, h, reinterpret_cast<uint16_t*>(const_cast<uint8_t*>(px)));
      return;
    }
    tft_.startWrite();
    tft_.setAddrWindow(x, y, w, h);
    tft_.pushPixels(px, static_cast<uint32_t>(w) * h);
    tft_.endWrite();
  }

  TFT_eSPI& tft_;
  uint8_t font_;
  size_t strip_pixels_;
  uint16_t* strips_[2];
  uint8_t next_;
  bool dma_;    // initDMA() succeeded and two strip buffers were given
  bool batch_;  // startWrite() is open for DMA strips
};

}  // namespace device
}  // namespace tfts

#endif
