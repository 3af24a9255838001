#include "tfts/metrics/registry.h"

#include <stdexcept>

#include "tfts/metrics/text_format.h"

namespace tfts::metrics {

FamilyBase& Registry::add(std::unique_ptr<FamilyBase> family) {
  if (!valid_metric_name(family->name())) {
    throw std::invalid_argument("invalid metric name '" + family->name() + "'");
  }
  for (const std::string& label : family->label_names()) {
    if (!valid_label_name(label) || label == "le") {
      throw std::invalid_argument("invalid label name '" + label + "' on " + family->name());
    }
  }
  std::lock_guard lock(mutex_);
  for (const auto& f : families_) {
    if (f->name() == family->name()) {
      throw std::invalid_argument("metric '" + family->name() + "' registered twice");
    }
  }
  families_.push_back(std::move(family));
  return *families_.back();
}

Family<Counter>& Registry::counter(std::string name, std::string help,
                                   std::vector<std::string> labels) {
  return static_cast<Family<Counter>&>(add(std::make_unique<Family<Counter>>(
      std::move(name), std::move(help), MetricType::counter, std::move(labels))));
}

Family<Gauge>& Registry::gauge(std::string name, std::string help,
                               std::vector<std::string> labels) {
  return static_cast<Family<Gauge>&>(add(std::make_unique<Family<Gauge>>(
      std::move(name), std::move(help), MetricType::gauge, std::move(labels))));
}

Family<Gauge>& Registry::sampled_counter(std::string name, std::string help,
                                         std::vector<std::string> labels) {
  return static_cast<Family<Gauge>&>(add(std::make_unique<Family<Gauge>>(
      std::move(name), std::move(help), MetricType::counter, std::move(labels))));
}

Family<Histogram>& Registry::histogram(std::string name, std::string help,
                                       std::vector<std::string> labels,
                                       std::span<const double> bounds) {
  if (bounds.size() > Histogram::kMaxBuckets) {
    throw std::invalid_argument("histogram '" + name + "' has too many buckets");
  }
  return static_cast<Family<Histogram>&>(add(std::make_unique<Family<Histogram>>(
      std::move(name), std::move(help), MetricType::histogram, std::move(labels),
      std::vector<double>(bounds.begin(), bounds.end()))));
}

void Registry::on_collect(std::function<void()> collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Registry::expose() const {
  std::lock_guard lock(mutex_);
  for (const auto& collect : collectors_) collect();
  std::string out;
  out.reserve(16384);
  for (const auto& f : families_) f->write(out);
  return out;
}

}  // namespace tfts::metrics
