// FakePanel: the panel behind the fake TFT_eSPI and LovyanGFX classes of the host tests. It
// keeps what the glass would show as native RGB565 values and interprets pixel buffers the way
// the SPI panel does, so a wrong byte order shows up as wrong pixels in the PNG, not as a pass:
// `big_endian` buffers (swap off) are read as b0 << 8 | b1, `native` ones as the CPU's uint16_t.
// It also checks the call discipline the real libraries need (balanced startWrite/endWrite,
// pixels pushed inside a write transaction, DMA initialised) and counts each slip; the log
// written by save_log() lists the counters and the text currently on the screen.
// Not thread safe: the sketch, like the device's loop task, calls it from one thread.
#ifndef TFTS_HOST_SHIM_FAKE_PANEL_H
#define TFTS_HOST_SHIM_FAKE_PANEL_H

#include <stddef.h>
#include <stdint.h>

#include <map>
#include <string>
#include <vector>

class FakePanel {
 public:
  enum class ByteOrder { big_endian, native };

  // The size at rotation 0. TFTS_HOST_PANEL=WxH in the environment overrides it, so a test
  // decides the glass whatever the sketch's board configuration says.
  FakePanel(const char* library, int32_t native_w, int32_t native_h);
  ~FakePanel();
  FakePanel(const FakePanel&) = delete;
  FakePanel& operator=(const FakePanel&) = delete;

  // The panel the host program saves at exit: the last one initialised.
  static FakePanel* active();
  void init();
  // A board configuration's panel size (LovyanGFX config_t); the environment still wins.
  void set_native_size(int32_t w, int32_t h);

  void set_rotation(uint8_t r);
  uint8_t rotation() const { return rotation_; }
  int32_t width() const { return w_; }
  int32_t height() const { return h_; }

  void begin_write();
  void end_write();
  int write_depth() const { return depth_; }
  // The host loop calls this after each loop(): an open transaction there is worth a count.
  void loop_returned();

  // setAddrWindow + pushPixels: pixels fill the window row by row from its top left.
  void set_window(int32_t x, int32_t y, int32_t w, int32_t h);
  // `needs_transaction`: the library needs CS held by startWrite around window + pixels
  // (TFT_eSPI); LovyanGFX's pushPixels opens its own transaction.
  void push_window(const uint8_t* bytes, uint32_t count, ByteOrder order,
                   bool needs_transaction = true);
  // pushImage: a w x h block of pixels at (x, y), clipped to the screen.
  void push_rect(int32_t x, int32_t y, int32_t w, int32_t h, const uint8_t* bytes,
                 ByteOrder order);
  void fill(int32_t x, int32_t y, int32_t w, int32_t h, uint16_t colour);
  // Draws a string as one glyph box per character (fg box on bg cell; spaces bg only) and
  // records it as text on the screen. `datum` uses TFT_eSPI's numbering (TL_DATUM = 0 ...).
  // Returns the width in pixels.
  int32_t draw_text(const char* text, int32_t x, int32_t y, int32_t glyph_w, int32_t glyph_h,
                    uint8_t datum, uint16_t fg, uint16_t bg);
  uint16_t pixel(int32_t x, int32_t y) const { return fb_[static_cast<size_t>(y * w_ + x)]; }

  // For the shim's own tests: a counter's value, and whether `text` is on the screen now.
  unsigned long counter(const char* what) const {
    auto it = counters_.find(what);
    return it == counters_.end() ? 0 : it->second;
  }
  bool shows_text(const char* text) const {
    for (const auto& t : text_)
      if (t.text == text) return true;
    return false;
  }

  // A slip in how the library is driven ("pixels_outside_write", "dma_without_init", ...).
  void count(const char* what) { ++counters_[what]; }

  // Both write to `path`.tmp and rename, so a reader never sees half a file.
  bool save_png(const char* path) const;
  bool save_log(const char* path) const;

 private:
  struct TextOnScreen {
    int32_t x, y, w, h;
    std::string text;
  };
  // Text whose box is painted over is no longer on the screen.
  void forget_text_under(int32_t x, int32_t y, int32_t w, int32_t h);
  static uint16_t read_pixel(const uint8_t* p, ByteOrder order) {
    return order == ByteOrder::big_endian ? static_cast<uint16_t>(p[0] << 8 | p[1])
                                          : static_cast<uint16_t>(p[0] | p[1] << 8);
  }

  std::string library_;
  int32_t native_w_, native_h_;
  bool size_from_env_ = false;
  int32_t w_, h_;
  uint8_t rotation_ = 0;
  std::vector<uint16_t> fb_;
  int depth_ = 0;
  int32_t win_x_ = 0, win_y_ = 0, win_w_ = 0, win_h_ = 0;
  uint32_t win_pos_ = 0;
  std::vector<TextOnScreen> text_;
  std::vector<std::string> history_;  // every distinct string drawn, in first-drawn order
  std::map<std::string, unsigned long> counters_;
};

#endif
