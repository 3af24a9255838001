// Turns "what the display should show" into one protocol frame, against a shadow of what the
// display holds now, and brings the shadow up to date. One FrameEncoder per display session;
// not thread-safe (a session is served by one thread at a time).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "tfts/codec/scroll_finder.h"
#include "tfts/codec/tile_stats.h"
#include "tfts/core/plane.h"
#include "tfts/core/rect.h"
#include "tfts/pipeline/tile_mask.h"

namespace tfts::codec {

// What the display declared in its HELLO.
struct DisplayCaps {
  int width = 0;
  int height = 0;
  uint16_t codecs = proto::kAllCodecs;
  uint32_t max_payload = 8192;
  bool framebuffer = false;  // enables COPY (scroll) rectangles
};

struct FrameStats {
  size_t bytes = 0;  // everything appended, frame markers included
  int rects = 0;
  long pixels = 0;   // pixels covered by rectangles
  std::array<int, proto::kCodecCount> rects_by_codec{};
  std::array<size_t, proto::kCodecCount> bytes_by_codec{};
};

class FrameEncoder {
 public:
  explicit FrameEncoder(const DisplayCaps& caps);

  // Appends FRAME_BEGIN(seq), the rectangles that bring `shadow` to `target`, and FRAME_END to
  // `out`, and applies them to `shadow`. Pixels whose per-channel error is at most `max_error`
  // (8-bit units) may stay behind; 0 sends every difference. Appends nothing, and returns zero
  // stats, when nothing needs sending. `target` and `shadow` have the display's size.
  // `full_refresh` ignores the shadow and sends everything (a display that just connected).
  // `candidates`, when given, limits the comparison to its tiles: the caller guarantees that
  // target and shadow are equal everywhere else (principle 2: the screen diffs once).
  FrameStats encode(core::PlaneView<const uint16_t> target, core::Rgb565Plane& shadow,
                    int max_error, uint32_t seq, std::vector<uint8_t>& out,
                    bool full_refresh = false, const pipeline::TileMask* candidates = nullptr);

  const DisplayCaps& caps() const { return caps_; }

 private:
  struct Output {
    std::vector<uint8_t>& bytes;
    core::Rgb565Plane& shadow;
    FrameStats& stats;
  };
  // Analyses r into `stats`; returns its cost in bytes (header + best payload).
  size_t analyse(core::PlaneView<const uint16_t> target, const core::Rect& r,
                 TileStats& stats) const;
  // Emits a COPY for a scrolled band and moves the shadow the same way; true if it did.
  bool emit_scroll(core::PlaneView<const uint16_t> target, Output& o);
  void emit_damage(core::PlaneView<const uint16_t> target, Output& o);
  // Emits r from cur_stats_, analysing it first when the stats describe a smaller rectangle.
  void flush_rect(core::PlaneView<const uint16_t> target, const core::Rect& r, bool stale,
                  Output& o);
  void emit_rect(core::PlaneView<const uint16_t> target, const core::Rect& r,
                 const TileStats& analysed, Output& o);

  DisplayCaps caps_;
  std::vector<core::Rect> damage_;
  // Analysis buffers, kept to reuse their run storage across frames.
  TileStats cur_stats_, alone_stats_, union_stats_;
  ScrollFinder scroll_finder_;
};

}  // namespace tfts::codec
