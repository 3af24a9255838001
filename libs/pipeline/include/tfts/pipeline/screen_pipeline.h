// The per-screen pipeline (design §2): resize to the display, colour correction, RGB565
// quantization. Produces the target frame that every session on the screen is diffed against.
// Owns its buffers, so steady-state processing allocates nothing. Not thread-safe.
#pragma once

#include "tfts/core/plane.h"
#include "tfts/pipeline/color_lut.h"
#include "tfts/pipeline/quantizer.h"

namespace tfts::pipeline {

// Seconds spent in each step of one process() call, for the server's stage metrics.
struct StageTimes {
  double resize = 0;
  double colour = 0;  // gamma/white-balance LUT and RGB565 quantization
};

struct ScreenParams {
  int width = 320;
  int height = 240;
  ColorParams color;
  bool dither = false;
};

class ScreenPipeline {
 public:
  explicit ScreenPipeline(const ScreenParams& params);

  // Turns one source frame (any size) into target(). The view stays valid until the next call.
  // `times`, when given, receives the time each step took.
  const core::Rgb565Plane& process(core::PlaneView<const uint32_t> source,
                                   StageTimes* times = nullptr);
  const core::Rgb565Plane& target() const { return target_; }

 private:
  ScreenParams params_;
  ColorLut lut_;
  Quantizer quantizer_;
  core::RgbPlane scaled_;
  core::Rgb565Plane target_;
};

}  // namespace tfts::pipeline
