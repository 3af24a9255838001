#include "panel_reader.h"

#include <cmath>
#include <string_view>

#include "tfts/prom/unit_format.h"

namespace tfts::prom {
namespace {

// Limits (docs/prometheus.md): a 320x240 screen has no room for more than 32 panels.
constexpr double kMinRange = 10, kMaxRange = 7 * 86400.0;  // sparkline history
constexpr int kMaxRowSpan = 8;
constexpr size_t kMaxPanels = 32;

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

}  // namespace

void PanelReader::read_panels(const toml::node& node, std::vector<PanelSpec>& specs,
                              std::vector<int>& lines) {
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
    specs.push_back(std::move(panel));
    lines.push_back(line_of(p.source()));
  }
}

void PanelReader::read_panel(const toml::table& table, const std::string& where, PanelSpec& p) {
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
          cat("only follows unit-less values; this panel's unit is ", in_quotes(unit_name(p.unit)),
              "."));
  }
  if (!p.total_query.empty() && p.kind == PanelKind::sparkline) {
    error(cat(where, ".total"), line,
          "is not used by sparkline panels, only by value, gauge and bar panels.");
  }
}

void PanelReader::read_panel_key(const std::string& k, const toml::node& node,
                                 const std::string& at, PanelSpec& p) {
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

void PanelReader::read_range(const toml::node& node, const std::string& at, PanelSpec& p) {
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

void PanelReader::read_colour(const toml::node& node, const std::string& at, PanelSpec& p) {
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

}  // namespace tfts::prom
