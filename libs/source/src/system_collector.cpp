#include "tfts/source/system_collector.h"

#include <arpa/inet.h>  // inet_ntop (POSIX)
#include <ifaddrs.h>    // getifaddrs
#include <net/if.h>     // IFF_UP, IFF_LOOPBACK
#include <netinet/in.h>
#include <sys/statvfs.h>
#include <unistd.h>  // gethostname

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <utility>

#include "tfts/source/system_parsers.h"

namespace tfts::source {
namespace {

namespace fs = std::filesystem;

// /proc and /sys files are small; anything larger than this is not what we expect.
constexpr size_t kMaxFileBytes = 4 << 20;
// Readings outside this range are sensor faults, not temperatures.
constexpr double kMinCelsius = -40;
constexpr double kMaxCelsius = 150;

// Sensors that measure the CPU itself, most specific first: hwmon driver names, then thermal
// zone types (Intel package, Raspberry Pi and other ARM boards, ACPI as the last resort).
constexpr std::string_view kCpuHwmon[] = {"coretemp",    "k10temp",     "zenpower",
                                          "cpu_thermal", "cpu-thermal", "soc_thermal"};
constexpr std::string_view kCpuZones[] = {"x86_pkg_temp", "cpu-thermal", "cpu_thermal",
                                          "soc_thermal",  "cpu",         "acpitz"};

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) return std::nullopt;
  }
  return text;
}

std::string first_line(std::string text) {
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == '\0' || text.back() == ' ' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

std::optional<long long> read_integer(const std::string& path) {
  const std::optional<std::string> text = read_file(path);
  if (!text) return std::nullopt;
  const std::string line = first_line(*text);
  long long v = 0;
  const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), v);
  if (ec != std::errc() || ptr != line.data() + line.size()) return std::nullopt;
  return v;
}

std::optional<double> celsius(const std::string& path) {
  const std::optional<long long> milli = read_integer(path);
  if (!milli) return std::nullopt;
  const double c = static_cast<double>(*milli) / 1000.0;
  if (c < kMinCelsius || c > kMaxCelsius) return std::nullopt;
  return c;
}

// Entries of `dir` whose names start with `prefix`, sorted (directory order is arbitrary).
std::vector<fs::path> entries(const std::string& dir, std::string_view prefix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(prefix)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The package or die temperature of a hwmon device: the input labelled "Package id 0", "Tctl"
// or "Tdie" if there is one, else temp1.
std::optional<double> hwmon_temperature(const fs::path& dir) {
  for (const fs::path& label : entries(dir.string(), "temp")) {
    const std::string name = label.filename().string();
    if (!name.ends_with("_label")) continue;
    const std::optional<std::string> text = read_file(label.string());
    if (!text) continue;
    const std::string l = first_line(*text);
    if (l.starts_with("Package") || l == "Tctl" || l == "Tdie") {
      const std::string input = name.substr(0, name.size() - 6) + "_input";
      if (auto c = celsius((dir / input).string())) return c;
    }
  }
  return celsius((dir / "temp1_input").string());
}

std::string machine_from_dmi(const std::string& dmi) {
  const auto read = [&](const char* name) {
    const std::optional<std::string> text = read_file(dmi + name);
    return text ? first_line(*text) : std::string();
  };
  std::string product = read("product_name");
  // Placeholders firmware vendors leave in.
  for (std::string_view junk : {"To be filled by O.E.M.", "System Product Name", "Default string",
                                "Not Specified", "None"}) {
    if (product == junk) product.clear();
  }
  if (product.empty()) return {};
  const std::string vendor = read("sys_vendor");
  if (vendor.empty() || product.starts_with(vendor.substr(0, vendor.find(' ')))) return product;
  return vendor.substr(0, vendor.find(' ')) + " " + product;
}

}  // namespace

SystemCalls real_system_calls() {
  SystemCalls calls;
  calls.host_name = [] {
    std::array<char, 256> name{};
    if (gethostname(name.data(), name.size() - 1) != 0) return std::string();
    return std::string(name.data());
  };
  calls.addresses = [] {
    std::vector<std::string> v4, v6;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return v4;
    for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
      if (a->ifa_addr == nullptr || (a->ifa_flags & IFF_UP) == 0 ||
          (a->ifa_flags & IFF_LOOPBACK) != 0) {
        continue;
      }
      char text[INET6_ADDRSTRLEN] = {};
      if (a->ifa_addr->sa_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
        if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text) != nullptr) v4.push_back(text);
      } else if (a->ifa_addr->sa_family == AF_INET6) {
        const auto* in = reinterpret_cast<const sockaddr_in6*>(a->ifa_addr);
        if (IN6_IS_ADDR_LINKLOCAL(&in->sin6_addr) || IN6_IS_ADDR_LOOPBACK(&in->sin6_addr)) {
          continue;
        }
        if (inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text) != nullptr) v6.push_back(text);
      }
    }
    freeifaddrs(list);
    v4.insert(v4.end(), v6.begin(), v6.end());
    return v4;
  };
  calls.disk_usage = [](const std::string& mount) -> std::optional<DiskUsage> {
    // A container's /etc/hosts is a file bind-mounted from the host's disk: not a disk here.
    std::error_code ec;
    if (!fs::is_directory(mount, ec)) return std::nullopt;
    struct statvfs st {};
    if (statvfs(mount.c_str(), &st) != 0 || st.f_blocks == 0) return std::nullopt;
    const uint64_t unit = st.f_frsize != 0 ? st.f_frsize : st.f_bsize;
    return DiskUsage{st.f_blocks * unit, (st.f_blocks - st.f_bfree) * unit};
  };
  return calls;
}

