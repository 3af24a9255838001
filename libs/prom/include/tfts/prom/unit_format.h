// Humane numbers for small panels: a value and its unit in as few characters as stay honest.
#pragma once

#include <string>
#include <string_view>

#include "tfts/prom/dashboard_spec.h"

namespace tfts::prom {

/// `value` written for `unit`, e.g. 42.3 % -> "42.3 %", 3.4e9 bytes -> "3.17 GiB",
/// 1.2e6 bytes/s -> "1.14 MiB/s", 48.46 °C -> "48.5 °C", 7530 s -> "2h 06m", 0.0123 s ->
/// "12.3 ms", 1234567 (none) -> "1.23M". Three significant digits (docs/prometheus.md has the
/// exceptions: whole numbers below 1000 stay whole, °C has one decimal, durations past a minute
/// have two fields); NaN -> "NaN", ±Inf -> "+Inf", "-Inf". `suffix`, when not empty, follows
/// unit-less values after a space ("1.23k req/s"); other units ignore it.
std::string format_value(double value, Unit unit, const std::string& suffix = {});

/// An elapsed time in whole seconds, rounded down: "0 s", "42 s", "3m 10s", "2h 05m",
/// "3d 04h" (ages of stale data, retry countdowns). Negative times are "0 s".
std::string format_duration(double seconds);

/// A duration as Prometheus writes them: one or more <number><unit>, unit s, m, h, d or w
/// ("30s", "10m", "1h30m", "1.5h"), in seconds. False for anything else, a bare number too.
[[nodiscard]] bool parse_duration(std::string_view text, double& seconds);

/// Unit names as the dashboard file writes them ("percent", "bytes", "bytes_per_second",
/// "celsius", "seconds", "none"); parse returns false for anything else.
const char* unit_name(Unit unit);
bool parse_unit(const std::string& text, Unit& out);

}  // namespace tfts::prom
