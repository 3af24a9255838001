// A display running the seed project's firmware (docs/protocol.md §8), without I/O: no
// handshake and no ACK, so the size comes from the config and pacing comes from the socket (the
// transport asks for the next batch only when the previous one has been written). Like every
// session it diffs against a shadow of what the display holds, so it converges to exact.
#pragma once

#include <cstdint>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/core/rect.h"
#include "tfts/server/screen_frame.h"

namespace tfts::server {

class LegacySession {
 public:
  // `max_packet` is the most data bytes per packet (the seed firmware buffers 10 KiB).
  LegacySession(int width, int height, int max_packet);

  int width() const { return shadow_.width(); }
  int height() const { return shadow_.height(); }

  void offer(ScreenFramePtr frame, const pipeline::TileMask& damage);
  bool ready() const { return frame_ && (need_full_ || dirty_.any()); }
  // Appends the packets that bring the display to the newest frame; returns how many.
  int next_batch(std::vector<uint8_t>& out);

  uint64_t packets_sent() const { return packets_; }
  uint64_t batches_sent() const { return batches_; }

 private:
  int max_packet_;
  core::Rgb565Plane shadow_;
  pipeline::TileMask dirty_;
  ScreenFramePtr frame_;
  bool need_full_ = true;
  std::vector<core::Rect> damage_;
  uint64_t packets_ = 0;
  uint64_t batches_ = 0;
};

// Appends rectangle `r` of `img` as seed packets: 12-byte big-endian header (x, y, w, h as u16,
// data length as u32) and raw big-endian RGB565, at most `max_packet` data bytes each (row
// bands; column pieces of single rows when one row is too long). Returns the packet count.
int append_legacy_packets(const core::Rgb565Plane& img, const core::Rect& r, int max_packet,
                          std::vector<uint8_t>& out);

}  // namespace tfts::server
