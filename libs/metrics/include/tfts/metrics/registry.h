// Registry: the metric families of one process, written out in the Prometheus text format for
// /metrics. Families are registered once at start-up (names and labels are checked then: a bad
// name is a programming error and throws); scraping takes each family's lock only briefly and
// never blocks the hot paths, which touch atomics alone.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tfts/metrics/family.h"

namespace tfts::metrics {

class Registry {
 public:
  Family<Counter>& counter(std::string name, std::string help,
                           std::vector<std::string> labels = {});
  Family<Gauge>& gauge(std::string name, std::string help, std::vector<std::string> labels = {});
  // A counter whose value is read from elsewhere (the kernel's CPU time, a total kept by
  // another component) and set at collection time: TYPE counter, set() like a gauge.
  Family<Gauge>& sampled_counter(std::string name, std::string help,
                                 std::vector<std::string> labels = {});
  Family<Histogram>& histogram(std::string name, std::string help,
                               std::vector<std::string> labels, std::span<const double> bounds);

  // Called at the start of every expose(), in order, to bring values computed on demand up to
  // date (process CPU time, gauges that decay when nothing happens).
  void on_collect(std::function<void()> collector);

  // The whole exposition, families in registration order.
  std::string expose() const;

  // The Content-Type of expose()'s output.
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  FamilyBase& add(std::unique_ptr<FamilyBase> family);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<FamilyBase>> families_;
  std::vector<std::function<void()>> collectors_;
};

}  // namespace tfts::metrics
