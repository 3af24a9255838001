// CpuHistory: turns samples of the machine into the CPU monitor's values: utilisation from the
// growth of /proc/stat's counters between consecutive samples, kept as bounded histories.
#pragma once

#include <optional>

#include "tfts/source/cpu_values.h"
#include "tfts/source/system_snapshot.h"

namespace tfts::source {

class CpuHistory {
 public:
  /// Keeps at most `capacity` (>= 2) samples of history per graph.
  explicit CpuHistory(int capacity);

  /// Takes the CPU name and counts from a snapshot with SystemParts::identity.
  void set_identity(const SystemSnapshot& identity);

  /// Adds a sample (SystemParts::cpu and ::memory). Utilisation comes from the difference to
  /// the previous sample: the first sample gives none, a processor whose counters did not grow
  /// (or went back: a counter reset) gives NaN for that interval. A change in the number of
  /// processors (CPU hotplug) restarts the per-processor histories.
  void add(const SystemSnapshot& sample);

  const CpuMonitorValues& values() const { return values_; }

 private:
  CpuMonitorValues values_;
  std::optional<CpuTimes> last_total_;
  std::vector<CpuTimes> last_cores_;
};

}  // namespace tfts::source
