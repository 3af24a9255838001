// CpuMonitorValues: everything the CPU monitor shows, as plain values. CpuHistory builds it
// from a series of SystemSnapshots; tests build it by hand. layout_cpu() only sees this value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tfts/source/system_snapshot.h"

namespace tfts::source {

struct CpuMonitorValues {
  std::string name;  // short CPU name ("Intel Core i7-8650U"); "" when unknown
  int cores = 0;     // physical
  int threads = 0;   // logical
  // Utilisation over the last interval, 0-1; empty until two samples have been taken.
  std::optional<double> total;
  std::vector<double> per_core;  // one per logical processor; empty until two samples
  // Histories, oldest first, at most `capacity` entries each; NaN where a sample was unusable.
  std::vector<float> total_history;
  std::vector<std::vector<float>> core_history;
  int capacity = 60;
  double mhz = 0;      // current clock; 0: unknown
  double max_mhz = 0;  // 0: unknown
  std::optional<double> temperature_c;
  MemoryInfo memory;
  LoadAverage load;

  bool operator==(const CpuMonitorValues&) const = default;
};

}  // namespace tfts::source
