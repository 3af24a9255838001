#include "tfts/source/system_parsers.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>

namespace tfts::source {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Calls fn(line) for each line of `text`.
template <typename Fn>
void for_each_line(std::string_view text, Fn fn) {
  while (!text.empty()) {
    const size_t end = text.find('\n');
    fn(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

template <typename T>
bool number(std::string_view text, T& out, int base = 10) {
  const char* end = text.data() + text.size();
  std::from_chars_result r;
  if constexpr (std::is_floating_point_v<T>) {
    r = std::from_chars(text.data(), end, out);
  } else {
    r = std::from_chars(text.data(), end, out, base);
  }
  return r.ec == std::errc() && r.ptr == end;
}

// ARM's own cores by "CPU part" (implementer 0x41), the ones small boards carry.
struct ArmPart {
  unsigned part;
  std::string_view name;
};
constexpr ArmPart kArmParts[] = {
    {0xb76, "ARM1176"},     {0xc07, "Cortex-A7"},   {0xc08, "Cortex-A8"},  {0xc09, "Cortex-A9"},
    {0xc0f, "Cortex-A15"},  {0xd03, "Cortex-A53"},  {0xd04, "Cortex-A35"}, {0xd05, "Cortex-A55"},
    {0xd07, "Cortex-A57"},  {0xd08, "Cortex-A72"},  {0xd09, "Cortex-A73"}, {0xd0a, "Cortex-A75"},
    {0xd0b, "Cortex-A76"},  {0xd0c, "Neoverse-N1"}, {0xd0d, "Cortex-A77"}, {0xd41, "Cortex-A78"},
    {0xd46, "Cortex-A510"}, {0xd47, "Cortex-A710"},
};

std::string arm_core_name(std::string_view implementer, std::string_view part) {
  unsigned impl = 0, p = 0;
  const auto hex = [](std::string_view s, unsigned& out) {
    if (s.starts_with("0x")) s.remove_prefix(2);
    return number(s, out, 16);
  };
  if (!hex(implementer, impl) || !hex(part, p)) return {};
  if (impl == 0x41) {
    for (const ArmPart& a : kArmParts) {
      if (a.part == p) return "ARM " + std::string(a.name);
    }
  }
  return "ARM CPU part " + std::string(part);
}

// Splits "key<TAB>: value" into trimmed key and value; false without a ':'.
bool key_value(std::string_view line, std::string_view& key, std::string_view& value) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  key = trim(line.substr(0, colon));
  value = trim(line.substr(colon + 1));
  return true;
}

std::string decode_octal(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned v = 0;
    if (s[i] == '\\' && i + 3 < s.size() && number(s.substr(i + 1, 3), v, 8)) {
      out += static_cast<char>(v);
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

CpuInfo parse_cpuinfo(std::string_view text, std::string* machine) {
  CpuInfo info;
  std::string model, old_arm_model, implementer, part, uarch, board, hardware;
  std::set<std::pair<std::string, std::string>> core_ids;
  std::set<std::string> packages;
  std::string_view physical_id = "0";  // of the processor being read; views into `text`
  int cores_per_package = 0;
  double mhz_sum = 0;
  int mhz_count = 0;
  for_each_line(text, [&](std::string_view line) {
    std::string_view key, value;
    if (!key_value(line, key, value)) return;
    if (key == "processor") {
      ++info.threads;
      physical_id = "0";
    } else if (key == "Processor" && old_arm_model.empty()) {  // old ARM kernels
      old_arm_model = std::string(value);
    } else if (key == "model name" && model.empty()) {
      model = std::string(value);
    } else if (key == "CPU implementer" && implementer.empty()) {
      implementer = std::string(value);
    } else if (key == "CPU part" && part.empty()) {
      part = std::string(value);
    } else if (key == "uarch" && uarch.empty()) {
      uarch = std::string(value);
    } else if (key == "physical id") {
      physical_id = value;
      packages.emplace(value);
    } else if (key == "core id") {
      core_ids.emplace(std::string(physical_id), std::string(value));
    } else if (key == "cpu cores") {
      int n = 0;
      if (number(value, n)) cores_per_package = n;
    } else if (key == "cpu MHz") {
      double mhz = 0;
      if (number(value, mhz) && mhz > 0) {
        mhz_sum += mhz;
        ++mhz_count;
      }
    } else if (key == "Model") {
      board = std::string(value);
    } else if (key == "Hardware") {
      hardware = std::string(value);
    }
  });
  info.model = !model.empty()           ? model
               : !implementer.empty()   ? arm_core_name(implementer, part)
               : !old_arm_model.empty() ? old_arm_model
                                        : uarch;
  if (!core_ids.empty()) {
    info.cores = static_cast<int>(core_ids.size());
  } else if (cores_per_package > 0) {
    info.cores = cores_per_package * std::max<int>(1, static_cast<int>(packages.size()));
  } else {
    info.cores = info.threads;
  }
  if (mhz_count > 0) info.mhz = mhz_sum / mhz_count;
  if (machine != nullptr) *machine = !board.empty() ? board : hardware;
  return info;
}

bool parse_proc_stat(std::string_view text, CpuTimes& total, std::vector<CpuTimes>& cores) {
  bool found = false;
  cores.clear();
  for_each_line(text, [&](std::string_view line) {
    if (!line.starts_with("cpu")) return;
    const std::vector<std::string_view> w = words(line);
    if (w.size() < 5) return;
    uint64_t v[8] = {};  // user nice system idle iowait irq softirq steal
    for (size_t i = 0; i < 8 && i + 1 < w.size(); ++i) {
      if (!number(w[i + 1], v[i])) return;
    }
    const CpuTimes t{v[0] + v[1] + v[2] + v[5] + v[6] + v[7],
                     v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7]};
    if (w[0] == "cpu") {
      total = t;
      found = true;
    } else {
      cores.push_back(t);
    }
  });
  return found;
}

MemoryInfo parse_meminfo(std::string_view text) {
  MemoryInfo m;
  uint64_t free = 0, buffers = 0, cached = 0;
  bool have_available = false;
  for_each_line(text, [&](std::string_view line) {
    std::string_view key, value;
    if (!key_value(line, key, value)) return;
    const std::vector<std::string_view> w = words(value);
    uint64_t kb = 0;
    if (w.empty() || !number(w[0], kb)) return;
    const uint64_t bytes = kb * 1024;
    if (key == "MemTotal") m.total = bytes;
    if (key == "MemAvailable") {
      m.available = bytes;
      have_available = true;
    }
    if (key == "MemFree") free = bytes;
    if (key == "Buffers") buffers = bytes;
    if (key == "Cached") cached = bytes;
    if (key == "SwapTotal") m.swap_total = bytes;
    if (key == "SwapFree") m.swap_free = bytes;
  });
  if (!have_available) m.available = std::min(m.total, free + buffers + cached);
  return m;
}

std::optional<double> parse_uptime(std::string_view text) {
  const std::vector<std::string_view> w = words(trim(text.substr(0, text.find('\n'))));
  double s = 0;
  if (w.empty() || !number(w[0], s) || s < 0) return std::nullopt;
  return s;
}

std::optional<LoadAverage> parse_loadavg(std::string_view text) {
  const std::vector<std::string_view> w = words(trim(text.substr(0, text.find('\n'))));
  LoadAverage l;
  if (w.size() < 3 || !number(w[0], l.one) || !number(w[1], l.five) || !number(w[2], l.fifteen)) {
    return std::nullopt;
  }
  return l;
}

std::vector<MountEntry> parse_mounts(std::string_view text) {
  std::vector<MountEntry> out;
  for_each_line(text, [&](std::string_view line) {
    const std::vector<std::string_view> w = words(line);
    if (w.size() < 3) return;
    out.push_back({decode_octal(w[0]), decode_octal(w[1]), decode_octal(w[2])});
  });
  return out;
}

std::vector<MountEntry> local_disks(const std::vector<MountEntry>& mounts) {
  static const std::set<std::string, std::less<>> kLocalTypes = {
      "ext2", "ext3", "ext4",     "xfs", "btrfs",   "vfat",   "exfat",    "ntfs",   "ntfs3",
      "f2fs", "jfs",  "reiserfs", "zfs", "hfsplus", "nilfs2", "bcachefs", "fuseblk"};
  std::vector<MountEntry> chosen;
  for (const MountEntry& m : mounts) {
    const bool root = m.mount == "/";
    const bool local =
        kLocalTypes.contains(m.type) &&
        (m.type == "zfs" || (m.device.starts_with("/dev/") && !m.device.starts_with("/dev/loop")));
    if (!root && !local) continue;
    // One entry per device: bind mounts and btrfs subvolumes show the same space again.
    auto same = std::find_if(chosen.begin(), chosen.end(), [&](const MountEntry& c) {
      return c.device == m.device || c.mount == m.mount;
    });
    if (same == chosen.end()) {
      chosen.push_back(m);
    } else if (root || (same->mount != "/" && m.mount.size() < same->mount.size())) {
      *same = m;
    }
  }
  std::sort(chosen.begin(), chosen.end(), [](const MountEntry& a, const MountEntry& b) {
    if ((a.mount == "/") != (b.mount == "/")) return a.mount == "/";
    return a.mount < b.mount;
  });
  return chosen;
}

std::string short_cpu_name(std::string_view model) {
  std::string s(model);
  for (std::string_view mark : {"(R)", "(r)", "(TM)", "(tm)", "\u00AE", "\u2122"}) {
    for (size_t at = s.find(mark); at != std::string::npos; at = s.find(mark)) {
      s.erase(at, mark.size());
    }
  }
  std::string out;
  for (std::string_view w : words(s)) {
    // Everything from a clock ("@ 1.60GHz") or a graphics note ("with Radeon Graphics") on is
    // padding.
    if (w == "@" || w.starts_with("@") || w == "with") break;
    if (w == "CPU" || w == "Processor" || w.ends_with("-Core") || w.ends_with("-core")) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out.empty() ? std::string(trim(model)) : out;
}

}  // namespace tfts::source
