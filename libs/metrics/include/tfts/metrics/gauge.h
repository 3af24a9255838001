// A Prometheus gauge: a value that goes up and down (frames in flight, free memory). Lock-free.
#pragma once

#include <atomic>

namespace tfts::metrics {

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

}  // namespace tfts::metrics