SystemCollector::SystemCollector(std::string root, SystemCalls calls)
    : root_(std::move(root)), calls_(std::move(calls)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string SystemCollector::path(std::string_view relative) const {
  return (root_ == "/" ? std::string() : root_) + "/" + std::string(relative);
}

SystemSnapshot SystemCollector::collect(SystemParts parts) const {
  SystemSnapshot s;
  if (has(parts, SystemParts::identity)) collect_identity(s);
  if (has(parts, SystemParts::cpu)) collect_cpu(s);
  if (has(parts, SystemParts::memory)) collect_memory(s);
  if (has(parts, SystemParts::disks)) collect_disks(s);
  return s;
}

CollectFn SystemCollector::as_function() const {
  return [collector = *this](SystemParts parts) { return collector.collect(parts); };
}

void SystemCollector::collect_identity(SystemSnapshot& s) const {
  if (calls_.host_name) s.host_name = calls_.host_name();
  if (calls_.addresses) s.addresses = calls_.addresses();
  if (const auto text = read_file(path("proc/cpuinfo"))) {
    s.cpu = parse_cpuinfo(*text, &s.machine);
  }
  if (s.machine.empty()) {
    if (const auto model = read_file(path("proc/device-tree/model")))
      s.machine = first_line(*model);
  }
  if (s.machine.empty()) s.machine = machine_from_dmi(path("sys/class/dmi/id/"));
  if (const auto max = read_integer(path("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"))) {
    s.cpu.max_mhz = static_cast<double>(*max) / 1000.0;
  }
}

void SystemCollector::collect_cpu(SystemSnapshot& s) const {
  if (const auto text = read_file(path("proc/stat"))) {
    if (!parse_proc_stat(*text, s.cpu_total, s.cpu_cores)) s.cpu_cores.clear();
  }
  if (const auto text = read_file(path("proc/loadavg"))) {
    if (const auto load = parse_loadavg(*text)) s.load = *load;
  }
  // The clock: cpufreq's current frequency averaged over the processors, else /proc/cpuinfo's.
  double khz_sum = 0;
  int khz_count = 0;
  for (const fs::path& cpu : entries(path("sys/devices/system/cpu"), "cpu")) {
    if (const auto khz = read_integer((cpu / "cpufreq/scaling_cur_freq").string())) {
      khz_sum += static_cast<double>(*khz);
      ++khz_count;
    }
  }
  if (khz_count > 0) {
    s.cpu.mhz = khz_sum / khz_count / 1000.0;
  } else if (const auto text = read_file(path("proc/cpuinfo"))) {
    s.cpu.mhz = parse_cpuinfo(*text).mhz;
  }
  s.temperature_c = temperature();
}

std::optional<double> SystemCollector::temperature() const {
  const std::vector<fs::path> hwmons = entries(path("sys/class/hwmon"), "hwmon");
  const std::vector<fs::path> zones = entries(path("sys/class/thermal"), "thermal_zone");
  const auto name_of = [](const fs::path& file) {
    const std::optional<std::string> text = read_file(file.string());
    return text ? first_line(*text) : std::string();
  };
  for (std::string_view wanted : kCpuHwmon) {
    for (const fs::path& dir : hwmons) {
      if (name_of(dir / "name") != wanted) continue;
      if (auto c = hwmon_temperature(dir)) return c;
    }
  }
  for (std::string_view wanted : kCpuZones) {
    for (const fs::path& dir : zones) {
      if (name_of(dir / "type") != wanted) continue;
      if (auto c = celsius((dir / "temp").string())) return c;
    }
  }
  return std::nullopt;
}

void SystemCollector::collect_memory(SystemSnapshot& s) const {
  if (const auto text = read_file(path("proc/meminfo"))) s.memory = parse_meminfo(*text);
  if (const auto text = read_file(path("proc/uptime")))
    s.uptime_s = parse_uptime(*text).value_or(0);
}

void SystemCollector::collect_disks(SystemSnapshot& s) const {
  const std::optional<std::string> text = read_file(path("proc/mounts"));
  if (!text || !calls_.disk_usage) return;
  for (const MountEntry& m : local_disks(parse_mounts(*text))) {
    const std::optional<DiskUsage> usage = calls_.disk_usage(m.mount);
    if (!usage) continue;
    s.disks.push_back({m.mount, m.device, m.type, usage->size, usage->used});
  }
}

}  // namespace tfts::source
