// A metric family: one name, its HELP and TYPE, and one child per set of label values
// (tftstream_display_frames_sent_total{screen="main",display="desk"}). Children are made when a
// screen or display appears, never per frame; callers keep the reference with() returns (it
// stays valid until remove() of those labels) and update it lock-free.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "tfts/metrics/counter.h"
#include "tfts/metrics/gauge.h"
#include "tfts/metrics/histogram.h"

namespace tfts::metrics {

enum class MetricType { counter, gauge, histogram };

class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, MetricType type,
             std::vector<std::string> label_names);
  virtual ~FamilyBase() = default;

  const std::string& name() const { return name_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Appends # HELP, # TYPE and every child's samples. A family without children writes only
  // its HELP and TYPE lines, which Prometheus accepts.
  void write(std::string& out) const;

 protected:
  // One child's sample lines, given its label values.
  virtual void write_children(std::string& out) const = 0;
  void write_sample(std::string& out, std::string_view suffix,
                    const std::vector<std::string>& values, double v,
                    std::string_view extra_name = {}, std::string_view extra_value = {}) const;
  void write_sample(std::string& out, std::string_view suffix,
                    const std::vector<std::string>& values, uint64_t v,
                    std::string_view extra_name = {}, std::string_view extra_value = {}) const;

 private:
  std::string name_;
  std::string help_;
  MetricType type_;
  std::vector<std::string> label_names_;
};

template <class Metric>
class Family final : public FamilyBase {
 public:
  Family(std::string name, std::string help, MetricType type, std::vector<std::string> labels,
         std::vector<double> bounds = {})
      : FamilyBase(std::move(name), std::move(help), type, std::move(labels)),
        bounds_(std::move(bounds)) {}

  // The child for these label values (one per label name, in order), made on first use.
  Metric& with(const std::vector<std::string>& values) {
    std::lock_guard lock(mutex_);
    auto& slot = children_[values];
    if (!slot) slot = make();
    return *slot;
  }
  // Forgets every child whose label values start with `values` (all of a display's series,
  // whatever its codec or reason labels); references to them become invalid.
  void remove(const std::vector<std::string>& values) {
    std::lock_guard lock(mutex_);
    auto it = children_.lower_bound(values);  // the map is ordered: matches are contiguous
    while (it != children_.end() && it->first.size() >= values.size() &&
           std::equal(values.begin(), values.end(), it->first.begin())) {
      it = children_.erase(it);
    }
  }
  size_t size() const {
    std::lock_guard lock(mutex_);
    return children_.size();
  }

 private:
  std::unique_ptr<Metric> make() const;
  void write_children(std::string& out) const override;

  std::vector<double> bounds_;  // histograms only
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_;
};

}  // namespace tfts::metrics
