#include "tfts/prom/dashboard_spec.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <span>
#include <sstream>

#include "tfts/prom/unit_format.h"

namespace tfts::prom {
namespace {

// Limits (docs/prometheus.md). Polling faster than twice a second only loads Prometheus; a
// 320x240 screen has no room for more than 32 panels nor for more than 8 columns.
constexpr double kMinInterval = 0.5, kMaxInterval = 3600;
constexpr double kMinTimeout = 0.1, kMaxTimeout = 60;
constexpr double kMaxStaleAfter = 86400;
constexpr double kMinRange = 10, kMaxRange = 7 * 86400.0;  // sparkline history
constexpr int kMaxColumns = 8;
constexpr int kMaxRowSpan = 8;
constexpr size_t kMaxPanels = 32;
constexpr size_t kMaxSuggestDistance = 2;  // typos of one or two letters
constexpr double kAny = std::numeric_limits<double>::infinity();

constexpr std::string_view kDashboardKeys[] = {"url",         "title",   "interval",     "timeout",
                                               "stale_after", "columns", "bearer_token", "panel"};
constexpr std::string_view kPanelKeys[] = {"title",  "query",  "total",   "kind",  "unit",
                                           "suffix", "min",    "max",     "range", "colour",
                                           "color",  "legend", "columns", "rows"};

template <typename T>
struct Named {
  std::string_view name;
  T value;
};
constexpr Named<PanelKind> kKinds[] = {{"value", PanelKind::value},
                                       {"sparkline", PanelKind::sparkline},
                                       {"gauge", PanelKind::gauge},
                                       {"bar", PanelKind::bar}};
constexpr Named<ThemeColour> kThemeColours[] = {
    {"accent", ThemeColour::accent}, {"good", ThemeColour::good}, {"warn", ThemeColour::warn},
    {"bad", ThemeColour::bad},       {"text", ThemeColour::text}, {"muted", ThemeColour::muted}};
constexpr Unit kUnits[] = {Unit::none,    Unit::percent, Unit::bytes, Unit::bytes_per_second,
                           Unit::celsius, Unit::seconds};

// Messages are built by appending: GCC 12 warns falsely (-Wrestrict) on chains of
// std::string operator+ at -O3.
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

std::string in_quotes(std::string_view s) { return cat("\"", s, "\""); }

// A number as a user wrote it: "0.5", "3600", not "0.500000".
std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

template <typename T, size_t N>
std::string names(const Named<T> (&table)[N]) {
  std::string out;
  for (const Named<T>& n : table) out += cat(out.empty() ? "" : ", ", n.name);
  return out;
}

template <typename T, size_t N>
bool lookup(const Named<T> (&table)[N], std::string_view text, T& out) {
  for (const Named<T>& n : table) {
    if (n.name == text) {
      out = n.value;
      return true;
    }
  }
  return false;
}

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

bool contains(std::span<const std::string_view> keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// What the user wrote instead of what was expected: "a string", "an array".
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

// Reads a parsed document into a DashboardSpec, collecting every problem on the way; keys with
// problems keep their defaults so that later checks still run.
class SpecReader {
 public:
  SpecReader(DashboardSpec& spec, std::vector<SpecError>& errors) : spec_(spec), errors_(errors) {}

  void read(const toml::table& doc) {
    for (const auto& [key, node] : doc) {
      const std::string k(key.str());
      if (k == "panel") {
        read_panels(node);
      } else if (contains(kDashboardKeys, k)) {
        read_dashboard_key(k, node);
      } else {
        unknown(k, key.source(), kDashboardKeys,
                contains(kPanelKeys, k) ? "; panel settings go in a [[panel]] table" : "");
      }
    }
    if (!doc.contains("panel")) error("panel", 0, "is missing: add at least one [[panel]] table.");
    // Checks across keys, which may come in any order in the file.
    for (size_t i = 0; i < spec_.panels.size(); ++i) {
      if (spec_.panels[i].columns > spec_.columns) {
        error(cat("panel[", std::to_string(i), "].columns"), panel_lines_[i],
              cat("spans ", std::to_string(spec_.panels[i].columns),
                  " columns but the dashboard has ", std::to_string(spec_.columns), "."));
      }
    }
    if (spec_.stale_after_s > 0 && spec_.stale_after_s < spec_.interval_s) {
      error("stale_after", stale_line_,
            cat("must be 0 (three intervals) or at least the interval (", num(spec_.interval_s),
                " s): every answer would be stale before the next."));
    }
  }

 private:
  void error(std::string where, int line, std::string what) {
    errors_.push_back({std::move(where), std::move(what), line});
  }
  void error(std::string where, const toml::node& at, std::string what) {
    error(std::move(where), line_of(at.source()), std::move(what));
  }

  void unknown(const std::string& where, const toml::source_region& at,
               std::span<const std::string_view> known, std::string_view hint) {
    const std::string_view key = std::string_view(where).substr(where.rfind('.') + 1);
    std::string what = "is not a known key";
    if (const std::string_view near = closest(key, known); !near.empty()) {
      what += cat(" (did you mean '", near, "'?)");
    }
    error(where, line_of(at), cat(what, hint, "."));
  }

  bool string(const toml::node& node, const std::string& where, std::string& out) {
    if (const auto* s = node.as_string()) {
      out = s->get();
      return true;
    }
    error(where, node, cat("must be a string, not ", kind_of(node), "."));
    return false;
  }

  // A number in [lo, hi] (any number for ±kAny); `unit` names what it counts in messages.
  bool number(const toml::node& node, const std::string& where, double lo, double hi,
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

  bool whole(const toml::node& node, const std::string& where, int lo, int hi, int& out) {
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

  void read_dashboard_key(const std::string& k, const toml::node& node) {
    if (k == "url") {
      // Only the scheme here: host, port and path are the poller's parse_url's to check.
      if (string(node, k, spec_.url) && spec_.url.rfind("http://", 0) != 0) {
        error(k, node,
              cat("must start with http:// (Prometheus' own HTTP port, e.g. ",
                  in_quotes("http://127.0.0.1:9090"), "), not ", in_quotes(spec_.url), "."));
      }
    } else if (k == "title") {
      (void)string(node, k, spec_.title);
    } else if (k == "bearer_token") {
      (void)string(node, k, spec_.bearer_token);
    } else if (k == "interval") {
      (void)number(node, k, kMinInterval, kMaxInterval, "seconds", spec_.interval_s);
    } else if (k == "timeout") {
      (void)number(node, k, kMinTimeout, kMaxTimeout, "seconds", spec_.timeout_s);
    } else if (k == "stale_after") {
      (void)number(node, k, 0, kMaxStaleAfter, "seconds", spec_.stale_after_s);
      stale_line_ = line_of(node.source());
    } else if (k == "columns") {
      (void)whole(node, k, 1, kMaxColumns, spec_.columns);
    }
  }

  void read_panels(const toml::node& node) {
    const toml::array* panels = node.as_array();
    if (panels == nullptr) {
      error("panel", node,
            cat("must be an array of tables (a [[panel]] section per panel), not ", kind_of(node),
                "."));
      return;
    }
    if (panels->empty()) error("panel", node, "is empty: add at least one [[panel]] table.");
    if (panels->size() > kMaxPanels) {
      error("panel", node,
            cat("has ", std::to_string(panels->size()), " panels; at most ",
                std::to_string(kMaxPanels), " fit on a screen."));
    }
    for (size_t i = 0; i < panels->size(); ++i) {
      const std::string where = cat("panel[", std::to_string(i), "]");
      const toml::node& p = *panels->get(i);
      PanelSpec panel;
      if (const toml::table* t = p.as_table()) {
        read_panel(*t, where, panel);
      } else {
        error(where, p, cat("must be a table ([[panel]]), not ", kind_of(p), "."));
      }
      spec_.panels.push_back(std::move(panel));
      panel_lines_.push_back(line_of(p.source()));
    }
  }

  void read_panel(const toml::table& table, const std::string& where, PanelSpec& p) {
    bool coloured = false;
    for (const auto& [key, node] : table) {
      const std::string k(key.str());
      const std::string at = cat(where, ".", k);
      if (k == "colour" || k == "color") {
        if (coloured) {
          error(at, line_of(key.source()), "repeats the colour: write either colour or color.");
        } else {
          coloured = true;
          read_colour(node, at, p);
        }
      } else if (contains(kPanelKeys, k)) {
        read_panel_key(k, node, at, p);
      } else {
        unknown(at, key.source(), kPanelKeys,
                contains(kDashboardKeys, k) ? "; it is a dashboard setting: put it above the "
                                              "first [[panel]]"
                                            : "");
      }
    }
    const int line = line_of(table.source());
    if (table.get("query") == nullptr) {
      error(cat(where, ".query"), line, "is missing: every panel needs a PromQL query.");
    }
    if (p.min && p.max && !(*p.min < *p.max)) {
      error(cat(where, ".min"), line,
            cat("must be less than max (", num(*p.min), " is not less than ", num(*p.max), ")."));
    }
    if (!p.suffix.empty() && p.unit != Unit::none) {
      error(cat(where, ".suffix"), line,
            cat("only follows unit-less values; this panel's unit is ",
                in_quotes(unit_name(p.unit)), "."));
    }
    if (!p.total_query.empty() && p.kind == PanelKind::sparkline) {
      error(cat(where, ".total"), line,
            "is not used by sparkline panels, only by value, gauge and bar panels.");
    }
  }

  void read_panel_key(const std::string& k, const toml::node& node, const std::string& at,
                      PanelSpec& p) {
    std::string text;
    if (k == "title") {
      (void)string(node, at, p.title);
    } else if (k == "query" || k == "total") {
      std::string& q = k == "query" ? p.query : p.total_query;
      if (string(node, at, q) && q.find_first_not_of(" \t\r\n") == std::string::npos) {
        error(at, node, "is empty: write a PromQL expression.");
      }
    } else if (k == "kind") {
      if (string(node, at, text) && !lookup(kKinds, text, p.kind)) {
        error(at, node, cat("must be one of ", names(kKinds), "; not ", in_quotes(text), "."));
      }
    } else if (k == "unit") {
      if (string(node, at, text) && !parse_unit(text, p.unit)) {
        std::string all;
        for (Unit u : kUnits) all += cat(all.empty() ? "" : ", ", unit_name(u));
        error(at, node, cat("must be one of ", all, "; not ", in_quotes(text), "."));
      }
    } else if (k == "suffix" || k == "legend") {
      (void)string(node, at, k == "suffix" ? p.suffix : p.legend);
    } else if (k == "min" || k == "max") {
      double v = 0;
      if (number(node, at, -kAny, kAny, "", v)) (k == "min" ? p.min : p.max) = v;
    } else if (k == "range") {
      read_range(node, at, p);
    } else if (k == "columns") {
      (void)whole(node, at, 1, kMaxColumns, p.columns);
    } else if (k == "rows") {
      (void)whole(node, at, 1, kMaxRowSpan, p.rows);
    }
  }

  void read_range(const toml::node& node, const std::string& at, PanelSpec& p) {
    double v = 0;
    bool ok = false;
    if (const auto* s = node.as_string()) {
      ok = parse_duration(s->get(), v);
    } else if (node.is_number()) {
      v = *node.value<double>();
      ok = std::isfinite(v);
    }
    if (!ok) {
      const std::string was =
          node.is_string() ? in_quotes(*node.value<std::string>()) : std::string(kind_of(node));
      error(at, node,
            cat("must be seconds as a number or a duration such as \"30s\", \"10m\" or \"1h\"; "
                "not ",
                was, "."));
    } else if (v < kMinRange || v > kMaxRange) {
      error(at, node, cat("must be from 10 s to 7 days, not ", format_duration(v), "."));
    } else {
      p.range_s = v;
    }
  }

  void read_colour(const toml::node& node, const std::string& at, PanelSpec& p) {
    std::string text;
    if (!string(node, at, text)) return;
    ThemeColour theme{};
    draw::Colour c = 0;
    if (lookup(kThemeColours, text, theme)) {
      p.theme_colour = theme;
    } else if (text.size() > 1 && text[0] == '#' && draw::parse_colour(text, c)) {
      p.colour = c;
    } else {
      error(at, node,
            cat("must be \"#RRGGBB\" or a theme colour (", names(kThemeColours), "); not ",
                in_quotes(text), "."));
    }
  }

  DashboardSpec& spec_;
  std::vector<SpecError>& errors_;
  std::vector<int> panel_lines_;  // where each [[panel]] starts, for checks made at the end
  int stale_line_ = 0;
};

}  // namespace

bool parse_dashboard(std::string_view toml_text, std::string_view origin, DashboardSpec& out,
                     std::vector<SpecError>& errors) {
  std::vector<SpecError> found;
  DashboardSpec spec;
  // toml++ reports syntax errors by throwing; they end here, as a value.
  try {
    const toml::table doc = toml::parse(toml_text, origin);
    SpecReader(spec, found).read(doc);
  } catch (const toml::parse_error& e) {
    found.push_back(
        {std::string(origin), cat("syntax error: ", e.description(), "."), line_of(e.source())});
  }
  // In file order (toml++ tables iterate in key order), problems of the whole file last.
  std::stable_sort(found.begin(), found.end(), [](const SpecError& a, const SpecError& b) {
    return (a.line > 0 ? a.line : INT_MAX) < (b.line > 0 ? b.line : INT_MAX);
  });
  if (!found.empty()) {
    errors.insert(errors.end(), found.begin(), found.end());
    return false;
  }
  out = std::move(spec);
  return true;
}

bool load_dashboard(const std::string& path, DashboardSpec& out, std::vector<SpecError>& errors) {
  std::error_code ec;
  std::string problem;
  std::ostringstream text;
  if (std::filesystem::is_directory(path, ec)) {
    problem = "it is a directory";
  } else if (std::ifstream file(path, std::ios::binary); !file) {
    problem = std::strerror(errno);
  } else if (!(text << file.rdbuf()) && file.bad()) {
    problem = "read error";
  }
  if (!problem.empty()) {
    errors.push_back({path, cat("cannot read the file: ", problem, "."), 0});
    return false;
  }
  return parse_dashboard(text.str(), path, out, errors);
}

}  // namespace tfts::prom
