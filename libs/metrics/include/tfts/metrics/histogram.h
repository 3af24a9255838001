// A Prometheus histogram: counts of observations at or below fixed upper bounds, plus their sum
// and count. The bounds are fixed at construction (at most kMaxBuckets, ascending); observe() is
// lock-free and allocation-free. A scrape may see a count and a sum from slightly different
// moments, which Prometheus tolerates (each is monotonic on its own).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <span>

namespace tfts::metrics {

class Histogram {
 public:
  static constexpr size_t kMaxBuckets = 20;

  // `bounds`: ascending finite upper bounds; +Inf is implied. Extra bounds beyond kMaxBuckets
  // are ignored (the registry refuses such families, so this never happens in practice).
  explicit Histogram(std::span<const double> bounds);

  void observe(double v);

  size_t bucket_count() const { return size_; }  // finite buckets
  double bound(size_t i) const { return bounds_[i]; }
  // Observations <= bound(i) (cumulative, as the exposition format wants).
  uint64_t cumulative(size_t i) const;
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::array<double, kMaxBuckets> bounds_{};
  size_t size_ = 0;
  std::array<std::atomic<uint64_t>, kMaxBuckets> counts_{};  // per bucket, not cumulative
  std::atomic<uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

// Common bucket sets. Stage durations: 50 µs .. 1 s; latencies: 1 ms .. 10 s.
std::span<const double> stage_buckets();
std::span<const double> latency_buckets();

}  // namespace tfts::metrics
