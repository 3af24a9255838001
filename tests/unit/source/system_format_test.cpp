// How the system screens write numbers and times.
#include "tfts/source/system_format.h"

#include <gtest/gtest.h>
#include <stdlib.h>  // setenv (POSIX)
#include <time.h>    // tzset

#include "tfts/source/system_time.h"

namespace tfts::source {
namespace {

TEST(SystemFormat, Bytes) {
  EXPECT_EQ(format_bytes(0), "0 B");
  EXPECT_EQ(format_bytes(999), "999 B");
  EXPECT_EQ(format_bytes(1000), "0.98 KB");
  EXPECT_EQ(format_bytes(512ull << 20), "512 MB");
  EXPECT_EQ(format_bytes(16ull << 30), "16.0 GB");
  EXPECT_EQ(format_bytes(static_cast<uint64_t>(15.5 * (1ull << 30))), "15.5 GB");
  EXPECT_EQ(format_bytes(250ull << 30), "250 GB");
  EXPECT_EQ(format_bytes(2000ull << 30), "1.95 TB");
  EXPECT_EQ(format_bytes(250ull << 30, true), "250G");
  EXPECT_EQ(format_bytes(512, true), "512B");
}

TEST(SystemFormat, ClockRate) {
  EXPECT_EQ(format_mhz(0), "n/a");
  EXPECT_EQ(format_mhz(-5), "n/a");
  EXPECT_EQ(format_mhz(800), "800 MHz");
  EXPECT_EQ(format_mhz(2112.5), "2.11 GHz");
}

TEST(SystemFormat, UptimeToTheMinute) {
  EXPECT_EQ(format_uptime(0), "00:00");
  EXPECT_EQ(format_uptime(59), "00:00");
  EXPECT_EQ(format_uptime(3723.5), "01:02");
  EXPECT_EQ(format_uptime(86400 + 600), "1 day 00:10");
  EXPECT_EQ(format_uptime(3 * 86400 + 4 * 3600 + 5 * 60 + 17), "3 days 04:05");
  EXPECT_EQ(format_uptime(3 * 86400 + 4 * 3600 + 5 * 60 + 17, true), "3d 04:05");
}

TEST(SystemFormat, Percent) {
  EXPECT_EQ(format_percent(0.374), "37%");
  EXPECT_EQ(format_percent(0.375), "38%");
  EXPECT_EQ(format_percent(1.5), "100%");
  EXPECT_EQ(format_percent(-1), "0%");
}

TEST(SystemTime, TextForms) {
  const LocalTime t{2024, 5, 6, 1, 7, 8, 9};
  EXPECT_EQ(t.clock_text(), "07:08:09");
  EXPECT_EQ(t.date_text(), "2024-05-06");
  EXPECT_EQ(t.weekday_text(), "Mon");
}

TEST(SystemTime, FromTheWallClockInTheLocalZone) {
  setenv("TZ", "UTC", 1);
  tzset();
  // 2024-05-06 07:08:09.900 UTC, a Monday.
  const auto wall =
      std::chrono::system_clock::time_point{} + std::chrono::milliseconds(1714979289900);
  EXPECT_EQ(to_local_time(wall), (LocalTime{2024, 5, 6, 1, 7, 8, 9}));
  setenv("TZ", "Asia/Kolkata", 1);  // +05:30, no daylight saving
  tzset();
  const LocalTime india = to_local_time(wall);
  setenv("TZ", "UTC", 1);
  tzset();
  if (india.hour != 7) {  // tzdata installed
    EXPECT_EQ(india.hour, 12);
    EXPECT_EQ(india.minute, 38);
  }
}

}  // namespace
}  // namespace tfts::source
