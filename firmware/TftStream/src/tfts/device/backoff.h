// Backoff: the delay before the next connection attempt, doubling from min to max after each
// failure and starting over after a session that got as far as WELCOME (so a server restart
// is picked up within max, and a dead server is not hammered). Freestanding, no clock: the
// caller adds the delay to its own now_ms.
#ifndef TFTS_DEVICE_BACKOFF_H
#define TFTS_DEVICE_BACKOFF_H

#include <stdint.h>

namespace tfts {
namespace device {

class Backoff {
 public:
  Backoff(uint32_t min_ms, uint32_t max_ms)
      : min_ms_(min_ms), max_ms_(max_ms < min_ms ? min_ms : max_ms), next_ms_(min_ms) {}

  // The delay to wait now; the one after it is twice as long (up to max).
  uint32_t next() {
    const uint32_t d = next_ms_;
    next_ms_ = next_ms_ > max_ms_ / 2 ? max_ms_ : next_ms_ * 2;
    return d;
  }
  void reset() { next_ms_ = min_ms_; }

 private:
  uint32_t min_ms_;
  uint32_t max_ms_;
  uint32_t next_ms_;
};

}  // namespace device
}  // namespace tfts

#endif
