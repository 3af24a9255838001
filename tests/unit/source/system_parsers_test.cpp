// The /proc parsers on sample contents from different machines: an x86 laptop, a Raspberry Pi 4
// (aarch64), a 32-bit ARM board, an old kernel, a container.
#include "tfts/source/system_parsers.h"

#include <gtest/gtest.h>

namespace tfts::source {
namespace {

// Two processors of a 2-core, 4-thread laptop CPU (the other two entries cut for brevity are
// the same with core id 0 and 1 again).
constexpr std::string_view kX86CpuInfo = R"(processor	: 0
vendor_id	: GenuineIntel
cpu family	: 6
model		: 142
model name	: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz
stepping	: 10
cpu MHz		: 2100.000
cache size	: 8192 KB
physical id	: 0
siblings	: 4
core id		: 0
cpu cores	: 2
flags		: fpu vme de pse tsc msr

processor	: 1
model name	: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz
cpu MHz		: 1900.000
physical id	: 0
core id		: 1
cpu cores	: 2

processor	: 2
model name	: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz
cpu MHz		: 800.000
physical id	: 0
core id		: 0
cpu cores	: 2

processor	: 3
model name	: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz
cpu MHz		: 3200.000
physical id	: 0
core id		: 1
cpu cores	: 2
)";

constexpr std::string_view kPi4CpuInfo = R"(processor	: 0
BogoMIPS	: 108.00
Features	: fp asimd evtstrm crc32 cpuid
CPU implementer	: 0x41
CPU architecture: 8
CPU variant	: 0x0
CPU part	: 0xd08
CPU revision	: 3

processor	: 1
BogoMIPS	: 108.00
Features	: fp asimd evtstrm crc32 cpuid
CPU implementer	: 0x41
CPU architecture: 8
CPU variant	: 0x0
CPU part	: 0xd08
CPU revision	: 3

processor	: 2
CPU implementer	: 0x41
CPU part	: 0xd08

processor	: 3
CPU implementer	: 0x41
CPU part	: 0xd08

Hardware	: BCM2835
Revision	: c03111
Serial		: 10000000abcdef01
Model		: Raspberry Pi 4 Model B Rev 1.1
)";

constexpr std::string_view kArmv7CpuInfo = R"(processor	: 0
model name	: ARMv7 Processor rev 4 (v7l)
BogoMIPS	: 38.40
CPU implementer	: 0x41
CPU part	: 0xd03

processor	: 1
model name	: ARMv7 Processor rev 4 (v7l)
CPU implementer	: 0x41
CPU part	: 0xd03

Hardware	: BCM2835
)";

// Linux 3.x on a Raspberry Pi 1: the model under "Processor".
constexpr std::string_view kOldArmCpuInfo =
    R"(Processor	: ARMv6-compatible processor rev 7 (v6l)
processor	: 0
BogoMIPS	: 697.95
Hardware	: BCM2708
)";

TEST(SystemParsers, CpuInfoX86) {
  std::string machine = "x";
  const CpuInfo info = parse_cpuinfo(kX86CpuInfo, &machine);
  EXPECT_EQ(info.model, "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz");
  EXPECT_EQ(info.threads, 4);
  EXPECT_EQ(info.cores, 2);
  EXPECT_DOUBLE_EQ(info.mhz, 2000.0);  // the mean of the four
  EXPECT_EQ(machine, "");
}

TEST(SystemParsers, CpuInfoRaspberryPi4) {
  std::string machine;
  const CpuInfo info = parse_cpuinfo(kPi4CpuInfo, &machine);
  EXPECT_EQ(info.model, "ARM Cortex-A72");  // from CPU part 0xd08: aarch64 has no model name
  EXPECT_EQ(info.threads, 4);
  EXPECT_EQ(info.cores, 4);
  EXPECT_EQ(info.mhz, 0);  // ARM kernels do not say; cpufreq does
  EXPECT_EQ(machine, "Raspberry Pi 4 Model B Rev 1.1");
}

TEST(SystemParsers, CpuInfoArmv7AndOldKernels) {
  std::string machine;
  const CpuInfo v7 = parse_cpuinfo(kArmv7CpuInfo, &machine);
  EXPECT_EQ(v7.model, "ARMv7 Processor rev 4 (v7l)");
  EXPECT_EQ(v7.threads, 2);
  EXPECT_EQ(machine, "BCM2835");
  const CpuInfo old = parse_cpuinfo(kOldArmCpuInfo);
  EXPECT_EQ(old.model, "ARMv6-compatible processor rev 7 (v6l)");
  EXPECT_EQ(old.threads, 1);
  EXPECT_EQ(old.cores, 1);
  const CpuInfo unknown =
      parse_cpuinfo("processor : 0\nCPU implementer : 0x51\nCPU part : 0x801\n");
  EXPECT_EQ(unknown.model, "ARM CPU part 0x801");
  EXPECT_EQ(parse_cpuinfo("").threads, 0);
}

TEST(SystemParsers, ProcStat) {
  constexpr std::string_view kStat =
      "cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0\n"
      "cpu0 1393280 32966 572056 13343292 6130 0 17875 0 0 0\n"
      "cpu1 1335 0 1000 5000 100 10 20 30\n"
      "intr 1462898 0 0\n"
      "ctxt 1990473\n"
      "btime 1062191376\n";
  CpuTimes total;
  std::vector<CpuTimes> cores;
  ASSERT_TRUE(parse_proc_stat(kStat, total, cores));
  // busy = user + nice + system + irq + softirq + steal; total adds idle and iowait. Guest time
  // is already inside user.
  EXPECT_EQ(total.busy, 10132153u + 290696u + 3084719u + 0u + 25195u + 0u);
  EXPECT_EQ(total.total, total.busy + 46828483u + 16683u);
  ASSERT_EQ(cores.size(), 2u);
  EXPECT_EQ(cores[1].busy, 1335u + 1000u + 10u + 20u + 30u);
  EXPECT_EQ(cores[1].total, cores[1].busy + 5000u + 100u);
  EXPECT_FALSE(parse_proc_stat("intr 1 2 3\n", total, cores));
  EXPECT_TRUE(cores.empty());
}

