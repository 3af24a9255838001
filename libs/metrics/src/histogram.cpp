#include "tfts/metrics/histogram.h"

#include <algorithm>

namespace tfts::metrics {

Histogram::Histogram(std::span<const double> bounds) {
  size_ = std::min(bounds.size(), kMaxBuckets);
  std::copy_n(bounds.begin(), size_, bounds_.begin());
}

void Histogram::observe(double v) {
  // A linear scan: at most 20 compares, cheaper than a binary search's branches at this size.
  size_t i = 0;
  while (i < size_ && v > bounds_[i]) ++i;
  if (i < size_) counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

uint64_t Histogram::cumulative(size_t i) const {
  uint64_t total = 0;
  for (size_t k = 0; k <= i && k < size_; ++k) total += counts_[k].load(std::memory_order_relaxed);
  return total;
}

std::span<const double> stage_buckets() {
  static constexpr double kBounds[] = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                       0.01,    0.025,  0.05,    0.1,    0.25,  0.5,    1.0};
  return kBounds;
}

std::span<const double> latency_buckets() {
  static constexpr double kBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                       0.1,   0.25,   0.5,   1.0,  2.5,   5.0, 10.0};
  return kBounds;
}

}  // namespace tfts::metrics
