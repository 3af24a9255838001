// SystemCollector on a fake root directory (proc/ and sys/ trees written by the test) with fake
// system calls: every field lands where it should, temperature sensors are found or reported
// missing, and only the parts asked for are read.
#include "tfts/source/system_collector.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.h"

namespace tfts::source {
namespace {

void write(const test::TempDir& root, const std::string& relative, const std::string& text) {
  const std::filesystem::path path = std::filesystem::path(root.path()) / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

SystemCalls fake_calls(std::vector<std::string>* asked_mounts = nullptr) {
  SystemCalls calls;
  calls.host_name = [] { return std::string("tftbox"); };
  calls.addresses = [] { return std::vector<std::string>{"192.168.1.23", "2001:db8::23"}; };
  calls.disk_usage = [asked_mounts](const std::string& mount) -> std::optional<DiskUsage> {
    if (asked_mounts != nullptr) asked_mounts->push_back(mount);
    if (mount == "/broken") return std::nullopt;
    return DiskUsage{100ull << 30, mount == "/" ? 40ull << 30 : 10ull << 30};
  };
  return calls;
}

// A laptop: 2 threads, cpufreq, a coretemp sensor and an ACPI zone.
void write_laptop(const test::TempDir& root) {
  write(root, "proc/cpuinfo",
        "processor : 0\nmodel name : Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz\ncpu MHz : 900.0\n"
        "physical id : 0\ncore id : 0\ncpu cores : 1\n\n"
        "processor : 1\nmodel name : Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz\ncpu MHz : 900.0\n"
        "physical id : 0\ncore id : 0\ncpu cores : 1\n");
  write(root, "proc/stat",
        "cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 60 0 20 400 20 0 0 0\n"
        "cpu1 40 0 30 400 30 0 0 0\n");
  write(root, "proc/meminfo", "MemTotal: 8000000 kB\nMemAvailable: 6000000 kB\n");
  write(root, "proc/uptime", "3723.5 7000.1\n");
  write(root, "proc/loadavg", "0.50 0.40 0.30 1/200 1234\n");
  write(root, "proc/mounts",
        "/dev/sda2 / ext4 rw 0 0\nproc /proc proc rw 0 0\n/dev/sda3 /data xfs rw 0 0\n"
        "/dev/sda4 /broken ext4 rw 0 0\n");
  write(root, "sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "1800000\n");
  write(root, "sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "2200000\n");
  write(root, "sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "3400000\n");
  write(root, "sys/class/dmi/id/sys_vendor", "LENOVO\n");
  write(root, "sys/class/dmi/id/product_name", "20KH006HUS\n");
  write(root, "sys/class/hwmon/hwmon0/name", "acpitz\n");
  write(root, "sys/class/hwmon/hwmon0/temp1_input", "27800\n");
  write(root, "sys/class/hwmon/hwmon1/name", "coretemp\n");
  write(root, "sys/class/hwmon/hwmon1/temp1_label", "Package id 0\n");
  write(root, "sys/class/hwmon/hwmon1/temp1_input", "54000\n");
  write(root, "sys/class/hwmon/hwmon1/temp2_label", "Core 0\n");
  write(root, "sys/class/hwmon/hwmon1/temp2_input", "51000\n");
  write(root, "sys/class/thermal/thermal_zone0/type", "acpitz\n");
  write(root, "sys/class/thermal/thermal_zone0/temp", "27800\n");
}

TEST(SystemCollector, CollectsEveryPart) {
  test::TempDir root;
  write_laptop(root);
  const SystemSnapshot s = SystemCollector(root.path(), fake_calls()).collect(SystemParts::all);
  EXPECT_EQ(s.host_name, "tftbox");
  EXPECT_EQ(s.machine, "LENOVO 20KH006HUS");
  EXPECT_EQ(s.addresses, (std::vector<std::string>{"192.168.1.23", "2001:db8::23"}));
  EXPECT_EQ(s.cpu.model, "Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz");
  EXPECT_EQ(s.cpu.threads, 2);
  EXPECT_EQ(s.cpu.cores, 1);
  EXPECT_DOUBLE_EQ(s.cpu.mhz, 2000);  // cpufreq's mean, not /proc/cpuinfo's 900
  EXPECT_DOUBLE_EQ(s.cpu.max_mhz, 3400);
  EXPECT_EQ(s.cpu_total, (CpuTimes{150, 1000}));
  ASSERT_EQ(s.cpu_cores.size(), 2u);
  EXPECT_EQ(s.cpu_cores[1], (CpuTimes{70, 500}));
  EXPECT_EQ(s.memory.total, 8000000ull * 1024);
  EXPECT_EQ(s.memory.available, 6000000ull * 1024);
  EXPECT_DOUBLE_EQ(s.uptime_s, 3723.5);
  EXPECT_EQ(s.load, (LoadAverage{0.5, 0.4, 0.3}));
  ASSERT_TRUE(s.temperature_c);
  EXPECT_DOUBLE_EQ(*s.temperature_c, 54.0);  // coretemp's package sensor, not ACPI
  ASSERT_EQ(s.disks.size(), 2u);             // /broken has no usage
  EXPECT_EQ(s.disks[0], (DiskInfo{"/", "/dev/sda2", "ext4", 100ull << 30, 40ull << 30}));
  EXPECT_EQ(s.disks[1].mount, "/data");
}

TEST(SystemCollector, CollectsOnlyWhatIsAsked) {
  test::TempDir root;
  write_laptop(root);
  std::vector<std::string> asked;
  const SystemCollector collector(root.path(), fake_calls(&asked));
  const SystemSnapshot cpu = collector.collect(SystemParts::cpu);
  EXPECT_TRUE(cpu.host_name.empty());
  EXPECT_TRUE(cpu.disks.empty());
  EXPECT_TRUE(asked.empty());  // no statvfs for a CPU sample
  EXPECT_EQ(cpu.memory.total, 0u);
  EXPECT_EQ(cpu.cpu_cores.size(), 2u);
  const SystemSnapshot memory = collector.as_function()(SystemParts::memory);
  EXPECT_GT(memory.memory.total, 0u);
  EXPECT_TRUE(memory.cpu_cores.empty());
}

TEST(SystemCollector, ThermalZoneOfARaspberryPi) {
  test::TempDir root;
  write(root, "proc/cpuinfo",
        "processor : 0\nCPU implementer : 0x41\nCPU part : 0xd08\n"
        "Model : Raspberry Pi 4 Model B Rev 1.4\n");
  write(root, "sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
  write(root, "sys/class/thermal/thermal_zone0/temp", "48312\n");
  write(root, "proc/device-tree/model", std::string("Raspberry Pi 4 Model B Rev 1.4\0", 31));
  const SystemSnapshot s = SystemCollector(root.path(), fake_calls()).collect(SystemParts::all);
  ASSERT_TRUE(s.temperature_c);
  EXPECT_NEAR(*s.temperature_c, 48.312, 1e-9);
  EXPECT_EQ(s.cpu.model, "ARM Cortex-A72");
  EXPECT_EQ(s.machine, "Raspberry Pi 4 Model B Rev 1.4");
}

TEST(SystemCollector, NoSensorsNoTemperature) {
  test::TempDir root;
  write(root, "proc/stat", "cpu  1 0 1 10 0 0 0 0\ncpu0 1 0 1 10 0 0 0 0\n");
  // A sensor that is not the CPU's, and a CPU sensor reading nonsense.
  write(root, "sys/class/hwmon/hwmon0/name", "nvme\n");
  write(root, "sys/class/hwmon/hwmon0/temp1_input", "35000\n");
  write(root, "sys/class/thermal/thermal_zone0/type", "x86_pkg_temp\n");
  write(root, "sys/class/thermal/thermal_zone0/temp", "-274000\n");
  const SystemSnapshot s = SystemCollector(root.path(), fake_calls()).collect(SystemParts::cpu);
  EXPECT_FALSE(s.temperature_c);
}

TEST(SystemCollector, EmptyRootGivesDefaults) {
  test::TempDir root;
  const SystemSnapshot s = SystemCollector(root.path(), SystemCalls{}).collect(SystemParts::all);
  EXPECT_EQ(s, SystemSnapshot{});
}

TEST(SystemCollector, RealMachineAnswers) {
  // Whatever this machine is, it has a /proc: the collector reads it without failing.
  const SystemSnapshot s = SystemCollector().collect(SystemParts::all);
  EXPECT_GT(s.cpu.threads, 0);
  EXPECT_FALSE(s.cpu_cores.empty());
  EXPECT_GT(s.memory.total, 0u);
  EXPECT_GT(s.uptime_s, 0);
  EXPECT_FALSE(s.host_name.empty());
  ASSERT_FALSE(s.disks.empty());
  EXPECT_EQ(s.disks[0].mount, "/");
}

}  // namespace
}  // namespace tfts::source
