// Golden images of the BIOS and CPU screens: each source renders the sample machine
// (system_samples.h) at 2024-05-06 12:34:56 UTC at 320x240, 240x240, 240x320 and 160x128, and
// the frame is compared with tests/golden/draw/<screen>_<W>x<H>.png.
//
// Tolerance, for font rendering that differs slightly between FreeType, Pango and font
// versions: a pixel differs when a channel is off by more than kChannelTolerance, and the test
// fails when more than kMaxDifferingShare of the pixels differ. Anti-aliasing shades stay below
// the first and a stray pixel or two below the second; a changed character (one clock digit:
// 20-55 pixels), a moved or missing piece of text or graph exceeds it. On failure the frame and
// a difference image are written to --out (default: the working directory).
//
// Updating the goldens after an intended change (look at them before committing):
//   build/bin/screen_golden --update-golden         (or TFTS_UPDATE_GOLDEN=1 ctest -R golden)
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "system_samples.h"
#include "tfts/core/png_io.h"
#include "tfts/source/bios_source.h"
#include "tfts/source/cpu_source.h"

namespace tfts::source {
namespace {

constexpr int kChannelTolerance = 64;
constexpr double kMaxDifferingShare = 0.0002;  // 0.02 %: 15 pixels at 320x240, 4 at 160x128

struct Settings {
  std::string golden_dir = TFTS_GOLDEN_DIR;
  std::string out_dir = ".";
  bool update = false;
};
Settings g_settings;

struct Case {
  const char* screen;  // "bios" or "cpu"
  int width;
  int height;
};

std::string case_name(const Case& c) {
  return std::string(c.screen) + "_" + std::to_string(c.width) + "x" + std::to_string(c.height);
}

void PrintTo(const Case& c, std::ostream* os) { *os << case_name(c); }

// The screen as a user sees it after a minute: the CPU monitor with a full minute of history.
core::RgbPlane render(const Case& c) {
  test::use_utc();
  test::FakeMachine machine(8);
  SystemScreenOptions o;
  o.width = c.width;
  o.height = c.height;
  o.collect = machine.collect();
  o.wall_clock = [] { return test::sample_wall(); };
  std::string error;
  const bool bios = std::strcmp(c.screen, "bios") == 0;
  std::unique_ptr<FrameSource> source =
      bios ? make_bios_source(o, error) : make_cpu_source(o, error);
  EXPECT_NE(source, nullptr) << error;
  core::RgbPlane frame;
  if (source == nullptr) return frame;
  const Clock::time_point t0 = Clock::time_point{} + std::chrono::hours(1);
  const int samples = bios ? 1 : o.history + 1;
  for (int s = 0; s < samples; ++s) {
    const GrabResult r = source->grab(frame, t0 + std::chrono::seconds(s));
    EXPECT_NE(r.status, GrabStatus::failed) << r.message;
  }
  return frame;
}

int max_channel_difference(uint32_t a, uint32_t b) {
  int worst = 0;
  for (int shift = 0; shift <= 16; shift += 8) {
    const int d = static_cast<int>((a >> shift) & 0xFFu) - static_cast<int>((b >> shift) & 0xFFu);
    worst = std::max(worst, std::abs(d));
  }
  return worst;
}

class ScreenGolden : public ::testing::TestWithParam<Case> {};

TEST_P(ScreenGolden, MatchesGolden) {
  const Case c = GetParam();
  const std::string name = case_name(c);
  const core::RgbPlane frame = render(c);
  ASSERT_EQ(frame.width(), c.width);
  const std::string golden_path = g_settings.golden_dir + "/" + name + ".png";
  std::string error;
  if (g_settings.update) {
    std::filesystem::create_directories(g_settings.golden_dir);
    ASSERT_TRUE(core::save_png(golden_path, frame, error)) << error;
    std::printf("updated %s\n", golden_path.c_str());
    return;
  }
  core::RgbPlane golden;
  ASSERT_TRUE(core::load_png(golden_path, golden, error))
      << error << "\n(create it with: screen_golden --update-golden)";
  ASSERT_EQ(golden.width(), frame.width());
  ASSERT_EQ(golden.height(), frame.height());

  core::RgbPlane diff(frame.width(), frame.height());
  int differing = 0, worst = 0;
  for (int y = 0; y < frame.height(); ++y) {
    for (int x = 0; x < frame.width(); ++x) {
      const int d = max_channel_difference(frame.at(x, y), golden.at(x, y));
      worst = std::max(worst, d);
      const bool differs = d > kChannelTolerance;
      differing += differs;
      // Differences in red over a dimmed copy of the golden.
      diff.at(x, y) = differs ? 0xFF0000u : (golden.at(x, y) >> 2) & 0x3F3F3Fu;
    }
  }
  const int allowed = static_cast<int>(kMaxDifferingShare * frame.width() * frame.height());
  if (differing > allowed) {
    const std::string actual = g_settings.out_dir + "/" + name + ".actual.png";
    const std::string diff_path = g_settings.out_dir + "/" + name + ".diff.png";
    EXPECT_TRUE(core::save_png(actual, frame, error)) << error;
    EXPECT_TRUE(core::save_png(diff_path, diff, error)) << error;
    ADD_FAILURE() << name << ": " << differing << " pixels differ by more than "
                  << kChannelTolerance << " (allowed " << allowed << "; largest difference "
                  << worst << ").\nFrame: " << actual << "\nDifference: " << diff_path
                  << "\nIf the change is intended: screen_golden --update-golden";
  }
}

constexpr Case kCases[] = {
    {"bios", 320, 240}, {"bios", 240, 240}, {"bios", 240, 320}, {"bios", 160, 128},
    {"cpu", 320, 240},  {"cpu", 240, 240},  {"cpu", 240, 320},  {"cpu", 160, 128},
};

INSTANTIATE_TEST_SUITE_P(Screens, ScreenGolden, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return case_name(param.param);
                         });

}  // namespace
}  // namespace tfts::source

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  auto& s = tfts::source::g_settings;
  const char* env = std::getenv("TFTS_UPDATE_GOLDEN");
  s.update = env != nullptr && *env != '\0' && std::strcmp(env, "0") != 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--update-golden") {
      s.update = true;
    } else if (arg == "--golden-dir" && i + 1 < argc) {
      s.golden_dir = argv[++i];
    } else if (arg == "--out" && i + 1 < argc) {
      s.out_dir = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: %s [--update-golden] [--golden-dir DIR] [--out DIR] [gtest flags]\n",
                   argv[0]);
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
