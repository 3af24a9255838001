#include "tfts/prom/dashboard_spec.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "panel_reader.h"
#include "table_reader.h"

namespace tfts::prom {
namespace {

// Limits (docs/prometheus.md). Polling faster than twice a second only loads Prometheus.
constexpr double kMinInterval = 0.5, kMaxInterval = 3600;
constexpr double kMinTimeout = 0.1, kMaxTimeout = 60;
constexpr double kMaxStaleAfter = 86400;

// Reads a parsed document into a DashboardSpec, collecting every problem on the way; keys with
// problems keep their defaults so that later checks still run.
class SpecReader : public TableReader {
 public:
  SpecReader(DashboardSpec& spec, std::vector<SpecError>& errors)
      : TableReader(errors), spec_(spec), panel_reader_(errors) {}

  void read(const toml::table& doc) {
    for (const auto& [key, node] : doc) {
      const std::string k(key.str());
      if (k == "panel") {
        panel_reader_.read_panels(node, spec_.panels, panel_lines_);
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
      // It goes into an HTTP header: a line break there would start a header of its own.
      const bool ok = string(node, k, spec_.bearer_token);
      const bool control = std::any_of(spec_.bearer_token.begin(), spec_.bearer_token.end(),
                                       [](char c) { return c < 0x20 || c == 0x7f; });
      if (ok && control) {
        spec_.bearer_token.clear();
        error(k, node, "must not contain control characters such as line breaks.");
      }
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

  DashboardSpec& spec_;
  PanelReader panel_reader_;
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
