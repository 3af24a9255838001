#include "tfts/metrics/text_format.h"

#include <charconv>
#include <cmath>

#include "tfts/core/utf8.h"

namespace tfts::metrics {

void append_label_value(std::string& out, std::string_view value) {
  // Prometheus rejects a whole scrape over one label value that is not UTF-8.
  std::string repaired;
  if (!core::valid_utf8(value)) {
    repaired = core::sanitize_utf8(value);
    value = repaired;
  }
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
}

void append_help(std::string& out, std::string_view help) {
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[48];
  // The shortest form that reads back as the same double, in plain decimals where that stays
  // short ("0.0001", "0.25", "3"), as other exporters write bucket bounds; else "1e-09".
  const double a = std::fabs(v);
  const bool fixed = a == 0 || (a >= 1e-6 && a < 1e15);
  const auto r = fixed ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                       : std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_number(std::string& out, uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_labels(std::string& out, std::span<const std::string> names,
                   std::span<const std::string> values, std::string_view extra_name,
                   std::string_view extra_value) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  bool first = true;
  const auto pair = [&](std::string_view name, std::string_view value) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    append_label_value(out, value);
    out += '"';
  };
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) pair(names[i], values[i]);
  if (!extra_name.empty()) pair(extra_name, extra_value);
  out += '}';
}

namespace {
bool name_char(char c, bool first, bool colon) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  if (alpha || (colon && c == ':')) return true;
  return !first && c >= '0' && c <= '9';
}
bool valid_name(std::string_view name, bool colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0, colon)) return false;
  }
  return true;
}
}  // namespace

bool valid_metric_name(std::string_view name) { return valid_name(name, true); }

bool valid_label_name(std::string_view name) {
  // Names starting with "__" are reserved for Prometheus' own use.
  return valid_name(name, false) && !name.starts_with("__");
}

}  // namespace tfts::metrics
