// Dashboard files: every key read, the shipped dashboards parse (node.toml is the built-in one),
// and every mistake is reported (all of them, in file order, with where and a sentence).
#include "tfts/prom/dashboard_spec.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace tfts::prom {
namespace {

const std::string kDir = TFTS_DASHBOARD_DIR;

// "where @line: what", one per line: failures show every message at once.
std::string describe(const std::vector<SpecError>& errors) {
  std::string out;
  for (const SpecError& e : errors) {
    out += e.where;
    out += " @";
    out += std::to_string(e.line);
    out += ": ";
    out += e.what;
    out += '\n';
  }
  return out;
}

std::vector<SpecError> errors_of(const std::string& toml) {
  DashboardSpec spec;
  std::vector<SpecError> errors;
  EXPECT_FALSE(parse_dashboard(toml, "test.toml", spec, errors));
  return errors;
}

DashboardSpec parse_ok(const std::string& toml) {
  DashboardSpec spec;
  std::vector<SpecError> errors;
  EXPECT_TRUE(parse_dashboard(toml, "test.toml", spec, errors)) << describe(errors);
  return spec;
}

const std::string kPanel = "[[panel]]\nquery = \"up\"\n";

TEST(DashboardSpec, OnePanelTakesTheDefaults) {
  const DashboardSpec spec = parse_ok(kPanel);
  const DashboardSpec defaults;
  EXPECT_EQ(spec.url, defaults.url);
  EXPECT_EQ(spec.interval_s, 5);
  EXPECT_EQ(spec.timeout_s, 3);
  EXPECT_EQ(spec.stale_after(), 15);
  EXPECT_EQ(spec.columns, 2);
  ASSERT_EQ(spec.panels.size(), 1u);
  PanelSpec expected;
  expected.query = "up";
  EXPECT_EQ(spec.panels[0], expected);
}

TEST(DashboardSpec, ReadsEveryKey) {
  const DashboardSpec spec = parse_ok(R"toml(
url = "http://prom.lan:9090/prometheus"
title = "Lab"
interval = 2.5
timeout = 1
stale_after = 30
columns = 3
bearer_token = "s3cret"

[[panel]]
title = "Memory"
query = "used"
total = "total"
kind = "bar"
unit = "bytes"
min = -1
max = 9.5
range = 120
colour = "#ff8800"
legend = "instance"
columns = 3
rows = 2

[[panel]]
query = "rate(x[1m])"
kind = "sparkline"
suffix = "req/s"
range = "1h30m"
color = "good"
)toml");
  EXPECT_EQ(spec.url, "http://prom.lan:9090/prometheus");
  EXPECT_EQ(spec.title, "Lab");
  EXPECT_EQ(spec.interval_s, 2.5);
  EXPECT_EQ(spec.timeout_s, 1);
  EXPECT_EQ(spec.stale_after(), 30);
  EXPECT_EQ(spec.columns, 3);
  EXPECT_EQ(spec.bearer_token, "s3cret");
  ASSERT_EQ(spec.panels.size(), 2u);
  const PanelSpec& a = spec.panels[0];
  EXPECT_EQ(a.title, "Memory");
  EXPECT_EQ(a.query, "used");
  EXPECT_EQ(a.total_query, "total");
  EXPECT_EQ(a.kind, PanelKind::bar);
  EXPECT_EQ(a.unit, Unit::bytes);
  EXPECT_EQ(a.min, -1.0);
  EXPECT_EQ(a.max, 9.5);
  EXPECT_EQ(a.range_s, 120);
  EXPECT_EQ(a.colour, draw::Colour{0xFF8800});
  EXPECT_FALSE(a.theme_colour);
  EXPECT_EQ(a.legend, "instance");
  EXPECT_EQ(a.columns, 3);
  EXPECT_EQ(a.rows, 2);
  const PanelSpec& b = spec.panels[1];
  EXPECT_EQ(b.kind, PanelKind::sparkline);
  EXPECT_EQ(b.suffix, "req/s");
  EXPECT_EQ(b.range_s, 5400);
  EXPECT_FALSE(b.colour);
  EXPECT_EQ(b.theme_colour, ThemeColour::good);
}

TEST(DashboardSpec, RangesInSecondsOrAsDurations) {
  const std::pair<const char*, double> cases[] = {
      {"30", 30},       {"90.5", 90.5},     {"\"30s\"", 30},    {"\"10m\"", 600},
      {"\"1h\"", 3600}, {"\"2d\"", 172800}, {"\"1w\"", 604800}, {"\"1.5h\"", 5400}};
  for (const auto& [text, seconds] : cases) {
    const DashboardSpec spec = parse_ok(kPanel + "range = " + text + "\n");
    EXPECT_EQ(spec.panels.at(0).range_s, seconds) << text;
  }
}

TEST(DashboardSpec, ThemeColoursByName) {
  const std::pair<const char*, ThemeColour> cases[] = {
      {"accent", ThemeColour::accent}, {"good", ThemeColour::good}, {"warn", ThemeColour::warn},
      {"bad", ThemeColour::bad},       {"text", ThemeColour::text}, {"muted", ThemeColour::muted}};
  for (const auto& [name, colour] : cases) {
    const DashboardSpec spec = parse_ok(kPanel + "colour = \"" + name + "\"\n");
    EXPECT_EQ(spec.panels.at(0).theme_colour, colour) << name;
  }
}

TEST(DashboardSpec, NodeFileIsTheBuiltInDashboard) {
  DashboardSpec spec;
  std::vector<SpecError> errors;
  ASSERT_TRUE(load_dashboard(kDir + "/node.toml", spec, errors)) << describe(errors);
  const DashboardSpec builtin = node_exporter_dashboard("http://127.0.0.1:9090");
  ASSERT_EQ(spec.panels.size(), builtin.panels.size());
  for (size_t i = 0; i < spec.panels.size(); ++i) {
    EXPECT_EQ(spec.panels[i].query, builtin.panels[i].query) << i;
    EXPECT_EQ(spec.panels[i], builtin.panels[i]) << i;
  }
  EXPECT_EQ(spec, builtin);
  EXPECT_EQ(node_exporter_dashboard("http://10.0.0.2:9090").url, "http://10.0.0.2:9090");
}

TEST(DashboardSpec, GpuExampleParses) {
  DashboardSpec spec;
  std::vector<SpecError> errors;
  ASSERT_TRUE(load_dashboard(kDir + "/gpu.toml", spec, errors)) << describe(errors);
  ASSERT_EQ(spec.panels.size(), 5u);
  EXPECT_EQ(spec.title, "GPU");
  EXPECT_EQ(spec.panels[0].kind, PanelKind::gauge);
  EXPECT_EQ(spec.panels[1].legend, "gpu");
  EXPECT_EQ(spec.panels[2].unit, Unit::celsius);
  EXPECT_EQ(spec.panels[2].theme_colour, ThemeColour::warn);
  EXPECT_EQ(spec.panels[3].total_query, "(DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE) * 1048576");
  EXPECT_EQ(spec.panels[4].colour, draw::Colour{0xE3B341});
  EXPECT_EQ(spec.panels[4].range_s, 900);
  EXPECT_EQ(spec.panels[4].suffix, "W");
}

struct ErrorCase {
  const char* name;
  std::string toml;
  const char* where;
  const char* what;
  int line;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class SpecErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(SpecErrors, SaysWhereAndWhat) {
  const ErrorCase& c = GetParam();
  const std::vector<SpecError> errors = errors_of(c.toml);
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].where, c.where);
  EXPECT_EQ(errors[0].what, c.what);
  EXPECT_EQ(errors[0].line, c.line);
}

