#include "tfts/source/test_card_source.h"

#include <time.h>  // localtime_r (POSIX): std::localtime shares one buffer between threads

#include <algorithm>
#include <cmath>
#include <utility>

#include "test_card_painter.h"

namespace tfts::source {

TestCardSource::TestCardSource(TestCardOptions options) : options_(std::move(options)) {
  options_.width = std::clamp(options_.width, TestCardOptions::kMinSize, TestCardOptions::kMaxSize);
  options_.height =
      std::clamp(options_.height, TestCardOptions::kMinSize, TestCardOptions::kMaxSize);
  if (!std::isfinite(options_.fps) || options_.fps <= 0) options_.fps = 30;
  if (!options_.wall_clock) options_.wall_clock = [] { return std::chrono::system_clock::now(); };
}

GrabResult TestCardSource::grab(core::RgbPlane& frame, Clock::time_point now) {
  if (!t0_) t0_ = now;
  // A clock that goes back before the first grab shows the first picture.
  const Clock::duration elapsed = std::max(now - *t0_, Clock::duration::zero());
  const auto wall_second =
      std::chrono::floor<std::chrono::seconds>(options_.wall_clock().time_since_epoch()).count();
  const bool same_size = frame.width() == options_.width && frame.height() == options_.height;
  if (same_size && last_elapsed_ == elapsed && last_wall_second_ == wall_second) {
    return GrabResult::unchanged();
  }

  TestCardState state;
  state.elapsed_s = std::chrono::duration<double>(elapsed).count();
  state.frame = static_cast<int64_t>(std::floor(state.elapsed_s * options_.fps));
  const auto t = static_cast<time_t>(wall_second);
  tm local{};
  if (localtime_r(&t, &local) != nullptr) {
    state.hour = local.tm_hour;
    state.minute = local.tm_min;
    state.second = local.tm_sec;
  }

  std::string error;
  if (!paint_test_card(frame, options_.width, options_.height, state, error)) {
    last_elapsed_.reset();  // the frame is partly painted: repaint on the next call
    return GrabResult::failed(std::move(error));
  }
  last_elapsed_ = elapsed;
  last_wall_second_ = wall_second;
  return GrabResult::changed();
}

std::string TestCardSource::describe() const {
  return "test:" + std::to_string(options_.width) + "x" + std::to_string(options_.height);
}

}  // namespace tfts::source