TEST(SystemParsers, MemInfo) {
  constexpr std::string_view kMem =
      "MemTotal:       16318480 kB\n"
      "MemFree:         1234567 kB\n"
      "MemAvailable:    9876543 kB\n"
      "Buffers:          234567 kB\n"
      "Cached:          3456789 kB\n"
      "SwapTotal:       2097148 kB\n"
      "SwapFree:        2000000 kB\n";
  const MemoryInfo m = parse_meminfo(kMem);
  EXPECT_EQ(m.total, 16318480ull * 1024);
  EXPECT_EQ(m.available, 9876543ull * 1024);
  EXPECT_EQ(m.used(), (16318480ull - 9876543ull) * 1024);
  EXPECT_EQ(m.swap_total, 2097148ull * 1024);
  EXPECT_EQ(m.swap_free, 2000000ull * 1024);
  // Kernels before 3.14 have no MemAvailable: free + buffers + cache.
  const MemoryInfo old =
      parse_meminfo("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n");
  EXPECT_EQ(old.available, 400u * 1024);
}

TEST(SystemParsers, UptimeAndLoad) {
  EXPECT_DOUBLE_EQ(*parse_uptime("10923.66 15659.94\n"), 10923.66);
  EXPECT_FALSE(parse_uptime(""));
  EXPECT_FALSE(parse_uptime("abc 1"));
  const std::optional<LoadAverage> load = parse_loadavg("0.60 0.93 0.95 3/99 23321\n");
  ASSERT_TRUE(load);
  EXPECT_DOUBLE_EQ(load->one, 0.60);
  EXPECT_DOUBLE_EQ(load->five, 0.93);
  EXPECT_DOUBLE_EQ(load->fifteen, 0.95);
  EXPECT_FALSE(parse_loadavg("0.60 0.93"));
}

constexpr std::string_view kDesktopMounts =
    "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
    "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
    "/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0\n"
    "tmpfs /run tmpfs rw,nosuid,nodev 0 0\n"
    "/dev/nvme0n1p3 /home ext4 rw,relatime 0 0\n"
    "/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077 0 0\n"
    "/dev/nvme0n1p3 /var/lib/docker/volumes ext4 rw,relatime 0 0\n"
    "/dev/loop3 /snap/core/16202 squashfs ro,nodev,relatime 0 0\n"
    "server:/export /mnt/nfs nfs4 rw,relatime,vers=4.2 0 0\n"
    "/dev/sdb1 /media/usb\\040stick vfat rw,nosuid 0 0\n"
    "tank/data /tank/data zfs rw,xattr 0 0\n";

TEST(SystemParsers, MountsDecodeEscapes) {
  const std::vector<MountEntry> mounts = parse_mounts(kDesktopMounts);
  ASSERT_EQ(mounts.size(), 11u);
  EXPECT_EQ(mounts[2], (MountEntry{"/dev/nvme0n1p2", "/", "ext4"}));
  EXPECT_EQ(mounts[9].mount, "/media/usb stick");
}

TEST(SystemParsers, LocalDisksAreRealFilesystemsOncePerDevice) {
  const std::vector<MountEntry> disks = local_disks(parse_mounts(kDesktopMounts));
  std::vector<std::string> mounts;
  for (const MountEntry& d : disks) mounts.push_back(d.mount);
  // Root first; no tmpfs, proc, squashfs loop, NFS; /home once (not its bind mount).
  EXPECT_EQ(mounts, (std::vector<std::string>{"/", "/boot/efi", "/home", "/media/usb stick",
                                              "/tank/data"}));
}

TEST(SystemParsers, ContainerRootIsShownWhateverItIs) {
  constexpr std::string_view kContainer =
      "overlay / overlay rw,relatime,lowerdir=/var/lib/docker/overlay2/l/X 0 0\n"
      "proc /proc proc rw,nosuid 0 0\n"
      "shm /dev/shm tmpfs rw 0 0\n";
  const std::vector<MountEntry> disks = local_disks(parse_mounts(kContainer));
  ASSERT_EQ(disks.size(), 1u);
  EXPECT_EQ(disks[0].mount, "/");
  EXPECT_EQ(disks[0].type, "overlay");
}

TEST(SystemParsers, ShortCpuNames) {
  EXPECT_EQ(short_cpu_name("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz"), "Intel Core i7-8650U");
  EXPECT_EQ(short_cpu_name("11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz"),
            "11th Gen Intel Core i7-1165G7");
  EXPECT_EQ(short_cpu_name("AMD Ryzen 7 5800X 8-Core Processor"), "AMD Ryzen 7 5800X");
  EXPECT_EQ(short_cpu_name("AMD Ryzen 7 PRO 4750U with Radeon Graphics"), "AMD Ryzen 7 PRO 4750U");
  EXPECT_EQ(short_cpu_name("Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz"), "Intel Xeon E5-2680 v4");
  EXPECT_EQ(short_cpu_name("ARM Cortex-A72"), "ARM Cortex-A72");
  EXPECT_EQ(short_cpu_name("AMD EPYC"), "AMD EPYC");
  EXPECT_EQ(short_cpu_name("  "), "");
}

}  // namespace
}  // namespace tfts::source