const ErrorCase kErrorCases[] = {
    {"https", "url = \"https://prom:9090\"\n" + kPanel, "url",
     "must start with http:// (Prometheus' own HTTP port, e.g. \"http://127.0.0.1:9090\"), not "
     "\"https://prom:9090\".",
     1},
    {"url_type", "url = 9090\n" + kPanel, "url", "must be a string, not a number.", 1},
    {"interval_low", "interval = 0.1\n" + kPanel, "interval",
     "must be a number of seconds from 0.5 to 3600, not 0.1.", 1},
    {"interval_high", "interval = 7200\n" + kPanel, "interval",
     "must be a number of seconds from 0.5 to 3600, not 7200.", 1},
    {"interval_type", "interval = \"5s\"\n" + kPanel, "interval",
     "must be a number of seconds from 0.5 to 3600, not a string.", 1},
    {"timeout", "timeout = 61\n" + kPanel, "timeout",
     "must be a number of seconds from 0.1 to 60, not 61.", 1},
    {"stale_below_interval", "interval = 10\nstale_after = 5\n" + kPanel, "stale_after",
     "must be 0 (three intervals) or at least the interval (10 s): every answer would be stale "
     "before the next.",
     2},
    {"stale_negative", "stale_after = -1\n" + kPanel, "stale_after",
     "must be a number of seconds from 0 to 86400, not -1.", 1},
    {"columns_zero", "columns = 0\n" + kPanel, "columns",
     "must be a whole number from 1 to 8, not 0.", 1},
    {"columns_many", "columns = 9\n" + kPanel, "columns",
     "must be a whole number from 1 to 8, not 9.", 1},
    {"columns_float", "columns = 2.5\n" + kPanel, "columns",
     "must be a whole number from 1 to 8, not 2.5.", 1},
    {"title_type", "title = [1]\n" + kPanel, "title", "must be a string, not an array.", 1},
    {"no_panels", "url = \"http://x:9090\"\n", "panel",
     "is missing: add at least one [[panel]] table.", 0},
    {"panel_not_array", "panel = 3\n", "panel",
     "must be an array of tables (a [[panel]] section per panel), not a number.", 1},
    {"panel_empty", "panel = []\n", "panel", "is empty: add at least one [[panel]] table.", 1},
    {"panel_not_table", "panel = [1]\n", "panel[0]", "must be a table ([[panel]]), not a number.",
     1},
    {"missing_query", "[[panel]]\ntitle = \"x\"\n", "panel[0].query",
     "is missing: every panel needs a PromQL query.", 1},
    {"empty_query", "[[panel]]\nquery = \"  \"\n", "panel[0].query",
     "is empty: write a PromQL expression.", 2},
    {"empty_total", kPanel + "total = \"\"\n", "panel[0].total",
     "is empty: write a PromQL expression.", 3},
    {"kind", kPanel + "kind = \"pie\"\n", "panel[0].kind",
     "must be one of value, sparkline, gauge, bar; not \"pie\".", 3},
    {"unit", kPanel + "unit = \"bytes/s\"\n", "panel[0].unit",
     "must be one of none, percent, bytes, bytes_per_second, celsius, seconds; not \"bytes/s\".",
     3},
    {"min_type", kPanel + "min = \"0\"\n", "panel[0].min", "must be a number, not a string.", 3},
    {"min_not_below_max", kPanel + "min = 10\nmax = 10\n", "panel[0].min",
     "must be less than max (10 is not less than 10).", 1},
    {"range_word", kPanel + "range = \"ten minutes\"\n", "panel[0].range",
     "must be seconds as a number or a duration such as \"30s\", \"10m\" or \"1h\"; not \"ten "
     "minutes\".",
     3},
    {"range_short", kPanel + "range = \"5s\"\n", "panel[0].range",
     "must be from 10 s to 7 days, not 5 s.", 3},
    {"range_long", kPanel + "range = \"2w\"\n", "panel[0].range",
     "must be from 10 s to 7 days, not 14d 00h.", 3},
    {"colour", kPanel + "colour = \"blue\"\n", "panel[0].colour",
     "must be \"#RRGGBB\" or a theme colour (accent, good, warn, bad, text, muted); not "
     "\"blue\".",
     3},
    {"colour_hex_without_hash", kPanel + "color = \"ff0000\"\n", "panel[0].color",
     "must be \"#RRGGBB\" or a theme colour (accent, good, warn, bad, text, muted); not "
     "\"ff0000\".",
     3},
    {"colour_twice", kPanel + "colour = \"good\"\ncolor = \"bad\"\n", "panel[0].colour",
     "repeats the colour: write either colour or color.", 3},
    {"suffix_with_unit", kPanel + "unit = \"percent\"\nsuffix = \"x\"\n", "panel[0].suffix",
     "only follows unit-less values; this panel's unit is \"percent\".", 1},
    {"total_on_sparkline", kPanel + "kind = \"sparkline\"\ntotal = \"t\"\n", "panel[0].total",
     "is not used by sparkline panels, only by value, gauge and bar panels.", 1},
    {"span_wider_than_grid", "columns = 2\n" + kPanel + "columns = 3\n", "panel[0].columns",
     "spans 3 columns but the dashboard has 2.", 2},
    {"span_columns", kPanel + "columns = 9\n", "panel[0].columns",
     "must be a whole number from 1 to 8, not 9.", 3},
    {"span_rows", kPanel + "rows = 0\n", "panel[0].rows",
     "must be a whole number from 1 to 8, not 0.", 3},
    {"unknown_top_close", "intervall = 5\n" + kPanel, "intervall",
     "is not a known key (did you mean 'interval'?).", 1},
    {"unknown_top_two_edits", "colums = 5\n" + kPanel, "colums",
     "is not a known key (did you mean 'columns'?).", 1},
    {"unknown_top_none", "refresh = 5\n" + kPanel, "refresh", "is not a known key.", 1},
    {"panels_plural", "[[panels]]\nquery = \"up\"\n" + kPanel, "panels",
     "is not a known key (did you mean 'panel'?).", 1},
    {"panel_key_at_top", "query = \"up\"\n" + kPanel, "query",
     "is not a known key; panel settings go in a [[panel]] table.", 1},
    {"unknown_panel_close", kPanel + "quer = \"x\"\n", "panel[0].quer",
     "is not a known key (did you mean 'query'?).", 3},
    {"unknown_panel_unit", kPanel + "units = \"bytes\"\n", "panel[0].units",
     "is not a known key (did you mean 'unit'?).", 3},
    {"dashboard_key_in_panel", kPanel + "interval = 5\n", "panel[0].interval",
     "is not a known key; it is a dashboard setting: put it above the first [[panel]].", 3},
};

