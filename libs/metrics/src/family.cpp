#include "tfts/metrics/family.h"

#include "tfts/metrics/text_format.h"

namespace tfts::metrics {

FamilyBase::FamilyBase(std::string name, std::string help, MetricType type,
                       std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)) {}

void FamilyBase::write(std::string& out) const {
  out += "# HELP ";
  out += name_;
  out += ' ';
  append_help(out, help_);
  out += "\n# TYPE ";
  out += name_;
  switch (type_) {
    case MetricType::counter: out += " counter\n"; break;
    case MetricType::gauge: out += " gauge\n"; break;
    case MetricType::histogram: out += " histogram\n"; break;
  }
  write_children(out);
}

void FamilyBase::write_sample(std::string& out, std::string_view suffix,
                              const std::vector<std::string>& values, double v,
                              std::string_view extra_name, std::string_view extra_value) const {
  out += name_;
  out += suffix;
  append_labels(out, label_names_, values, extra_name, extra_value);
  out += ' ';
  append_number(out, v);
  out += '\n';
}

void FamilyBase::write_sample(std::string& out, std::string_view suffix,
                              const std::vector<std::string>& values, uint64_t v,
                              std::string_view extra_name, std::string_view extra_value) const {
  out += name_;
  out += suffix;
  append_labels(out, label_names_, values, extra_name, extra_value);
  out += ' ';
  append_number(out, v);
  out += '\n';
}

template <>
std::unique_ptr<Counter> Family<Counter>::make() const {
  return std::make_unique<Counter>();
}
template <>
std::unique_ptr<Gauge> Family<Gauge>::make() const {
  return std::make_unique<Gauge>();
}
template <>
std::unique_ptr<Histogram> Family<Histogram>::make() const {
  return std::make_unique<Histogram>(bounds_);
}

template <>
void Family<Counter>::write_children(std::string& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, c] : children_) write_sample(out, "", values, c->value());
}

template <>
void Family<Gauge>::write_children(std::string& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, g] : children_) write_sample(out, "", values, g->value());
}

template <>
void Family<Histogram>::write_children(std::string& out) const {
  std::lock_guard lock(mutex_);
  std::string le;
  for (const auto& [values, h] : children_) {
    // Read the total first: buckets observed after it can only make them larger, and the
    // +Inf bucket must equal _count, so both are written from this one read.
    const uint64_t count = h->count();
    for (size_t i = 0; i < h->bucket_count(); ++i) {
      le.clear();
      append_number(le, h->bound(i));
      write_sample(out, "_bucket", values, std::min(h->cumulative(i), count), "le", le);
    }
    write_sample(out, "_bucket", values, count, "le", "+Inf");
    write_sample(out, "_sum", values, h->sum());
    write_sample(out, "_count", values, count);
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

}  // namespace tfts::metrics
