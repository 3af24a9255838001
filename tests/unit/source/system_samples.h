// Fixed machine values and a fixed time for the BIOS and CPU screen tests and goldens: an
// 8-thread laptop with three disks, and a CPU history with a recognisable shape.
#pragma once

#include <stdlib.h>  // setenv (POSIX)
#include <time.h>    // tzset

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/core/rect.h"
#include "tfts/source/cpu_values.h"
#include "tfts/source/frame_source.h"
#include "tfts/source/system_collector.h"
#include "tfts/source/system_snapshot.h"
#include "tfts/source/system_time.h"

namespace tfts::test {

// The four panel sizes the screens must fit (issue 4), and a fixed screen clock.
inline constexpr std::pair<int, int> kPanelSizes[] = {
    {320, 240}, {240, 240}, {240, 320}, {160, 128}};
inline const source::Clock::time_point kT0 = source::Clock::time_point{} + std::chrono::hours(5);

inline std::string size_text(int w, int h) { return std::to_string(w) + "x" + std::to_string(h); }

// Monday 2024-05-06 12:34:56.
inline source::LocalTime sample_time() { return {2024, 5, 6, 1, 12, 34, 56}; }

// The same moment on the wall clock, in UTC: call use_utc() before showing it.
inline std::chrono::system_clock::time_point sample_wall() {
  return std::chrono::system_clock::time_point{} + std::chrono::seconds(1714998896);
}
inline void use_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

// Processor i's utilisation in second k: a smooth curve with its own phase.
inline double sample_utilisation(int k, int i) {
  return 0.45 + 0.4 * std::sin(k * 0.21 + i * 0.9) * std::cos(k * 0.05 + i);
}

inline source::SystemSnapshot sample_snapshot() {
  source::SystemSnapshot s;
  s.host_name = "tftbox";
  s.machine = "LENOVO 20KH006HUS";
  s.addresses = {"192.168.1.23", "2001:db8::23"};
  s.cpu.model = "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz";
  s.cpu.cores = 4;
  s.cpu.threads = 8;
  s.cpu.mhz = 2112.5;
  s.cpu.max_mhz = 4200;
  constexpr uint64_t kGiB = 1ull << 30;
  s.memory.total = 16 * kGiB;
  s.memory.available = 9 * kGiB;
  s.memory.swap_total = 2 * kGiB;
  s.memory.swap_free = 2 * kGiB;
  s.uptime_s = 3 * 86400 + 4 * 3600 + 5 * 60 + 17;
  s.load = {1.20, 0.98, 0.75};
  s.temperature_c = 54;
  s.disks = {{"/", "/dev/nvme0n1p2", "ext4", 250 * kGiB, 118 * kGiB},
             {"/home", "/dev/nvme0n1p3", "ext4", 700 * kGiB, 301 * kGiB},
             {"/boot/efi", "/dev/nvme0n1p1", "vfat", 512ull << 20, 31ull << 20}};
  return s;
}

// Smooth, deterministic utilisation curves: processor i follows a sine with its own phase.
inline source::CpuMonitorValues sample_cpu_values(int threads = 8, int history = 60) {
  source::CpuMonitorValues v;
  v.name = "Intel Core i7-8650U";
  v.cores = std::max(1, threads / 2);
  v.threads = threads;
  v.capacity = history;
  v.mhz = 2112.5;
  v.max_mhz = 4200;
  v.temperature_c = 54;
  v.memory.total = 16ull << 30;
  v.memory.available = 9ull << 30;
  v.load = {1.20, 0.98, 0.75};
  v.core_history.resize(static_cast<size_t>(threads));
  for (int t = 0; t < history; ++t) {
    double sum = 0;
    for (int i = 0; i < threads; ++i) {
      const double u = sample_utilisation(t, i);
      v.core_history[static_cast<size_t>(i)].push_back(static_cast<float>(u));
      sum += u;
    }
    v.total_history.push_back(static_cast<float>(sum / threads));
  }
  v.total = v.total_history.back();
  for (const auto& h : v.core_history) v.per_core.push_back(h.back());
  return v;
}

// The smallest rectangle holding every pixel that differs between a and b (same size); empty if
// none does.
inline core::Rect changed_box(const core::RgbPlane& a, const core::RgbPlane& b) {
  core::Rect box;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x)
      if (a.at(x, y) != b.at(x, y)) box = box.united({x, y, 1, 1});
  return box;
}

inline bool contains(const core::Rect& outer, const core::Rect& inner) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
         inner.bottom() <= outer.bottom();
}

// The sample machine as a CollectFn for the sources: sample_snapshot(), whose /proc/stat
// counters advance by a second's worth of sample_utilisation() on every CPU sample. Counts the
// calls. Must outlive the source it is given to.
class FakeMachine {
 public:
  explicit FakeMachine(int threads = 8) : threads_(threads) {
    snapshot.cpu.threads = threads;
    snapshot.cpu.cores = std::max(1, threads / 2);
    counters_.resize(static_cast<size_t>(threads));
  }

  source::CollectFn collect() {
    return [this](source::SystemParts parts) {
      ++calls;
      source::SystemSnapshot s = snapshot;
      if (source::has(parts, source::SystemParts::cpu)) advance(s);
      return s;
    };
  }

  source::SystemSnapshot snapshot = sample_snapshot();  // what the next call returns
  int calls = 0;
  int cpu_samples = 0;

 private:
  void advance(source::SystemSnapshot& s) {
    constexpr uint64_t kTicks = 1000;  // per processor per sample
    s.cpu_total = {};
    s.cpu_cores.clear();
    for (int i = 0; i < threads_; ++i) {
      source::CpuTimes& c = counters_[static_cast<size_t>(i)];
      if (cpu_samples > 0) {
        c.busy +=
            static_cast<uint64_t>(std::lround(sample_utilisation(cpu_samples - 1, i) * kTicks));
        c.total += kTicks;
      }
      s.cpu_cores.push_back(c);
      s.cpu_total.busy += c.busy;
      s.cpu_total.total += c.total;
    }
    ++cpu_samples;
  }

  int threads_;
  std::vector<source::CpuTimes> counters_;
};

}  // namespace tfts::test