INSTANTIATE_TEST_SUITE_P(Cases, SpecErrors, ::testing::ValuesIn(kErrorCases),
                         [](const ::testing::TestParamInfo<ErrorCase>& p) {
                           return std::string(p.param.name);
                         });

TEST(DashboardSpec, ReportsEveryErrorInFileOrder) {
  const std::vector<SpecError> errors = errors_of(R"(url = "ftp://x"
zoom = 2
columns = 1

[[panel]]
title = "a"
kind = "pie"

[[panel]]
query = "up"
colour = "nope"
columns = 2
)");
  ASSERT_EQ(errors.size(), 6u) << describe(errors);
  EXPECT_EQ(errors[0].where, "url");
  EXPECT_EQ(errors[1].where, "zoom");
  EXPECT_EQ(errors[2].where, "panel[0].query");  // a missing key: the line its panel starts on
  EXPECT_EQ(errors[2].line, 5);
  EXPECT_EQ(errors[3].where, "panel[0].kind");
  EXPECT_EQ(errors[3].line, 7);
  EXPECT_EQ(errors[4].where, "panel[1].columns");  // checked at the end, sorted in
  EXPECT_EQ(errors[4].line, 9);
  EXPECT_EQ(errors[5].where, "panel[1].colour");
  EXPECT_EQ(errors[5].line, 11);
}

