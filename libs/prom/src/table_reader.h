// TableReader: what reading one TOML table of a dashboard file needs, shared by the readers of
// the top-level table (dashboard_spec.cpp) and of a [[panel]] table (PanelReader): typed values
// checked, every problem collected as a SpecError, and the message helpers. Internal.
#pragma once

#include <toml++/toml.h>

#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/prom/dashboard_spec.h"

namespace tfts::prom {

// Limits (docs/prometheus.md) both tables check: a 320x240 screen has no room for more than 8
// columns.
inline constexpr int kMaxColumns = 8;
// number()'s bounds for "any number".
inline constexpr double kAny = std::numeric_limits<double>::infinity();

// Each table's known keys; each reader names the other table's too, to hint at a misplaced key.
inline constexpr std::string_view kDashboardKeys[] = {
    "url", "title", "interval", "timeout", "stale_after", "columns", "bearer_token", "panel"};
inline constexpr std::string_view kPanelKeys[] = {"title",  "query",  "total",   "kind",  "unit",
                                                  "suffix", "min",    "max",     "range", "colour",
                                                  "color",  "legend", "columns", "rows"};

// Messages are built by appending: GCC 12 warns falsely (-Wrestrict) on chains of
// std::string operator+ at -O3.
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

std::string in_quotes(std::string_view s);
// A number as a user wrote it: "0.5", "3600", not "0.500000".
std::string num(double v);
bool contains(std::span<const std::string_view> keys, std::string_view key);
// What the user wrote instead of what was expected: "a string", "an array".
std::string_view kind_of(const toml::node& node);
int line_of(const toml::source_region& at);

// The base of both readers. Every problem is appended to the caller's list; a value with a
// problem is not stored, so its key keeps the default.
class TableReader {
 protected:
  explicit TableReader(std::vector<SpecError>& errors) : errors_(errors) {}

  void error(std::string where, int line, std::string what);
  void error(std::string where, const toml::node& at, std::string what);

  void unknown(const std::string& where, const toml::source_region& at,
               std::span<const std::string_view> known, std::string_view hint);

  bool string(const toml::node& node, const std::string& where, std::string& out);

  // A number in [lo, hi] (any number for ±kAny); `unit` names what it counts in messages.
  bool number(const toml::node& node, const std::string& where, double lo, double hi,
              std::string_view unit, double& out);

  bool whole(const toml::node& node, const std::string& where, int lo, int hi, int& out);

 private:
  std::vector<SpecError>& errors_;
};

}  // namespace tfts::prom
