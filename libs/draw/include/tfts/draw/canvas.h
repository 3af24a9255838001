// Canvas: Cairo drawing straight into a frame (core::RgbPlane, 0x00RRGGBB), at panel
// resolution. It draws the items of items.h; text goes through a Typesetter so it is set
// exactly as it was measured. Cairo stays inside canvas.cpp.
//
// Drawing is deterministic: the same items on the same frame give the same pixels. Rectangles
// and fills are whole pixels (no anti-aliased edges); curves, graph lines and smooth text are
// anti-aliased.
#pragma once

#include <memory>
#include <string>

#include "tfts/core/plane.h"
#include "tfts/draw/items.h"
#include "tfts/draw/typesetter.h"

namespace tfts::draw {

class Canvas {
 public:
  /// Draws into `frame`, which must not be empty and must outlive the canvas unresized; the
  /// typesetter too. Construct one per frame drawn; it is cheap.
  Canvas(core::RgbPlane& frame, Typesetter& typesetter);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  int width() const;
  int height() const;

  void fill(const FillItem& item);
  void line(const LineItem& item);
  void panel(const PanelItem& item);
  void text(const TextRun& run);
  void sparkline(const Sparkline& item);
  void bar_gauge(const BarGauge& item);
  void ring_gauge(const RingGauge& item);

  /// Ends drawing: flushes Cairo and clears the unused top byte of every pixel (frames promise
  /// 0x00RRGGBB). False and a sentence in `error` if Cairo failed (out of memory); the frame is
  /// then partly drawn. Nothing may be drawn after it.
  [[nodiscard]] bool finish(std::string& error);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfts::draw
