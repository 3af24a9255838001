// Values as panels write them: three significant digits, IEC bytes, SI counts, durations in
// one or two fields, and the edges (rounding that carries into the next unit, signs, NaN).
#include "tfts/prom/unit_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tfts::prom {
namespace {

struct Case {
  double value;
  Unit unit;
  const char* text;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.value << " " << unit_name(c.unit) << " -> " << c.text;
}

class FormatValue : public ::testing::TestWithParam<Case> {};

TEST_P(FormatValue, WritesThreeSignificantDigits) {
  const Case c = GetParam();
  EXPECT_EQ(format_value(c.value, c.unit), c.text);
}

constexpr Case kCases[] = {
    // Counts: SI prefixes without a space; whole numbers below 1000 stay whole.
    {0, Unit::none, "0"},
    {3, Unit::none, "3"},
    {950, Unit::none, "950"},
    {2.5, Unit::none, "2.50"},
    {42.26, Unit::none, "42.3"},
    {0.123, Unit::none, "0.123"},
    {0.00123, Unit::none, "0.00123"},
    {0.0000123, Unit::none, "1.23e-05"},
    {999.7, Unit::none, "1.00k"},
    {12345, Unit::none, "12.3k"},
    {1234567, Unit::none, "1.23M"},
    {4.56e9, Unit::none, "4.56G"},
    {7.89e12, Unit::none, "7.89T"},
    {5.0e15, Unit::none, "5000T"},
    {-1234567, Unit::none, "-1.23M"},
    // Percentages: at most two decimals.
    {42.31, Unit::percent, "42.3 %"},
    {100, Unit::percent, "100 %"},
    {7.25, Unit::percent, "7.25 %"},
    {0.5, Unit::percent, "0.50 %"},
    {0.001, Unit::percent, "0.00 %"},
    {0, Unit::percent, "0 %"},
    {-3.5, Unit::percent, "-3.50 %"},
    {-0.001, Unit::percent, "0.00 %"},
    // Bytes: IEC prefixes; whole bytes below 1 KiB as they are.
    {512, Unit::bytes, "512 B"},
    {1000, Unit::bytes, "1000 B"},
    {1536, Unit::bytes, "1.50 KiB"},
    {1023.7 * 1024, Unit::bytes, "1.00 MiB"},
    {3.4e9, Unit::bytes, "3.17 GiB"},
    {8.0 * 1024 * 1024 * 1024 * 1024, Unit::bytes, "8.00 TiB"},
    {1.2e6, Unit::bytes_per_second, "1.14 MiB/s"},
    {12.5, Unit::bytes_per_second, "12.5 B/s"},
    {0, Unit::bytes_per_second, "0 B/s"},
    {-2048, Unit::bytes_per_second, "-2.00 KiB/s"},
    // Temperatures: tenths of a degree.
    {48.46, Unit::celsius, "48.5 \u00B0C"},
    {5.2, Unit::celsius, "5.2 \u00B0C"},
    {104.6, Unit::celsius, "105 \u00B0C"},
    {-3, Unit::celsius, "-3.0 \u00B0C"},
    // Durations.
    {0, Unit::seconds, "0 s"},
    {1.2e-7, Unit::seconds, "120 ns"},
    {45e-6, Unit::seconds, "45 \u00B5s"},
    {0.0009996, Unit::seconds, "1.00 ms"},
    {0.0123, Unit::seconds, "12.3 ms"},
    {0.35, Unit::seconds, "350 ms"},
    {0.99996, Unit::seconds, "1.00 s"},
    {1.2, Unit::seconds, "1.20 s"},
    {59, Unit::seconds, "59.0 s"},
    {59.96, Unit::seconds, "1m 00s"},
    {125, Unit::seconds, "2m 05s"},
    {3599.7, Unit::seconds, "1h 00m"},
    {7500, Unit::seconds, "2h 05m"},
    {7530, Unit::seconds, "2h 06m"},
    {3 * 86400 + 4 * 3600, Unit::seconds, "3d 04h"},
    {-125, Unit::seconds, "-2m 05s"},
};

INSTANTIATE_TEST_SUITE_P(Units, FormatValue, ::testing::ValuesIn(kCases));

TEST(FormatValue, NotANumberAndInfinities) {
  for (Unit u : {Unit::none, Unit::percent, Unit::bytes, Unit::seconds}) {
    EXPECT_EQ(format_value(std::numeric_limits<double>::quiet_NaN(), u), "NaN");
    EXPECT_EQ(format_value(std::numeric_limits<double>::infinity(), u), "+Inf");
    EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity(), u), "-Inf");
  }
}

TEST(FormatValue, SuffixFollowsUnitlessValuesOnly) {
  EXPECT_EQ(format_value(1234, Unit::none, "req/s"), "1.23k req/s");
  EXPECT_EQ(format_value(230, Unit::none, "W"), "230 W");
  EXPECT_EQ(format_value(42, Unit::percent, "req/s"), "42.0 %");
  EXPECT_EQ(format_value(1024, Unit::bytes, "x"), "1.00 KiB");
}

TEST(FormatDuration, WholeSecondsRoundedDown) {
  EXPECT_EQ(format_duration(-5), "0 s");
  EXPECT_EQ(format_duration(0), "0 s");
  EXPECT_EQ(format_duration(42.9), "42 s");
  EXPECT_EQ(format_duration(59.99), "59 s");
  EXPECT_EQ(format_duration(60), "1m 00s");
  EXPECT_EQ(format_duration(190), "3m 10s");
  EXPECT_EQ(format_duration(3599.9), "59m 59s");
  EXPECT_EQ(format_duration(7530), "2h 05m");
  EXPECT_EQ(format_duration(3 * 86400 + 4 * 3600 + 3599), "3d 04h");
}

TEST(ParseDuration, PrometheusDurations) {
  const std::pair<const char*, double> good[] = {{"30s", 30},    {"10m", 600},   {"1h", 3600},
                                                 {"2d", 172800}, {"1w", 604800}, {"1h30m", 5400},
                                                 {"1.5h", 5400}, {"1m30s", 90}};
  for (const auto& [text, seconds] : good) {
    double out = -1;
    EXPECT_TRUE(parse_duration(text, out)) << text;
    EXPECT_EQ(out, seconds) << text;
  }
  for (const char* bad : {"", "10", "m", "10x", "1.2.3m", "-5m", "10 m", "5mm"}) {
    double out = -1;
    EXPECT_FALSE(parse_duration(bad, out)) << bad;
    EXPECT_EQ(out, -1) << bad;
  }
}

TEST(UnitName, RoundTripsEveryUnit) {
  for (Unit u : {Unit::none, Unit::percent, Unit::bytes, Unit::bytes_per_second, Unit::celsius,
                 Unit::seconds}) {
    Unit back = Unit::none;
    ASSERT_TRUE(parse_unit(unit_name(u), back)) << unit_name(u);
    EXPECT_EQ(back, u);
  }
  Unit u = Unit::celsius;
  EXPECT_FALSE(parse_unit("Percent", u));
  EXPECT_FALSE(parse_unit("", u));
  EXPECT_FALSE(parse_unit("bytes/s", u));
  EXPECT_EQ(u, Unit::celsius);
}

}  // namespace
}  // namespace tfts::prom
