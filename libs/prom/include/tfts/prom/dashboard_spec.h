// DashboardSpec: a Prometheus dashboard as its file describes it (docs/prometheus.md): where
// Prometheus is, how often to ask, and a grid of panels, each one or two PromQL queries shown as
// a big value, a sparkline, a gauge or bars. Plain values, parsed once from TOML; the poller
// (dashboard_poller.h) asks the queries and the layout (dashboard_layout.h) draws the answers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/draw/colour.h"

namespace tfts::prom {

enum class PanelKind {
  value,      // the current value, large, with the title above it
  sparkline,  // the query over the last `range_s` seconds (query_range), one line per series
  gauge,      // a ring filled from `min` to `max` (or query / total) with the value inside
  bar,        // one horizontal bar per series (legend on the left), or query / total
};

// How values are written (unit_format.h): "42.0 %", "3.17 GiB", "12.0 MiB/s", "48.5 °C",
// "2h 05m".
enum class Unit { none, percent, bytes, bytes_per_second, celsius, seconds };

// A colour taken from the screen's theme by role, so a dashboard follows the theme it is shown
// in ("good" is green in "dark" and in "bios", each its own green).
enum class ThemeColour { accent, good, warn, bad, text, muted };

struct PanelSpec {
  std::string title;
  std::string query;        // PromQL
  std::string total_query;  // optional second query: the panel shows query / total ("used of")
  PanelKind kind = PanelKind::value;
  Unit unit = Unit::none;
  std::string suffix;       // appended after a unit-less value, e.g. "req/s"
  // The scale of gauges, bars and sparklines. Unset: 0..100 for percent, 0..total with a total
  // query, else from the data (0 .. largest value seen).
  std::optional<double> min;
  std::optional<double> max;
  double range_s = 600;     // sparkline: seconds of history shown
  std::optional<draw::Colour> colour;        // "#RRGGBB"; unset: theme_colour
  std::optional<ThemeColour> theme_colour;   // a theme name; unset (and no colour): accent
  std::string legend;       // bars/sparklines: label whose value names a series, e.g. "device"
  int columns = 1;          // grid columns this panel spans (1 .. dashboard columns)
  int rows = 1;             // grid rows it spans

  bool operator==(const PanelSpec&) const = default;
};

struct DashboardSpec {
  std::string url = "http://127.0.0.1:9090";  // Prometheus base URL (http only)
  std::string title;        // optional header line; empty: no header
  double interval_s = 5;    // seconds between polls
  double timeout_s = 3;     // per HTTP request
  double stale_after_s = 0; // data older than this greys out; 0 = three intervals
  int columns = 2;          // grid columns; rows follow from the panels and their spans
  std::string bearer_token; // sent as "Authorization: Bearer ..." when not empty
  std::vector<PanelSpec> panels;

  double stale_after() const { return stale_after_s > 0 ? stale_after_s : 3 * interval_s; }
  bool operator==(const DashboardSpec&) const = default;
};

struct SpecError {
  std::string where;  // "panel[2].kind" (panels count from 0), "url"; the origin for syntax
                      // errors, the path for an unreadable file
  std::string what;   // a sentence
  int line = 0;       // 1-based line in the text; 0 when no single line is to blame
};

/// Parses a dashboard from TOML text. `origin` names the text in messages (a file name).
/// Returns false with every problem appended to `errors` (all of them, not just the first, in
/// line order), leaving `out` unchanged; unknown keys are errors too, with a "did you mean" when
/// a known key is close.
[[nodiscard]] bool parse_dashboard(std::string_view toml_text, std::string_view origin,
                                   DashboardSpec& out, std::vector<SpecError>& errors);

/// Reads and parses a dashboard file; a missing or unreadable file is one error.
[[nodiscard]] bool load_dashboard(const std::string& path, DashboardSpec& out,
                                  std::vector<SpecError>& errors);

/// The dashboard shipped with tftstream for prometheus-node-exporter on Linux (CPU, memory,
/// disk and network rates, load), pointed at `url`.
DashboardSpec node_exporter_dashboard(std::string url);

}  // namespace tfts::prom
