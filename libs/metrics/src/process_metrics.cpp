#include "tfts/metrics/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace tfts::metrics {
namespace {

struct ProcStat {
  double cpu_seconds = 0;
  double start_time = 0;  // seconds since the epoch
  double virtual_bytes = 0;
  double resident_bytes = 0;
};

double boot_time() {
  std::ifstream in("/proc/stat");
  std::string key;
  while (in >> key) {
    if (key == "btime") {
      double t = 0;
      in >> t;
      return t;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

bool read_proc_stat(ProcStat& s) {
  std::ifstream in("/proc/self/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  // The command name (field 2) is in parentheses and may contain spaces: start after its ')'.
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream fields(line.substr(close + 2));
  std::string f;
  // Fields from 3 (state): utime is 14, stime 15, starttime 22, vsize 23, rss 24.
  double utime = 0, stime = 0, start = 0, vsize = 0, rss = 0;
  for (int i = 3; i <= 24 && fields >> f; ++i) {
    if (i == 14) utime = std::stod(f);
    if (i == 15) stime = std::stod(f);
    if (i == 22) start = std::stod(f);
    if (i == 23) vsize = std::stod(f);
    if (i == 24) rss = std::stod(f);
  }
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  s.cpu_seconds = (utime + stime) / ticks;
  s.start_time = boot_time() + start / ticks;
  s.virtual_bytes = vsize;
  s.resident_bytes = rss * static_cast<double>(sysconf(_SC_PAGESIZE));
  return true;
}

double open_fds() {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return 0;
  double n = 0;
  while (const dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') ++n;
  }
  closedir(dir);
  return n - 1;  // the directory stream's own descriptor
}

}  // namespace

void register_process_metrics(Registry& registry) {
  auto& cpu = registry.sampled_counter("process_cpu_seconds_total",
                             "Total user and system CPU time spent in seconds.");
  auto& resident = registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
  auto& virt = registry.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
  auto& fds = registry.gauge("process_open_fds", "Number of open file descriptors.");
  auto& max_fds = registry.gauge("process_max_fds", "Maximum number of open file descriptors.");
  auto& start = registry.gauge("process_start_time_seconds",
                               "Start time of the process since unix epoch in seconds.");
  Gauge* g_cpu = &cpu.with({});
  Gauge* g_res = &resident.with({});
  Gauge* g_virt = &virt.with({});
  Gauge* g_fds = &fds.with({});
  Gauge* g_max = &max_fds.with({});
  Gauge* g_start = &start.with({});
  registry.on_collect([=] {
    ProcStat s;
    if (read_proc_stat(s)) {
      g_cpu->set(s.cpu_seconds);
      g_res->set(s.resident_bytes);
      g_virt->set(s.virtual_bytes);
      g_start->set(s.start_time);
    }
    g_fds->set(open_fds());
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0) g_max->set(static_cast<double>(lim.rlim_cur));
  });
}

}  // namespace tfts::metrics
