// A Prometheus counter: a value that only goes up (frames, bytes, errors). Lock-free and
// allocation-free, so the hot paths (a frame sent, an ACK) can count without cost.
#pragma once

#include <atomic>
#include <cstdint>

namespace tfts::metrics {

class Counter {
 public:
  void add(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

}  // namespace tfts::metrics
