// SystemSnapshot: what the BIOS and CPU screens show about the machine, as plain values. A
// SystemCollector (system_collector.h) fills it from /proc, /sys and a few system calls; tests
// build one by hand. Layout and drawing only ever see this value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tfts::source {

// Cumulative CPU time from /proc/stat, in clock ticks since boot. Utilisation is the share of
// `busy` in the growth of `total` between two snapshots.
struct CpuTimes {
  uint64_t busy = 0;   // user + nice + system + irq + softirq + steal
  uint64_t total = 0;  // busy + idle + iowait
  bool operator==(const CpuTimes&) const = default;
};

struct CpuInfo {
  std::string model;   // as the kernel names it, e.g. "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz"
  int cores = 0;       // physical cores (threads when the kernel does not say)
  int threads = 0;     // logical processors
  double mhz = 0;      // current clock, averaged over the processors; 0: unknown
  double max_mhz = 0;  // highest clock the processors can run at; 0: unknown
  bool operator==(const CpuInfo&) const = default;
};

struct MemoryInfo {
  uint64_t total = 0;      // bytes
  uint64_t available = 0;  // bytes a program could still get without swapping
  uint64_t swap_total = 0;
  uint64_t swap_free = 0;
  uint64_t used() const { return total > available ? total - available : 0; }
  bool operator==(const MemoryInfo&) const = default;
};

struct DiskInfo {
  std::string mount;   // "/", "/home"
  std::string device;  // "/dev/nvme0n1p2"
  std::string type;    // "ext4"
  uint64_t size = 0;   // bytes
  uint64_t used = 0;   // bytes
  bool operator==(const DiskInfo&) const = default;
};

struct LoadAverage {
  double one = 0, five = 0, fifteen = 0;
  bool operator==(const LoadAverage&) const = default;
};

struct SystemSnapshot {
  std::string host_name;
  std::string machine;  // board or product name ("Raspberry Pi 4 Model B"); may be ""
  std::vector<std::string> addresses;  // IPv4 first, then global IPv6; loopback left out
  CpuInfo cpu;
  MemoryInfo memory;
  double uptime_s = 0;
  LoadAverage load;
  std::optional<double> temperature_c;  // the CPU's, where the machine exposes one
  CpuTimes cpu_total;
  std::vector<CpuTimes> cpu_cores;  // one per logical processor, in /proc/stat order
  std::vector<DiskInfo> disks;      // local filesystems, root first
  bool operator==(const SystemSnapshot&) const = default;
};

// Which parts of a snapshot to collect; the CPU screen skips disks and addresses each second.
enum class SystemParts : unsigned {
  none = 0,
  identity = 1u << 0,  // host name, machine, CPU model and core counts, addresses
  cpu = 1u << 1,       // cpu_total, cpu_cores, frequency, temperature, load
  memory = 1u << 2,    // memory, uptime
  disks = 1u << 3,
  all = 0xFu,
};

constexpr SystemParts operator|(SystemParts a, SystemParts b) {
  return static_cast<SystemParts>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has(SystemParts set, SystemParts part) {
  return (static_cast<unsigned>(set) & static_cast<unsigned>(part)) != 0;
}

}  // namespace tfts::source
