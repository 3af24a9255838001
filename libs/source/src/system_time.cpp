#include "tfts/source/system_time.h"

#include <time.h>  // localtime_r (POSIX): std::localtime shares one buffer between threads

#include <cstdio>

namespace tfts::source {

std::string LocalTime::clock_text() const {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", hour % 100, minute % 100, second % 100);
  return text;
}

std::string LocalTime::date_text() const {
  char text[24];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
  return text;
}

std::string LocalTime::weekday_text() const {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return kDays[((weekday % 7) + 7) % 7];
}

LocalTime to_local_time(std::chrono::system_clock::time_point t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
  const auto tt = static_cast<time_t>(seconds);
  tm local{};
  LocalTime out;
  if (localtime_r(&tt, &local) == nullptr) return out;
  out.year = local.tm_year + 1900;
  out.month = local.tm_mon + 1;
  out.day = local.tm_mday;
  out.weekday = local.tm_wday;
  out.hour = local.tm_hour;
  out.minute = local.tm_min;
  out.second = local.tm_sec;
  return out;
}

}  // namespace tfts::source
