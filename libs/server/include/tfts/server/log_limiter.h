// At most one log line per interval for events a peer can trigger at will (connection floods,
// accept failures), so nobody can fill the disk through the log. Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

namespace tfts::server {

class LogLimiter {
 public:
  explicit LogLimiter(std::chrono::milliseconds interval = std::chrono::seconds(1))
      : interval_(interval) {}

  // True when a line may be logged now. Otherwise the event is counted as suppressed.
  bool allow() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < interval_) {
      ++suppressed_;
      return false;
    }
    last_ = now;
    return true;
  }
  // Events suppressed since the last call (to mention in the next line that is logged).
  uint64_t take_suppressed() {
    const uint64_t n = suppressed_;
    suppressed_ = 0;
    return n;
  }

 private:
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_{};
  uint64_t suppressed_ = 0;
};

}  // namespace tfts::server
