#include "tfts/prom/unit_format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string_view>

namespace tfts::prom {
namespace {

// Three significant digits are what a 160-px panel has room for and what a glance can read;
// Prometheus' float64 precision beyond that is noise on a dashboard.
constexpr int kDigits = 3;
constexpr double kMinute = 60, kHour = 3600, kDay = 86400;

constexpr std::array<std::string_view, 5> kSi = {"", "k", "M", "G", "T"};
constexpr std::array<std::string_view, 5> kIec = {"", "Ki", "Mi", "Gi", "Ti"};

struct UnitName {
  Unit unit;
  const char* name;
};
constexpr UnitName kUnitNames[] = {
    {Unit::none, "none"},       {Unit::percent, "percent"},
    {Unit::bytes, "bytes"},     {Unit::bytes_per_second, "bytes_per_second"},
    {Unit::celsius, "celsius"}, {Unit::seconds, "seconds"},
};

std::string fixed(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

// Decimals that give `a` (>= 0) three significant digits. The exponent is taken after
// rounding ("%.2e" of 9.996 is "1.00e+01"), so 9.996 becomes "10.0", never "10.00".
int sig_decimals(double a) {
  if (a == 0) return 0;
  char text[32];
  std::snprintf(text, sizeof text, "%.*e", kDigits - 1, a);
  const char* e = std::strchr(text, 'e');
  const int exponent = e != nullptr ? std::atoi(e + 1) : 0;
  return std::max(0, kDigits - 1 - exponent);
}

// `a` as sig3() shows it, read back: decides which unit a value falls in after rounding.
double rounded3(double a) { return std::strtod(fixed(a, sig_decimals(a)).c_str(), nullptr); }

// `a` (>= 0) with three significant digits; whole numbers below 1000 stay whole when `whole`
// (counts and bytes: "3", "512 B", not "3.00").
std::string sig3(double a, bool whole) {
  if (whole && a < 1000 && a == std::floor(a)) return fixed(a, 0);
  return fixed(a, sig_decimals(a));
}

// `a` (>= 0) divided down by `base` to below `base` with the matching prefix: "1.23M", "3.17 Gi".
// Rounding may carry a mantissa up to the base ("1024 Ki" from 1023.6 Ki): then it moves on.
std::string scaled(double a, double base, std::span<const std::string_view> prefixes,
                   std::string_view space) {
  size_t p = 0;
  while (p + 1 < prefixes.size() && a >= base) {
    a /= base;
    ++p;
  }
  if (p + 1 < prefixes.size() && rounded3(a) >= base) {
    a /= base;
    ++p;
  }
  // Tiny values in plain decimals down to 0.001, then exponents: "0.00123", "1.23e-05".
  std::string out;
  if (p == 0 && a > 0 && a < 1e-3) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*e", kDigits - 1, a);
    out = text;
  } else {
    out = sig3(a, p == 0);
  }
  out += space;
  out += prefixes[p];
  return out;
}

// Two fields, the second zero-padded: "2m 05s", "3d 04h".
std::string two_fields(long long whole, long long per, const char* big, const char* small) {
  char text[64];
  std::snprintf(text, sizeof text, "%lld%s %02lld%s", whole / per, big, whole % per, small);
  return text;
}

// `a` >= 0 seconds. Each form is chosen by the value after its own rounding, so 59.96 s is
// "1m 00s" rather than "60.0 s", and 3599.7 s "1h 00m" rather than "60m 00s".
std::string duration(double a) {
  if (a == 0) return "0 s";
  if (std::round(a * 1e9) < 1000) return fixed(std::round(a * 1e9), 0) + " ns";
  if (std::round(a * 1e6) < 1000) return fixed(std::round(a * 1e6), 0) + " \u00B5s";
  if (rounded3(a * 1e3) < 1000) return sig3(a * 1e3, false) + " ms";
  if (rounded3(a) < kMinute) return sig3(a, false) + " s";
  if (std::llround(a) < kHour) return two_fields(std::llround(a), 60, "m", "s");
  if (std::llround(a / kMinute) < kDay / kMinute) {
    return two_fields(std::llround(a / kMinute), 60, "h", "m");
  }
  return two_fields(std::llround(a / kHour), 24, "d", "h");
}

std::string percent(double a) {
  // At most two decimals: "0.50 %", not "0.500 %"; small shares read as "0.00 %".
  return fixed(a, std::min(2, sig_decimals(a))) + " %";
}

std::string celsius(double a) {
  // Sensors resolve tenths of a degree at best: one decimal, none from 100 °C.
  return fixed(a, a < 99.95 ? 1 : 0) + " \u00B0C";
}

}  // namespace

std::string format_value(double value, Unit unit, const std::string& suffix) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  const double a = std::fabs(value);
  std::string out = value < 0 ? "-" : "";
  switch (unit) {
    case Unit::none:
      out += scaled(a, 1000, kSi, "");
      if (!suffix.empty()) {
        out += ' ';
        out += suffix;
      }
      break;
    case Unit::percent:
      out += percent(a);
      break;
    case Unit::bytes:
      out += scaled(a, 1024, kIec, " ");
      out += 'B';
      break;
    case Unit::bytes_per_second:
      out += scaled(a, 1024, kIec, " ");
      out += "B/s";
      break;
    case Unit::celsius:
      out += celsius(a);
      break;
    case Unit::seconds:
      out += duration(a);
      break;
  }
  // "-0 %" says nothing a "0 %" does not.
  if (out.size() > 1 && out[0] == '-' && std::strtod(out.c_str() + 1, nullptr) == 0) {
    out.erase(0, 1);
  }
  return out;
}

std::string format_duration(double seconds) {
  const long long s = seconds > 0 ? static_cast<long long>(std::floor(seconds)) : 0;
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return two_fields(s, 60, "m", "s");
  if (s < 86400) return two_fields(s / 60, 60, "h", "m");
  return two_fields(s / 3600, 24, "d", "h");
}

bool parse_duration(std::string_view text, double& seconds) {
  if (text.empty()) return false;
  double total = 0;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    if (i == start || i == text.size()) return false;
    char* end = nullptr;
    const std::string number(text.substr(start, i - start));
    const double n = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return false;  // "1.2.3m"
    const char u = text[i++];
    const double per = u == 's'   ? 1
                       : u == 'm' ? kMinute
                       : u == 'h' ? kHour
                       : u == 'd' ? kDay
                       : u == 'w' ? 7 * kDay
                                  : 0;
    if (per == 0) return false;
    total += n * per;
  }
  seconds = total;
  return true;
}

const char* unit_name(Unit unit) {
  for (const UnitName& u : kUnitNames) {
    if (u.unit == unit) return u.name;
  }
  return "none";
}

bool parse_unit(const std::string& text, Unit& out) {
  for (const UnitName& u : kUnitNames) {
    if (text == u.name) {
      out = u.unit;
      return true;
    }
  }
  return false;
}

}  // namespace tfts::prom
