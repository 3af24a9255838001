// Fake LovyanGFX (v1 API) for the host tests: the colour types and the LGFX_Device methods the
// TftStream adapter and the example use, drawing into a FakePanel. What it models:
//  * pushImage/pushImageDMA take the pixel type from the pointer: swap565_t = bytes already in
//    panel (big-endian) order, rgb565_t = native values, uint16_t = either, by setSwapBytes
//    (false, the default: big-endian). A uint8_t pointer is an RGB332 image, as upstream: a
//    byte buffer passed without a cast draws as garbage here too (and is counted).
//  * Colours passed by value: uint16_t = RGB565, uint32_t = RGB888, int = RGB565 (assumed).
//  * startWrite/endWrite nest (upstream keeps a count); DMA completes synchronously and never
//    touches the caller's buffer.
// Size: the sketch's Panel config_t panel_width x panel_height, or TFTS_HOST_PANEL=WxH.
#ifndef TFTS_HOST_SHIM_LOVYANGFX_HPP
#define TFTS_HOST_SHIM_LOVYANGFX_HPP

#include <stddef.h>
#include <stdint.h>

#include <vector>

#include "Arduino.h"
#include "FakePanel.h"
#include "LgfxBoard.hpp"
#include "TftColours.h"

#ifndef LGFX_USE_V1
#define LGFX_USE_V1
#endif

