#include "tfts/source/system_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tfts::source {

std::string format_bytes(uint64_t bytes, bool compact) {
  static constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  double v = static_cast<double>(bytes);
  size_t unit = 0;
  // Switch units before the value would need four digits ("1000 MB" reads worse than "0.98 GB").
  while (v >= 999.5 && unit + 1 < std::size(kUnits)) {
    v /= 1024;
    ++unit;
  }
  char number[32];
  if (unit == 0 || v >= 99.95) {
    std::snprintf(number, sizeof number, "%.0f", v);
  } else if (v >= 9.995) {
    std::snprintf(number, sizeof number, "%.1f", v);
  } else {
    std::snprintf(number, sizeof number, "%.2f", v);
  }
  std::string unit_text = kUnits[unit];
  if (compact) return number + (unit == 0 ? unit_text : unit_text.substr(0, 1));
  return std::string(number) + " " + unit_text;
}

std::string format_mhz(double mhz) {
  if (!(mhz > 0)) return "n/a";
  char text[32];
  if (mhz < 1000) {
    std::snprintf(text, sizeof text, "%.0f MHz", mhz);
  } else {
    std::snprintf(text, sizeof text, "%.2f GHz", mhz / 1000);
  }
  return text;
}

std::string format_uptime(double seconds, bool compact) {
  const auto minutes = static_cast<long long>(std::max(0.0, seconds) / 60);
  const long long days = minutes / (24 * 60);
  const int hh = static_cast<int>(minutes / 60 % 24);
  const int mm = static_cast<int>(minutes % 60);
  char text[48];
  if (days == 0) {
    std::snprintf(text, sizeof text, "%02d:%02d", hh, mm);
  } else if (compact) {
    std::snprintf(text, sizeof text, "%lldd %02d:%02d", days, hh, mm);
  } else {
    std::snprintf(text, sizeof text, "%lld day%s %02d:%02d", days, days == 1 ? "" : "s", hh, mm);
  }
  return text;
}

std::string format_percent(double fraction) {
  const double f = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
  return std::to_string(static_cast<int>(std::lround(f * 100))) + "%";
}

}  // namespace tfts::source
