// Parsers for the /proc files the system screens read. Pure functions of the file's text, so
// tests feed them sample contents from other machines (x86, Raspberry Pi, containers).
// Malformed lines are skipped; a missing field leaves its default.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/source/system_snapshot.h"

namespace tfts::source {

/// /proc/cpuinfo: model (x86 "model name", ARM "model name" or the core named from "CPU
/// part"), thread count ("processor" entries), physical cores (distinct physical id/core id
/// pairs, else "cpu cores", else threads), mean "cpu MHz". Also the board ("Model", else
/// "Hardware") into `machine` when given.
CpuInfo parse_cpuinfo(std::string_view text, std::string* machine = nullptr);

/// /proc/stat: the "cpu" line into `total` and the "cpuN" lines into `cores`. False if there
/// is no "cpu" line.
[[nodiscard]] bool parse_proc_stat(std::string_view text, CpuTimes& total,
                                   std::vector<CpuTimes>& cores);

/// /proc/meminfo: MemTotal, MemAvailable (older kernels: MemFree + Buffers + Cached),
/// SwapTotal, SwapFree; kB become bytes.
MemoryInfo parse_meminfo(std::string_view text);

/// /proc/uptime: the first number, seconds since boot.
std::optional<double> parse_uptime(std::string_view text);

/// /proc/loadavg: the first three numbers.
std::optional<LoadAverage> parse_loadavg(std::string_view text);

struct MountEntry {
  std::string device;
  std::string mount;
  std::string type;
  bool operator==(const MountEntry&) const = default;
};

/// /proc/mounts (or /proc/self/mounts), octal escapes ("\040" for a space) decoded.
std::vector<MountEntry> parse_mounts(std::string_view text);

/// The mounts worth showing as disks: local block-device filesystems (ext4, xfs, btrfs, vfat,
/// ...) on /dev/ devices, once per device (its shortest mount point), plus "/" whatever it is
/// (an overlay in a container); no network filesystems (statvfs on a dead server blocks).
/// Root first, then by mount point.
std::vector<MountEntry> local_disks(const std::vector<MountEntry>& mounts);

/// A CPU model without the marketing: "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz" becomes
/// "Intel Core i5-8250U", "AMD Ryzen 7 5800X 8-Core Processor" becomes "AMD Ryzen 7 5800X".
std::string short_cpu_name(std::string_view model);

}  // namespace tfts::source
