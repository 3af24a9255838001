// CpuHistory: utilisation from /proc/stat deltas, bounded histories, counter resets, hotplug.
#include "tfts/source/cpu_history.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tfts::source {
namespace {

// A sample where processor i has `busy[i]` and `total[i]` ticks since boot.
SystemSnapshot sample(std::vector<uint64_t> busy, std::vector<uint64_t> total) {
  SystemSnapshot s;
  for (size_t i = 0; i < busy.size(); ++i) {
    s.cpu_cores.push_back({busy[i], total[i]});
    s.cpu_total.busy += busy[i];
    s.cpu_total.total += total[i];
  }
  s.cpu.mhz = 1500;
  s.memory.total = 1000;
  s.memory.available = 250;
  s.load = {0.5, 0.25, 0.125};
  s.temperature_c = 47;
  return s;
}

TEST(CpuHistory, IdentityIsShortened) {
  CpuHistory h(10);
  SystemSnapshot id;
  id.cpu.model = "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz";
  id.cpu.cores = 4;
  id.cpu.threads = 8;
  id.cpu.max_mhz = 4200;
  h.set_identity(id);
  EXPECT_EQ(h.values().name, "Intel Core i7-8650U");
  EXPECT_EQ(h.values().cores, 4);
  EXPECT_EQ(h.values().threads, 8);
  EXPECT_EQ(h.values().max_mhz, 4200);
}

TEST(CpuHistory, UtilisationFromDeltas) {
  CpuHistory h(10);
  h.add(sample({100, 200}, {1000, 1000}));
  EXPECT_FALSE(h.values().total);  // one sample: no interval yet
  EXPECT_TRUE(h.values().per_core.empty());
  EXPECT_TRUE(h.values().total_history.empty());
  ASSERT_EQ(h.values().core_history.size(), 2u);
  EXPECT_EQ(h.values().mhz, 1500);
  EXPECT_EQ(h.values().temperature_c, 47);

  h.add(sample({125, 300}, {1100, 1100}));  // +25 of 100 and +100 of 100
  ASSERT_TRUE(h.values().total);
  EXPECT_DOUBLE_EQ(*h.values().total, 125.0 / 200.0);
  EXPECT_EQ(h.values().per_core, (std::vector<double>{0.25, 1.0}));
  EXPECT_EQ(h.values().total_history, (std::vector<float>{0.625f}));
  EXPECT_EQ(h.values().core_history[1], (std::vector<float>{1.0f}));
  EXPECT_EQ(h.values().memory.used(), 750u);
  EXPECT_EQ(h.values().load.one, 0.5);
}

TEST(CpuHistory, HistoryIsBounded) {
  CpuHistory h(5);
  for (uint64_t k = 0; k < 20; ++k) h.add(sample({k * 10}, {k * 100}));
  EXPECT_EQ(h.values().capacity, 5);
  EXPECT_EQ(h.values().total_history.size(), 5u);
  EXPECT_EQ(h.values().core_history[0].size(), 5u);
  for (float u : h.values().total_history) EXPECT_FLOAT_EQ(u, 0.1f);
}

TEST(CpuHistory, StalledOrResetCountersGiveGaps) {
  CpuHistory h(10);
  h.add(sample({100}, {1000}));
  h.add(sample({100}, {1000}));  // no time passed
  EXPECT_FALSE(h.values().total);
  EXPECT_TRUE(std::isnan(h.values().per_core[0]));
  h.add(sample({10}, {50}));  // counters went back
  EXPECT_TRUE(std::isnan(h.values().core_history[0].back()));
  h.add(sample({60}, {150}));
  EXPECT_DOUBLE_EQ(*h.values().total, 0.5);
  EXPECT_EQ(h.values().total_history.size(), 3u);
}

TEST(CpuHistory, HotplugRestartsPerProcessorHistories) {
  CpuHistory h(10);
  h.add(sample({0, 0}, {0, 0}));
  h.add(sample({50, 50}, {100, 100}));
  ASSERT_EQ(h.values().core_history[0].size(), 1u);
  h.add(sample({100, 100, 0}, {200, 200, 0}));  // a third processor came online
  EXPECT_EQ(h.values().core_history.size(), 3u);
  EXPECT_TRUE(h.values().core_history[0].empty());
  EXPECT_TRUE(h.values().per_core.empty());
  EXPECT_EQ(h.values().total_history.size(), 2u);  // the total goes on
}

}  // namespace
}  // namespace tfts::source