namespace lgfx {
inline namespace v1 {

// RGB565 with its bytes in panel order: raw is the uint16_t as it sits in memory.
struct swap565_t {
  uint16_t raw;
  swap565_t() : raw(0) {}
  swap565_t(uint8_t r8, uint8_t g8, uint8_t b8) {
    uint16_t v = static_cast<uint16_t>((r8 >> 3) << 11 | (g8 >> 2) << 5 | b8 >> 3);
    raw = static_cast<uint16_t>(v << 8 | v >> 8);
  }
};
// RGB565 as a native value (0xF800 is red).
struct rgb565_t {
  uint16_t raw;
  rgb565_t() : raw(0) {}
  explicit rgb565_t(uint16_t v) : raw(v) {}
  rgb565_t(uint8_t r8, uint8_t g8, uint8_t b8)
      : raw(static_cast<uint16_t>((r8 >> 3) << 11 | (g8 >> 2) << 5 | b8 >> 3)) {}
};

enum textdatum_t : uint8_t {
  top_left = 0, top_center = 1, top_right = 2, middle_left = 3, middle_center = 4,
  middle_right = 5, bottom_left = 6, bottom_center = 7, bottom_right = 8,
};

class LGFX_Device {
 public:
  LGFX_Device() : panel_("LovyanGFX", 240, 320) {}

  void setPanel(Panel_Device* panel) { board_panel_ = panel; }
  bool init() {
    if (board_panel_ != nullptr) {
      PanelConfig cfg = board_panel_->config();
      panel_.set_native_size(cfg.panel_width, cfg.panel_height);
    }
    panel_.init();
    return true;
  }
  bool begin() { return init(); }
  void setRotation(uint_fast8_t r) { panel_.set_rotation(static_cast<uint8_t>(r)); }
  uint_fast8_t getRotation() const { return panel_.rotation(); }
  int32_t width() const { return panel_.width(); }
  int32_t height() const { return panel_.height(); }
  void setSwapBytes(bool swap) { swap_ = swap; }
  bool getSwapBytes() const { return swap_; }
  void setBrightness(uint8_t) {}

  void startWrite(bool transaction = true) { (void)transaction; panel_.begin_write(); }
  void endWrite() { panel_.end_write(); }
  void setAddrWindow(int32_t x, int32_t y, int32_t w, int32_t h) { panel_.set_window(x, y, w, h); }
  void pushPixels(const uint16_t* data, int32_t len, bool swap) {
    panel_.push_window(bytes(data), static_cast<uint32_t>(len), swap ? native : big, false);
  }
  void pushPixels(const uint16_t* data, int32_t len) { pushPixels(data, len, swap_); }
  void pushPixels(const swap565_t* data, int32_t len) {
    panel_.push_window(bytes(data), static_cast<uint32_t>(len), big, false);
  }
  void pushPixels(const rgb565_t* data, int32_t len) {
    panel_.push_window(bytes(data), static_cast<uint32_t>(len), native, false);
  }

  void pushImage(int32_t x, int32_t y, int32_t w, int32_t h, const swap565_t* data) {
    panel_.push_rect(x, y, w, h, bytes(data), big);
  }
  void pushImage(int32_t x, int32_t y, int32_t w, int32_t h, const rgb565_t* data) {
    panel_.push_rect(x, y, w, h, bytes(data), native);
  }
  void pushImage(int32_t x, int32_t y, int32_t w, int32_t h, const uint16_t* data) {
    panel_.push_rect(x, y, w, h, bytes(data), swap_ ? native : big);
  }
  void pushImage(int32_t x, int32_t y, int32_t w, int32_t h, const uint8_t* data) {
    push_rgb332(x, y, w, h, data);
  }
  template <typename T>
  void pushImageDMA(int32_t x, int32_t y, int32_t w, int32_t h, const T* data) {
    if (!dma_) panel_.count("dma_without_init");  // upstream falls back to a blocking push
    pushImage(x, y, w, h, data);
  }
  bool initDMA() { dma_ = true; return true; }
  void waitDMA() {}
  bool dmaBusy() { return false; }

  void fillRect(int32_t x, int32_t y, int32_t w, int32_t h, uint16_t color) {
    panel_.fill(x, y, w, h, color);
  }
  void fillRect(int32_t x, int32_t y, int32_t w, int32_t h, int color) {
    fillRect(x, y, w, h, static_cast<uint16_t>(color));
  }
  void fillRect(int32_t x, int32_t y, int32_t w, int32_t h, uint32_t rgb888) {
    fillRect(x, y, w, h, from_rgb888(rgb888));
  }
  void fillRect(int32_t x, int32_t y, int32_t w, int32_t h, rgb565_t c) {
    fillRect(x, y, w, h, c.raw);
  }
  template <typename C>
  void fillScreen(C color) { fillRect(0, 0, width(), height(), color); }

  void setTextColor(uint16_t fg, uint16_t bg) { fg_ = fg; bg_ = bg; }
  void setTextColor(uint16_t fg) { fg_ = bg_ = fg; }
  void setTextDatum(uint8_t datum) { datum_ = datum; }
  void setTextDatum(textdatum_t datum) { datum_ = static_cast<uint8_t>(datum); }
  void setTextSize(float size) { size_ = size >= 1.0f ? static_cast<int32_t>(size) : 1; }
  size_t drawString(const char* s, int32_t x, int32_t y) {
    int32_t w = panel_.draw_text(s, x, y, 6 * size_, fontHeight(), datum_, fg_, bg_);
    return static_cast<size_t>(w);
  }
  int32_t fontHeight() const { return 8 * size_; }  // font0 (the 6 x 8 GLCD font)
  int32_t textWidth(const char* s) const { return static_cast<int32_t>(strlen(s)) * 6 * size_; }

 private:
  static const FakePanel::ByteOrder big = FakePanel::ByteOrder::big_endian;
  static const FakePanel::ByteOrder native = FakePanel::ByteOrder::native;
  template <typename T>
  static const uint8_t* bytes(const T* p) { return reinterpret_cast<const uint8_t*>(p); }
  static uint16_t from_rgb888(uint32_t c) {
    return static_cast<uint16_t>(((c >> 19) & 0x1F) << 11 | ((c >> 10) & 0x3F) << 5 |
                                 ((c >> 3) & 0x1F));
  }
  void push_rgb332(int32_t x, int32_t y, int32_t w, int32_t h, const uint8_t* data) {
    panel_.count("rgb332_pushes");
    std::vector<uint16_t> px(static_cast<size_t>(w > 0 && h > 0 ? w * h : 0));
    for (size_t i = 0; i < px.size(); ++i) {
      // RRRGGGBB, each field widened by bit replication.
      unsigned r3 = data[i] >> 5, g3 = (data[i] >> 2) & 7, b2 = data[i] & 3;
      unsigned r = r3 << 2 | r3 >> 1, g = g3 << 3 | g3, b = b2 << 3 | b2 << 1 | b2 >> 1;
      px[i] = static_cast<uint16_t>(r << 11 | g << 5 | b);
    }
    panel_.push_rect(x, y, w, h, bytes(px.data()), native);
  }

  FakePanel panel_;
  Panel_Device* board_panel_ = nullptr;
  bool swap_ = false;
  bool dma_ = false;
  uint16_t fg_ = TFT_WHITE, bg_ = TFT_BLACK;
  uint8_t datum_ = TL_DATUM;
  int32_t size_ = 1;
};

}  // namespace v1
}  // namespace lgfx

// Upstream also offers the device class at global scope for auto-detected boards.
using lgfx::LGFX_Device;

#endif
