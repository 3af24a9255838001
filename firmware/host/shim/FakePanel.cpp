// FakePanel implementation: framebuffer, byte-order model, call-discipline counters, and the
// PNG + text log the host tests read (see FakePanel.h).
#include "FakePanel.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>

#include "WiFiClient.h"

namespace {

FakePanel* g_active = nullptr;

// TFT_eSPI datum numbering: column = datum % 3 (left, centre, right), row = datum / 3 (top,
// middle, bottom; 3 = baseline, treated as bottom).
void apply_datum(uint8_t datum, int32_t w, int32_t h, int32_t* x, int32_t* y) {
  int col = datum % 3;
  int row = datum / 3;
  if (col == 1) *x -= w / 2;
  if (col == 2) *x -= w;
  if (row == 1) *y -= h / 2;
  if (row >= 2) *y -= h;
}

}  // namespace

FakePanel::FakePanel(const char* library, int32_t native_w, int32_t native_h)
    : library_(library), native_w_(native_w), native_h_(native_h) {
  const char* env = getenv("TFTS_HOST_PANEL");
  int ew = 0, eh = 0;
  if (env != nullptr && sscanf(env, "%dx%d", &ew, &eh) == 2 && ew > 0 && eh > 0) {
    native_w_ = ew;
    native_h_ = eh;
    size_from_env_ = true;
  }
  w_ = native_w_;
  h_ = native_h_;
  fb_.assign(static_cast<size_t>(w_ * h_), 0);
}

FakePanel::~FakePanel() {
  if (g_active == this) g_active = nullptr;
}

FakePanel* FakePanel::active() { return g_active; }

void FakePanel::init() {
  g_active = this;
  ++counters_["init"];
}

void FakePanel::set_native_size(int32_t w, int32_t h) {
  if (size_from_env_ || w <= 0 || h <= 0) return;
  native_w_ = w;
  native_h_ = h;
  set_rotation(rotation_);
}

void FakePanel::set_rotation(uint8_t r) {
  rotation_ = r & 3;
  int32_t w = (rotation_ & 1) ? native_h_ : native_w_;
  int32_t h = (rotation_ & 1) ? native_w_ : native_h_;
  if (w != w_ || h != h_) {
    // The glass keeps its content but it is now addressed sideways; nothing reads it back
    // meaningfully, so start from black.
    w_ = w;
    h_ = h;
    fb_.assign(static_cast<size_t>(w_ * h_), 0);
    text_.clear();
  }
}

void FakePanel::begin_write() {
  ++depth_;
  ++counters_["start_write"];
}

void FakePanel::end_write() {
  if (depth_ == 0) {
    count("unbalanced_end_write");
    return;
  }
  --depth_;
}

void FakePanel::loop_returned() {
  if (depth_ != 0) count("loop_returned_inside_write");
}

void FakePanel::set_window(int32_t x, int32_t y, int32_t w, int32_t h) {
  win_x_ = x;
  win_y_ = y;
  win_w_ = w;
  win_h_ = h;
  win_pos_ = 0;
}

void FakePanel::push_window(const uint8_t* bytes, uint32_t count_px, ByteOrder order,
                            bool needs_transaction) {
  // On ESP32 TFT_eSPI, setAddrWindow and pushPixels each toggle CS outside a transaction; the
  // data then no longer follows the RAMWR command on some panels.
  if (needs_transaction && depth_ == 0) count("pixels_outside_write");
  uint32_t area = static_cast<uint32_t>(std::max(0, win_w_) * std::max(0, win_h_));
  for (uint32_t i = 0; i < count_px; ++i, ++win_pos_) {
    if (win_pos_ >= area) {
      count("pixels_past_window");
      win_pos_ = 0;  // the controller wraps to the window's start
    }
    int32_t x = win_x_ + static_cast<int32_t>(win_pos_ % static_cast<uint32_t>(win_w_));
    int32_t y = win_y_ + static_cast<int32_t>(win_pos_ / static_cast<uint32_t>(win_w_));
    if (x < 0 || y < 0 || x >= w_ || y >= h_) {
      count("clipped_pixels");
      continue;
    }
    fb_[static_cast<size_t>(y * w_ + x)] = read_pixel(bytes + 2 * i, order);
  }
  forget_text_under(win_x_, win_y_, win_w_, win_h_);
  ++counters_["pushes"];
}

void FakePanel::push_rect(int32_t x, int32_t y, int32_t w, int32_t h, const uint8_t* bytes,
                          ByteOrder order) {
  if (w <= 0 || h <= 0) return;
  for (int32_t row = 0; row < h; ++row) {
    for (int32_t col = 0; col < w; ++col) {
      int32_t px = x + col, py = y + row;
      if (px < 0 || py < 0 || px >= w_ || py >= h_) {
        count("clipped_pixels");
        continue;
      }
      fb_[static_cast<size_t>(py * w_ + px)] =
          read_pixel(bytes + 2 * (static_cast<size_t>(row) * w + col), order);
    }
  }
  forget_text_under(x, y, w, h);
  ++counters_["pushes"];
}

