// A token bucket: on average `rate` events per second, in bursts of at most `burst`. For
// expensive answers (screenshots are PNG-encoded on the network thread). Not thread-safe.
#pragma once

#include <algorithm>
#include <chrono>

namespace tfts::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst), tokens_(burst) {}

  // True (and one token spent) when an event may happen at `now`.
  bool allow(Clock::time_point now = Clock::now()) {
    if (last_ != Clock::time_point{}) {
      tokens_ = std::min(burst_, tokens_ + rate_ * std::chrono::duration<double>(now - last_).count());
    }
    last_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point last_{};
};

}  // namespace tfts::http
