#include "table_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace tfts::prom {
namespace {

constexpr size_t kMaxSuggestDistance = 2;  // typos of one or two letters

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];  // row[i-1][j-1]
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The known key nearest to `key` within kMaxSuggestDistance edits, or "".
std::string_view closest(std::string_view key, std::span<const std::string_view> known) {
  std::string_view best;
  size_t best_distance = kMaxSuggestDistance + 1;
  for (std::string_view k : known) {
    if (const size_t d = edit_distance(key, k); d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace

std::string in_quotes(std::string_view s) { return cat("\"", s, "\""); }

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

bool contains(std::span<const std::string_view> keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string_view kind_of(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "true or false";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

int line_of(const toml::source_region& at) { return static_cast<int>(at.begin.line); }

void TableReader::error(std::string where, int line, std::string what) {
  errors_.push_back({std::move(where), std::move(what), line});
}

void TableReader::error(std::string where, const toml::node& at, std::string what) {
  error(std::move(where), line_of(at.source()), std::move(what));
}

void TableReader::unknown(const std::string& where, const toml::source_region& at,
                          std::span<const std::string_view> known, std::string_view hint) {
  const std::string_view key = std::string_view(where).substr(where.rfind('.') + 1);
  std::string what = "is not a known key";
  if (const std::string_view near = closest(key, known); !near.empty()) {
    what += cat(" (did you mean '", near, "'?)");
  }
  error(where, line_of(at), cat(what, hint, "."));
}

bool TableReader::string(const toml::node& node, const std::string& where, std::string& out) {
  if (const auto* s = node.as_string()) {
    out = s->get();
    return true;
  }
  error(where, node, cat("must be a string, not ", kind_of(node), "."));
  return false;
}

bool TableReader::number(const toml::node& node, const std::string& where, double lo, double hi,
                         std::string_view unit, double& out) {
  const bool is_number = node.is_number();
  const double v = node.value_or(0.0);
  if (is_number && std::isfinite(v) && v >= lo && v <= hi) {
    out = v;
    return true;
  }
  std::string what = "must be a number";
  if (std::isfinite(lo)) what += cat(" of ", unit, " from ", num(lo), " to ", num(hi));
  error(where, node, cat(what, ", not ", is_number ? num(v) : std::string(kind_of(node)), "."));
  return false;
}

bool TableReader::whole(const toml::node& node, const std::string& where, int lo, int hi,
                        int& out) {
  const auto* i = node.as_integer();
  if (i != nullptr && i->get() >= lo && i->get() <= hi) {
    out = static_cast<int>(i->get());
    return true;
  }
  const std::string was = i != nullptr               ? std::to_string(i->get())
                          : node.is_floating_point() ? num(*node.value<double>())
                                                     : std::string(kind_of(node));
  error(where, node,
        cat("must be a whole number from ", std::to_string(lo), " to ", std::to_string(hi),
            ", not ", was, "."));
  return false;
}

}  // namespace tfts::prom
