// TestCardSource: the animated test card, the first picture a newcomer sees and the source that
// always works (no capture backend, no files). It shows what a panel gets wrong: colour bars
// (red/blue swapped, missing channel), a grey step ramp and RGB gradients (gamma, RGB565
// banding), a grid and a circle (aspect ratio, scaling), a border (panel offset, cropped edges),
// a bouncing ball (motion, dropped frames) and a clock with a frame counter (latency, stalls).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "tfts/source/frame_source.h"

namespace tfts::source {

struct TestCardOptions {
  int width = 640;  // picture size, clamped to [kMinSize, kMaxSize]
  int height = 480;
  double fps = 30;  // numbers the frames on the card: floor(elapsed * fps); invalid: 30
  // The wall time shown by the clock. Empty: std::chrono::system_clock::now. Tests inject a
  // fixed time so that the picture is reproducible.
  std::function<std::chrono::system_clock::time_point()> wall_clock;

  static constexpr int kMinSize = 16;    // below this nothing on the card is recognisable
  static constexpr int kMaxSize = 8192;  // larger than any capture this server handles
};

/// Renders the card with Cairo. The picture is a pure function of the elapsed time
/// (`now` minus the `now` of the first grab()) and the wall clock's second, so a test that fixes
/// both gets identical pixels. grab() returns `changed` whenever one of them differs from the
/// previous call (the ball moves, so in practice every call) and `unchanged` otherwise.
/// `failed` only if Cairo cannot render (out of memory).
class TestCardSource final : public FrameSource {
 public:
  explicit TestCardSource(TestCardOptions options = {});

  GrabResult grab(core::RgbPlane& frame, Clock::time_point now) override;

  /// "test:WxH".
  std::string describe() const override;

  int width() const { return options_.width; }
  int height() const { return options_.height; }

 private:
  TestCardOptions options_;
  std::optional<Clock::time_point> t0_;  // set by the first grab()
  // What the last picture was made from; the same inputs make the same picture.
  std::optional<Clock::duration> last_elapsed_;
  int64_t last_wall_second_ = 0;
};

}  // namespace tfts::source
