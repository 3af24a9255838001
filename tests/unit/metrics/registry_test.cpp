// The exposition format as Prometheus reads it: HELP/TYPE lines, escaping, label sets,
// cumulative histogram buckets, number forms. promtool's own verdict on the server's whole
// output is in tests/unit/server/server_metrics_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tfts/metrics/registry.h"
#include "tfts/metrics/text_format.h"

namespace tfts::metrics {
namespace {

TEST(Registry, CounterWithLabelsWritesHelpTypeAndOneLinePerChild) {
  Registry r;
  auto& f = r.counter("demo_frames_total", "Frames sent.", {"screen", "display"});
  f.with({"main", "desk"}).add(3);
  f.with({"main", "wall"}).add();
  EXPECT_EQ(r.expose(),
            "# HELP demo_frames_total Frames sent.\n"
            "# TYPE demo_frames_total counter\n"
            "demo_frames_total{screen=\"main\",display=\"desk\"} 3\n"
            "demo_frames_total{screen=\"main\",display=\"wall\"} 1\n");
}

TEST(Registry, LabelValuesAndHelpAreEscaped) {
  Registry r;
  r.gauge("demo_value", "Back\\slash and\nnewline.", {"name"}).with({"a\"b\\c\nd"}).set(1.5);
  EXPECT_EQ(r.expose(),
            "# HELP demo_value Back\\\\slash and\\nnewline.\n"
            "# TYPE demo_value gauge\n"
            "demo_value{name=\"a\\\"b\\\\c\\nd\"} 1.5\n");
}

TEST(Registry, LabelValuesThatAreNotUtf8AreRepaired) {
  Registry r;
  r.counter("demo_total", "D.", {"name"}).with({"caf\xC3\xA9 \xC3 \xFF"}).add();
  EXPECT_EQ(r.expose(), "# HELP demo_total D.\n# TYPE demo_total counter\n"
                        "demo_total{name=\"caf\xC3\xA9 \xEF\xBF\xBD \xEF\xBF\xBD\"} 1\n");
}

TEST(Registry, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry r;
  const double bounds[] = {0.001, 0.01, 0.1};
  auto& h = r.histogram("demo_seconds", "Durations.", {"stage"}, bounds).with({"encode"});
  for (double v : {0.0005, 0.001, 0.002, 0.05, 0.5}) h.observe(v);
  EXPECT_EQ(r.expose(),
            "# HELP demo_seconds Durations.\n"
            "# TYPE demo_seconds histogram\n"
            "demo_seconds_bucket{stage=\"encode\",le=\"0.001\"} 2\n"
            "demo_seconds_bucket{stage=\"encode\",le=\"0.01\"} 3\n"
            "demo_seconds_bucket{stage=\"encode\",le=\"0.1\"} 4\n"
            "demo_seconds_bucket{stage=\"encode\",le=\"+Inf\"} 5\n"
            "demo_seconds_sum{stage=\"encode\"} 0.5535\n"
            "demo_seconds_count{stage=\"encode\"} 5\n");
}

TEST(Registry, FamilyWithoutChildrenWritesOnlyItsHeader) {
  Registry r;
  r.counter("demo_total", "Nothing yet.", {"x"});
  EXPECT_EQ(r.expose(), "# HELP demo_total Nothing yet.\n# TYPE demo_total counter\n");
}

TEST(Registry, RemovedChildDisappears) {
  Registry r;
  auto& f = r.gauge("demo_g", "G.", {"d"});
  f.with({"a"}).set(1);
  f.with({"b"}).set(2);
  f.remove({"a"});
  EXPECT_EQ(f.size(), 1u);
  EXPECT_EQ(r.expose().find("d=\"a\""), std::string::npos);
}

TEST(Registry, RemovingByLeadingLabelsTakesEveryChildUnderThem) {
  Registry r;
  auto& f = r.counter("demo_total", "D.", {"screen", "display", "codec"});
  f.with({"main", "desk", "rle"}).add();
  f.with({"main", "desk", "raw"}).add();
  f.with({"main", "desk2", "rle"}).add();
  f.with({"main", "des", "rle"}).add();
  f.remove({"main", "desk"});
  EXPECT_EQ(f.size(), 2u);
  const std::string text = r.expose();
  EXPECT_EQ(text.find("display=\"desk\""), std::string::npos);
  EXPECT_NE(text.find("display=\"desk2\""), std::string::npos);
  EXPECT_NE(text.find("display=\"des\""), std::string::npos);
}

TEST(Registry, SampledCounterIsTypedCounter) {
  Registry r;
  r.sampled_counter("demo_cpu_seconds_total", "CPU.").with({}).set(2.25);
  EXPECT_EQ(r.expose(),
            "# HELP demo_cpu_seconds_total CPU.\n# TYPE demo_cpu_seconds_total counter\n"
            "demo_cpu_seconds_total 2.25\n");
}

TEST(Registry, CollectorsRunBeforeEachExposition) {
  Registry r;
  auto& g = r.gauge("demo_calls", "Scrapes.").with({});
  int calls = 0;
  r.on_collect([&] { g.set(++calls); });
  EXPECT_NE(r.expose().find("demo_calls 1\n"), std::string::npos);
  EXPECT_NE(r.expose().find("demo_calls 2\n"), std::string::npos);
}

TEST(Registry, BadNamesAndDuplicatesThrow) {
  Registry r;
  EXPECT_THROW(r.counter("9starts_with_digit", "x"), std::invalid_argument);
  EXPECT_THROW(r.counter("has-dash", "x"), std::invalid_argument);
  EXPECT_THROW(r.counter("ok_total", "x", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(r.histogram("h", "x", {"le"}, std::span<const double>{}), std::invalid_argument);
  r.counter("ok_total", "x");
  EXPECT_THROW(r.counter("ok_total", "x"), std::invalid_argument);
}

TEST(TextFormat, NumbersAsPrometheusReadsThem) {
  const auto num = [](double v) {
    std::string s;
    append_number(s, v);
    return s;
  };
  EXPECT_EQ(num(3), "3");
  EXPECT_EQ(num(0.0001), "0.0001");
  EXPECT_EQ(num(0.25), "0.25");
  EXPECT_EQ(num(-2.5), "-2.5");
  EXPECT_EQ(num(1e-9), "1e-09");
  EXPECT_EQ(num(1e20), "1e+20");
  EXPECT_EQ(num(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(num(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(num(std::nan("")), "NaN");
  std::string big;
  append_number(big, uint64_t{18446744073709551615u});
  EXPECT_EQ(big, "18446744073709551615");
}

TEST(Histogram, ValuesAboveTheLastBoundCountOnlyInInf) {
  const double bounds[] = {1, 2};
  Histogram h(bounds);
  h.observe(5);
  h.observe(std::numeric_limits<double>::infinity());
  EXPECT_EQ(h.cumulative(1), 0u);
  EXPECT_EQ(h.count(), 2u);
}

}  // namespace
}  // namespace tfts::metrics
