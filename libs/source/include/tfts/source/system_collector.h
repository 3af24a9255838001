// SystemCollector: fills a SystemSnapshot from the machine: /proc/cpuinfo, /proc/stat,
// /proc/meminfo, /proc/uptime, /proc/loadavg and /proc/mounts, cpufreq and temperature sensors
// under /sys (hwmon, thermal zones), and three system calls (gethostname, getifaddrs, statvfs).
// Files are read under a root directory and the calls go through SystemCalls, so tests run the
// collector on sample files with fake calls.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tfts/source/system_snapshot.h"

namespace tfts::source {

// The collector as the screens see it: returns the parts asked for (others stay default).
// Called from the screen's thread; must return quickly (no network filesystems, no waiting).
using CollectFn = std::function<SystemSnapshot(SystemParts parts)>;

struct DiskUsage {
  uint64_t size = 0;  // bytes
  uint64_t used = 0;  // bytes
};

// The system calls besides file reads. real_system_calls() makes the real ones.
struct SystemCalls {
  std::function<std::string()> host_name;               // gethostname
  std::function<std::vector<std::string>()> addresses;  // getifaddrs: IPv4 first, no loopback
  std::function<std::optional<DiskUsage>(const std::string& mount)> disk_usage;  // statvfs
};
SystemCalls real_system_calls();

class SystemCollector {
 public:
  /// Reads files under `root` ("/" on the machine itself; a directory holding proc/ and sys/
  /// trees in tests). Missing files leave their fields at the defaults: a container without
  /// /sys/class/hwmon simply has no temperature.
  explicit SystemCollector(std::string root = "/", SystemCalls calls = real_system_calls());

  /// Collects `parts` now. Never fails as a whole; what cannot be read stays default.
  SystemSnapshot collect(SystemParts parts) const;

  /// This collector as a CollectFn (copies it).
  CollectFn as_function() const;

 private:
  std::string path(std::string_view relative) const;
  void collect_identity(SystemSnapshot& s) const;
  void collect_cpu(SystemSnapshot& s) const;
  void collect_memory(SystemSnapshot& s) const;
  void collect_disks(SystemSnapshot& s) const;
  std::optional<double> temperature() const;

  std::string root_;
  SystemCalls calls_;
};

}  // namespace tfts::source
