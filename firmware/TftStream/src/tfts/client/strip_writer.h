// Collects decoded pixels of one rectangle, in raster order, into whole-row strips of the
// work buffer and hands each full strip to the sink (private to the decoder).
#ifndef TFTS_CLIENT_STRIP_WRITER_H
#define TFTS_CLIENT_STRIP_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "pixel_store.h"
#include "tfts/client/display_sink.h"

namespace tfts {
namespace client {

struct StripWriter {
  // Codecs write big-endian pixels at `p` and call flush() when p == end.
  uint8_t* p;
  uint8_t* end;

  // `buf` must hold at least one row of `r` (r.w * 2 bytes).
  void begin(DisplaySink* sink, uint8_t* buf, size_t buf_bytes, const Rect& r) {
    sink_ = sink;
    buf_ = buf;
    rect_ = r;
    row_bytes_ = static_cast<size_t>(r.w) * 2;
    rows_per_strip_ = static_cast<uint16_t>(buf_bytes / row_bytes_);
    if (rows_per_strip_ > r.h) rows_per_strip_ = r.h;
    next_row_ = 0;
    open_strip();
  }

  // Sends the full strip; returns false when that was the rectangle's last row (p == end
  // stays true then, so any further pixel is detected as an overflow by the codec).
  bool flush() {
    Rect s = {rect_.x, static_cast<uint16_t>(rect_.y + next_row_), rect_.w, strip_rows_};
    sink_->write_pixels(s, buf_, row_bytes_);
    next_row_ = static_cast<uint16_t>(next_row_ + strip_rows_);
    if (next_row_ >= rect_.h) {
      p = end = buf_;
      return false;
    }
    open_strip();
    return true;
  }

  // Stores `run` copies of `token` from *at on, flushing full strips; *at and *at_end follow the
  // current strip. Returns false when the rectangle ended first (the run is corrupt), and sets
  // *done when the rectangle's last row went out.
  bool put_run(uint8_t** at, uint8_t** at_end, size_t run, uint16_t token, bool* done) {
    for (;;) {
      const size_t room = static_cast<size_t>(*at_end - *at) / 2;
      if (run < room) {  // the common case: the run fits, the strip stays open
        *at = fill_tokens(*at, run, token);
        return true;
      }
      *at = fill_tokens(*at, room, token);
      run -= room;
      p = *at;
      *done = !flush();
      *at = p;
      *at_end = end;
      if (*done) return run == 0;
      if (run == 0) return true;
    }
  }

  // True once every row of the rectangle went to the sink.
  bool complete() const { return next_row_ >= rect_.h; }

 private:
  void open_strip() {
    uint16_t left = static_cast<uint16_t>(rect_.h - next_row_);
    strip_rows_ = left < rows_per_strip_ ? left : rows_per_strip_;
    p = buf_;
    end = buf_ + row_bytes_ * strip_rows_;
  }

  DisplaySink* sink_;
  uint8_t* buf_;
  Rect rect_;
  size_t row_bytes_;
  uint16_t rows_per_strip_;
  uint16_t strip_rows_;
  uint16_t next_row_;
};

}  // namespace client
}  // namespace tfts

#endif
