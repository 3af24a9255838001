// Fake TFT_eSPI (v2.5.x API) for the host tests: the methods the TftStream adapter and the
// example use, with the library's signatures, drawing into a FakePanel. What it models:
//  * setSwapBytes(false), the default: pushImage/pushPixels send buffer bytes verbatim, so the
//    panel reads [b0, b1] as b0 << 8 | b1; with true the buffer holds native values.
//  * fillRect/fillScreen/text colours are native values whatever the swap flag.
//  * pushImageDMA does nothing until initDMA() (as the ESP32 code returns early), swaps the
//    caller's buffer in place when swapping is on and buffer == nullptr, and otherwise copies
//    (with the swap) into `buffer` first. Transfers complete synchronously.
//  * startWrite/endWrite: counted; an endWrite without startWrite is a slip the log reports.
// Size at rotation 0: TFT_WIDTH x TFT_HEIGHT (defaults 240 x 320, a typical ST7789), or the
// environment's TFTS_HOST_PANEL=WxH.
#ifndef TFTS_HOST_SHIM_TFT_ESPI_H
#define TFTS_HOST_SHIM_TFT_ESPI_H

#include <stdint.h>

#include "Arduino.h"
#include "FakePanel.h"
#include "TftColours.h"

// TFT_eSPI 2.5+ reads a sketch's <tft_setup.h> when it is on the include path (the host build
// puts the sketch folder there, as platform.local.txt does on the device); only its
// TFT_WIDTH / TFT_HEIGHT matter here.
#if defined(__has_include)
#if __has_include(<tft_setup.h>)
#include <tft_setup.h>
#endif
#endif

#ifndef TFT_WIDTH
#define TFT_WIDTH 240
#endif
#ifndef TFT_HEIGHT
#define TFT_HEIGHT 320
#endif

class TFT_eSPI {
 public:
  TFT_eSPI(int16_t w = TFT_WIDTH, int16_t h = TFT_HEIGHT) : panel_("TFT_eSPI", w, h) {}

  void init(uint8_t tc = 0) { (void)tc; panel_.init(); }
  void begin(uint8_t tc = 0) { init(tc); }
  void setRotation(uint8_t r) { panel_.set_rotation(r); }
  uint8_t getRotation() { return panel_.rotation(); }
  int16_t width() { return static_cast<int16_t>(panel_.width()); }
  int16_t height() { return static_cast<int16_t>(panel_.height()); }
  void setSwapBytes(bool swap) { swap_ = swap; }
  bool getSwapBytes() { return swap_; }

  void startWrite() { panel_.begin_write(); }
  void endWrite() { panel_.end_write(); }
  void setAddrWindow(int32_t x, int32_t y, int32_t w, int32_t h) { panel_.set_window(x, y, w, h); }
  void pushPixels(const void* data, uint32_t len) {
    panel_.push_window(static_cast<const uint8_t*>(data), len, order());
  }
  void pushImage(int32_t x, int32_t y, int32_t w, int32_t h, uint16_t* data) {
    panel_.push_rect(x, y, w, h, reinterpret_cast<const uint8_t*>(data), order());
  }
  void pushImage(int32_t x, int32_t y, int32_t w, int32_t h, const uint16_t* data) {
    panel_.push_rect(x, y, w, h, reinterpret_cast<const uint8_t*>(data), order());
  }
  void fillRect(int32_t x, int32_t y, int32_t w, int32_t h, uint32_t color) {
    panel_.fill(x, y, w, h, static_cast<uint16_t>(color));
  }
  void fillScreen(uint32_t color) { fillRect(0, 0, panel_.width(), panel_.height(), color); }

  void setTextColor(uint16_t fg, uint16_t bg, bool bgfill = false) {
    (void)bgfill;
    fg_ = fg;
    bg_ = bg;
  }
  void setTextColor(uint16_t fg) { fg_ = bg_ = fg; }  // one colour: transparent background
  void setTextDatum(uint8_t datum) { datum_ = datum; }
  uint8_t getTextDatum() { return datum_; }
  void setTextFont(uint8_t font) { font_ = font; }
  void setTextSize(uint8_t size) { size_ = size > 0 ? size : 1; }
  int16_t drawString(const char* s, int32_t x, int32_t y, uint8_t font) {
    return static_cast<int16_t>(panel_.draw_text(s, x, y, glyph_width(font), fontHeight(font),
                                                 datum_, fg_, bg_));
  }
  int16_t drawString(const char* s, int32_t x, int32_t y) { return drawString(s, x, y, font_); }
  int16_t drawString(const String& s, int32_t x, int32_t y, uint8_t font) {
    return drawString(s.c_str(), x, y, font);
  }
  int16_t drawString(const String& s, int32_t x, int32_t y) { return drawString(s.c_str(), x, y); }
  // The built-in fonts' heights (GLCD 8, font 2 16, font 4 26, 6/7 48, 8 75), times text size.
  int16_t fontHeight(uint8_t font) {
    static const int16_t kHeights[9] = {8, 8, 16, 16, 26, 26, 48, 48, 75};
    return static_cast<int16_t>(kHeights[font < 9 ? font : 1] * size_);
  }
  int16_t fontHeight() { return fontHeight(font_); }
  int16_t textWidth(const char* s, uint8_t font) {
    return static_cast<int16_t>(strlen(s) * static_cast<size_t>(glyph_width(font)));
  }

  bool initDMA(bool ctrl_cs = false) { (void)ctrl_cs; dma_ = true; return true; }
  void deInitDMA() { dma_ = false; }
  void pushImageDMA(int32_t x, int32_t y, int32_t w, int32_t h, uint16_t* data,
                    uint16_t* buffer = nullptr);
  bool dmaBusy() { return false; }  // transfers finish inside pushImageDMA
  void dmaWait() {}

 private:
  FakePanel::ByteOrder order() const {
    return swap_ ? FakePanel::ByteOrder::native : FakePanel::ByteOrder::big_endian;
  }
  int32_t glyph_width(uint8_t font) { return fontHeight(font) * 3 / 4; }

  FakePanel panel_;
  bool swap_ = false;
  bool dma_ = false;
  uint16_t fg_ = TFT_WHITE, bg_ = TFT_WHITE;
  uint8_t datum_ = TL_DATUM;
  uint8_t font_ = 1;
  uint8_t size_ = 1;
};

// The DMA push, inline so the sketch's translation unit needs no extra object file.
inline void TFT_eSPI::pushImageDMA(int32_t x, int32_t y, int32_t w, int32_t h, uint16_t* data,
                                   uint16_t* buffer) {
  if (w <= 0 || h <= 0) return;
  if (!dma_) {
    panel_.count("dma_without_init");  // the real call returns without drawing
    return;
  }
  // The ESP32 code needs the transaction open (CS low) for the DMA transfer.
  if (panel_.write_depth() == 0) panel_.count("pixels_outside_write");
  size_t n = static_cast<size_t>(w) * static_cast<size_t>(h);
  uint16_t* send = data;
  if (buffer != nullptr) {
    for (size_t i = 0; i < n; ++i) buffer[i] = data[i];
    send = buffer;
  }
  // With swapping on, the library swaps the buffer it sends *in place* (the caller's one when
  // buffer == nullptr), then the DMA sends its bytes verbatim.
  if (swap_) {
    for (size_t i = 0; i < n; ++i) send[i] = static_cast<uint16_t>(send[i] << 8 | send[i] >> 8);
  }
  panel_.push_rect(x, y, w, h, reinterpret_cast<const uint8_t*>(send),
                   FakePanel::ByteOrder::big_endian);
}

#endif
