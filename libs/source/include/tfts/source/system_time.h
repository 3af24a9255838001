// LocalTime: the wall clock as the system screens show it, broken down. The screens take this
// value rather than reading a clock, so tests render them at a fixed time in any time zone.
#pragma once

#include <chrono>
#include <string>

namespace tfts::source {

struct LocalTime {
  int year = 2000;
  int month = 1;    // 1-12
  int day = 1;      // 1-31
  int weekday = 6;  // 0 = Sunday
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool operator==(const LocalTime&) const = default;

  /// "12:34:56"
  std::string clock_text() const;
  /// "2024-05-06" (ISO: unambiguous in every country)
  std::string date_text() const;
  /// "Mon"
  std::string weekday_text() const;
};

/// `t` in the process's local time zone (TZ), to the second.
LocalTime to_local_time(std::chrono::system_clock::time_point t);

}  // namespace tfts::source