TEST(DashboardSpec, SyntaxErrorsNameTheOrigin) {
  const std::vector<SpecError> errors = errors_of("url = 1\n\n[[panel]\n");
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].where, "test.toml");
  EXPECT_EQ(errors[0].line, 3);
  // The rest is toml++'s own description, which varies between its versions.
  EXPECT_EQ(errors[0].what.rfind("syntax error: ", 0), 0u) << errors[0].what;
}

TEST(DashboardSpec, AtMost32Panels) {
  std::string toml;
  for (int i = 0; i < 32; ++i) toml += kPanel;
  EXPECT_EQ(parse_ok(toml).panels.size(), 32u);
  const std::vector<SpecError> errors = errors_of(toml + kPanel);
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].where, "panel");
  EXPECT_EQ(errors[0].what, "has 33 panels; at most 32 fit on a screen.");
}

TEST(DashboardSpec, FailureLeavesTheSpecAndAppendsToErrors) {
  DashboardSpec spec;
  spec.title = "before";
  std::vector<SpecError> errors{{"earlier", "kept", 0}};
  EXPECT_FALSE(parse_dashboard("title = \"after\"\ncolumns = 0\n" + kPanel, "x", spec, errors));
  EXPECT_EQ(spec.title, "before");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].where, "earlier");
  EXPECT_EQ(errors[1].where, "columns");
}

TEST(LoadDashboard, UnreadableFilesAreOneError) {
  test::TempDir dir;
  DashboardSpec spec;
  std::vector<SpecError> errors;
  const std::string missing = dir.path() + "/missing.toml";
  EXPECT_FALSE(load_dashboard(missing, spec, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, missing);
  EXPECT_EQ(errors[0].what, "cannot read the file: No such file or directory.");
  errors.clear();
  EXPECT_FALSE(load_dashboard(dir.path(), spec, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].what, "cannot read the file: it is a directory.");
}

TEST(LoadDashboard, ErrorsNameTheFileForSyntax) {
  test::TempDir dir;
  const std::string path = dir.path() + "/bad.toml";
  std::ofstream(path) << "[[panel]\n";
  DashboardSpec spec;
  std::vector<SpecError> errors;
  EXPECT_FALSE(load_dashboard(path, spec, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, path);
  EXPECT_EQ(errors[0].line, 1);
}

TEST(DashboardSpec, BearerTokenWithALineBreakIsRefused) {
  DashboardSpec spec;
  std::vector<SpecError> errors;
  EXPECT_FALSE(parse_dashboard("bearer_token = \"abc\\r\\nX-Evil: 1\"\n[[panel]]\nquery = \"up\"\n",
                               "t.toml", spec, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, "bearer_token");
  EXPECT_EQ(errors[0].what, "must not contain control characters such as line breaks.");
  EXPECT_EQ(errors[0].line, 1);
}

}  // namespace
}  // namespace tfts::prom
