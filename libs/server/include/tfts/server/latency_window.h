// The last N frame latencies of a session, for percentiles without unbounded memory.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace tfts::server {

class LatencyWindow {
 public:
  static constexpr size_t kCapacity = 1024;

  void add(double ms) {
    samples_[next_] = ms;
    next_ = (next_ + 1) % kCapacity;
    count_ = std::min(count_ + 1, kCapacity);
  }
  size_t count() const { return count_; }

  // The p-th percentile (0..100) of the samples held, 0 when there are none.
  double percentile(double p) const {
    if (count_ == 0) return 0;
    std::vector<double> v(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(count_));
    const auto k = static_cast<size_t>(p / 100.0 * static_cast<double>(count_ - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
  }

 private:
  std::array<double, kCapacity> samples_{};
  size_t next_ = 0;
  size_t count_ = 0;
};

}  // namespace tfts::server
