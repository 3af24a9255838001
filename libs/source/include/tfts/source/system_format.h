// How the system screens write numbers: sizes, clock rates, uptime. Shared by the BIOS and CPU
// screens so both say the same thing the same way.
#pragma once

#include <cstdint>
#include <string>

namespace tfts::source {

/// Bytes in binary units with three significant digits: "512 MB", "15.5 GB", "1.82 TB".
/// `compact` drops the space and the B ("15.5G") for narrow panels.
std::string format_bytes(uint64_t bytes, bool compact = false);

/// A clock rate: "800 MHz", "2.11 GHz"; "n/a" for 0 (unknown).
std::string format_mhz(double mhz);

/// Uptime to the minute, so that it changes once a minute, not every second: "3 days 04:05",
/// "1 day 00:10", "04:05". `compact`: "3d 04:05".
std::string format_uptime(double seconds, bool compact = false);

/// A share as a whole percentage: "37%"; clamped to 0-100.
std::string format_percent(double fraction);

}  // namespace tfts::source
