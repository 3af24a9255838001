#include "tfts/source/cpu_history.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tfts/source/system_parsers.h"

namespace tfts::source {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The busy share of the time between two readings; NaN if no time passed or a counter went
// backwards.
double utilisation(const CpuTimes& before, const CpuTimes& after) {
  if (after.total <= before.total || after.busy < before.busy) return kNaN;
  const double busy = static_cast<double>(after.busy - before.busy);
  return std::clamp(busy / static_cast<double>(after.total - before.total), 0.0, 1.0);
}

void push(std::vector<float>& history, double value, int capacity) {
  history.push_back(static_cast<float>(value));
  if (history.size() > static_cast<size_t>(capacity)) {
    history.erase(history.begin(), history.end() - capacity);
  }
}

}  // namespace

CpuHistory::CpuHistory(int capacity) { values_.capacity = std::max(2, capacity); }

void CpuHistory::set_identity(const SystemSnapshot& identity) {
  values_.name = short_cpu_name(identity.cpu.model);
  values_.cores = identity.cpu.cores;
  values_.threads = identity.cpu.threads;
  values_.max_mhz = identity.cpu.max_mhz;
}

void CpuHistory::add(const SystemSnapshot& sample) {
  values_.mhz = sample.cpu.mhz;
  values_.temperature_c = sample.temperature_c;
  values_.memory = sample.memory;
  values_.load = sample.load;
  const int capacity = values_.capacity;

  if (last_total_) {
    const double total = utilisation(*last_total_, sample.cpu_total);
    values_.total = std::isnan(total) ? std::nullopt : std::optional<double>(total);
    push(values_.total_history, total, capacity);
  }
  last_total_ = sample.cpu_total;

  if (sample.cpu_cores.size() != last_cores_.size()) {
    // First sample, or processors came or went: per-processor deltas start again.
    values_.per_core.clear();
    values_.core_history.assign(sample.cpu_cores.size(), {});
  } else {
    values_.per_core.resize(sample.cpu_cores.size());
    for (size_t i = 0; i < sample.cpu_cores.size(); ++i) {
      const double u = utilisation(last_cores_[i], sample.cpu_cores[i]);
      values_.per_core[i] = u;
      push(values_.core_history[i], u, capacity);
    }
  }
  last_cores_ = sample.cpu_cores;
}

}  // namespace tfts::source
