// Range and allowed-value checks, shared by TOML and overrides so both say the same thing.
#include <algorithm>
#include <cmath>
#include <limits>

#include "value.h"

namespace tfts::config {
namespace {

std::string join(std::span<const std::string_view> items, std::string_view separator) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// "7 is above the maximum 5"; empty when `v` is within `range`.
std::string range_problem(double v, const std::optional<Range>& range) {
  if (std::isnan(v)) return "nan is not a number";
  if (!range) return {};
  if (v < range->min)
    return format_number(v) + " is below the minimum " + format_number(range->min);
  if (v > range->max)
    return format_number(v) + " is above the maximum " + format_number(range->max);
  return {};
}

// "#RRGGBB" in hex digits of either case; "" (unset) passes too.
std::string color_problem(std::string_view text) {
  const auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  if (text.empty()) return {};
  if (text.size() == 7 && text[0] == '#' && std::all_of(text.begin() + 1, text.end(), hex)) {
    return {};
  }
  return quote_toml(text) + " is not a colour (#RRGGBB)";
}

std::string allowed_problem(std::string_view text, std::span<const std::string_view> allowed) {
  if (allowed.empty() || std::find(allowed.begin(), allowed.end(), text) != allowed.end()) {
    return {};
  }
  return quote_toml(text) + " is not one of " + join(allowed, ", ");
}

struct Checker {
  const SchemaEntry& entry;
  std::vector<std::string> problems;

  void add(std::string problem) {
    if (!problem.empty()) problems.push_back(std::move(problem));
  }
  void operator()(const std::string& s) {
    if (entry.kind == Kind::color) add(color_problem(s));
    add(allowed_problem(s, entry.allowed));
  }
  void operator()(std::int64_t v) {
    if (!entry.allowed.empty()) {
      // Integer choices (rotation) are compared as written, without the quotes of a string.
      const std::string text = std::to_string(v);
      if (std::find(entry.allowed.begin(), entry.allowed.end(), text) == entry.allowed.end()) {
        add(text + " is not one of " + join(entry.allowed, ", "));
      }
      return;
    }
    // Fields are int: a key without a narrower range still has to fit.
    const Range fits{double(std::numeric_limits<int>::min()),
                     double(std::numeric_limits<int>::max())};
    add(range_problem(double(v), entry.range ? entry.range : fits));
  }
  void operator()(double v) { add(range_problem(v, entry.range)); }
  void operator()(bool) {}
  void operator()(const std::vector<std::string>& items) {
    if (!entry.range) return;
    for (size_t i = 0; i < items.size(); ++i) {
      const double length = double(items[i].size());
      const std::string item = "item " + std::to_string(i + 1) + " " + quote_toml(items[i]);
      if (length < entry.range->min) {
        add(item + " is shorter than " + format_number(entry.range->min) + " byte(s)");
      } else if (length > entry.range->max) {
        add(item + " is longer than " + format_number(entry.range->max) + " bytes");
      }
    }
  }
  void operator()(const std::optional<CropRect>& crop) {
    if (!crop) return;
    // The crop's own rules (Kind::crop): an offset may be 0, a size may not.
    const auto at_least = [&](std::string_view name, int v, int min) {
      if (v < min) {
        add(std::string(name) + " = " + std::to_string(v) + " is below the minimum " +
            std::to_string(min));
      }
    };
    at_least("x", crop->x, 0);
    at_least("y", crop->y, 0);
    at_least("w", crop->w, 1);
    at_least("h", crop->h, 1);
  }
  void operator()(const std::array<double, 3>& rgb) {
    static constexpr std::array<std::string_view, 3> kNames{"r", "g", "b"};
    for (size_t i = 0; i < rgb.size(); ++i) {
      const std::string problem = range_problem(rgb[i], entry.range);
      if (!problem.empty()) add(std::string(kNames[i]) + " = " + problem);
    }
  }
};

}  // namespace

std::vector<std::string> check_value(const SchemaEntry& entry, const Value& value) {
  Checker checker{entry, {}};
  std::visit(checker, value);
  return std::move(checker.problems);
}

}  // namespace tfts::config