void FakePanel::fill(int32_t x, int32_t y, int32_t w, int32_t h, uint16_t colour) {
  int32_t x0 = std::max(x, 0), y0 = std::max(y, 0);
  int32_t x1 = std::min(x + w, w_), y1 = std::min(y + h, h_);
  for (int32_t py = y0; py < y1; ++py)
    for (int32_t px = x0; px < x1; ++px) fb_[static_cast<size_t>(py * w_ + px)] = colour;
  forget_text_under(x, y, w, h);
  ++counters_["fills"];
}

int32_t FakePanel::draw_text(const char* text, int32_t x, int32_t y, int32_t glyph_w,
                             int32_t glyph_h, uint8_t datum, uint16_t fg, uint16_t bg) {
  int32_t n = static_cast<int32_t>(strlen(text));
  int32_t w = n * glyph_w;
  apply_datum(datum, w, glyph_h, &x, &y);
  forget_text_under(x, y, w, glyph_h);
  // A glyph: the cell in the background colour (when it differs: TFT_eSPI's "transparent"
  // text otherwise), and an inset box of the text colour.
  for (int32_t i = 0; i < n; ++i) {
    int32_t cx = x + i * glyph_w;
    if (fg != bg) fill(cx, y, glyph_w, glyph_h, bg);
    if (text[i] != ' ') fill(cx + 1, y + 1, glyph_w - 2, glyph_h - 2, fg);
  }
  text_.push_back(TextOnScreen{x, y, w, glyph_h, text});
  if (std::find(history_.begin(), history_.end(), text) == history_.end() &&
      history_.size() < 200) {
    history_.push_back(text);
  }
  ++counters_["strings"];
  return w;
}

void FakePanel::forget_text_under(int32_t x, int32_t y, int32_t w, int32_t h) {
  text_.erase(std::remove_if(text_.begin(), text_.end(),
                             [&](const TextOnScreen& t) {
                               return t.x < x + w && x < t.x + t.w && t.y < y + h && y < t.y + t.h;
                             }),
              text_.end());
}

bool FakePanel::save_png(const char* path) const {
  std::string tmp = std::string(path) + ".tmp";
  FILE* f = fopen(tmp.c_str(), "wb");
  if (f == nullptr) return false;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (png == nullptr || info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    fclose(f);
    return false;
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w_), static_cast<png_uint_32>(h_), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 1);  // written twice a second: speed over size
  png_write_info(png, info);
  std::vector<uint8_t> row(static_cast<size_t>(w_) * 3);
  for (int32_t y = 0; y < h_; ++y) {
    for (int32_t x = 0; x < w_; ++x) {
      // RGB565 -> RGB888 by bit replication, as `tftstream render` expands it.
      uint16_t v = fb_[static_cast<size_t>(y * w_ + x)];
      uint8_t r = v >> 11, g = (v >> 5) & 63, b = v & 31;
      row[3 * x] = static_cast<uint8_t>(r << 3 | r >> 2);
      row[3 * x + 1] = static_cast<uint8_t>(g << 2 | g >> 4);
      row[3 * x + 2] = static_cast<uint8_t>(b << 3 | b >> 2);
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  fclose(f);
  return rename(tmp.c_str(), path) == 0;
}

bool FakePanel::save_log(const char* path) const {
  std::string tmp = std::string(path) + ".tmp";
  FILE* f = fopen(tmp.c_str(), "w");
  if (f == nullptr) return false;
  fprintf(f, "library %s\nsize %dx%d\nrotation %u\nwrite_depth %d\n", library_.c_str(), w_, h_,
          rotation_, depth_);
  for (const auto& c : counters_) fprintf(f, "count %s %lu\n", c.first.c_str(), c.second);
  fprintf(f, "count net_connects %lu\ncount net_bytes_read %lu\ncount net_bytes_written %lu\n",
          g_wifi_client_counters.connects, g_wifi_client_counters.bytes_read,
          g_wifi_client_counters.bytes_written);
  std::vector<TextOnScreen> lines = text_;
  std::stable_sort(lines.begin(), lines.end(), [](const TextOnScreen& a, const TextOnScreen& b) {
    return a.y != b.y ? a.y < b.y : a.x < b.x;
  });
  for (const auto& t : lines) fprintf(f, "text %d %d %s\n", t.x, t.y, t.text.c_str());
  for (const auto& s : history_) fprintf(f, "drawn %s\n", s.c_str());
  fclose(f);
  return rename(tmp.c_str(), path) == 0;
}
