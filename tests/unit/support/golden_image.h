// Golden images: a rendered frame compared with tests/golden/draw/<name>.png, shared by the
// golden test programs (screen_golden, dashboard_golden). Each defines TFTS_GOLDEN_DIR and ends
// with `int main(int argc, char** argv) { return tfts::test::golden_main(argc, argv); }`.
//
// Tolerance, for font rendering that differs slightly between FreeType, Pango and font
// versions: a pixel differs when a channel is off by more than kChannelTolerance, and the test
// fails when more than kMaxDifferingShare of the pixels differ. Anti-aliasing shades stay below
// the first and a stray pixel or two below the second; a changed character (one clock digit:
// 20-55 pixels), a moved or missing piece of text or graph exceeds it. On failure the frame and
// a difference image are written to --out (default: the working directory).
//
// Updating the goldens after an intended change (look at them before committing):
//   build/bin/<program> --update-golden         (or TFTS_UPDATE_GOLDEN=1 ctest -R golden)
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "tfts/core/plane.h"
#include "tfts/core/png_io.h"

namespace tfts::test {

constexpr int kGoldenChannelTolerance = 64;
constexpr double kGoldenMaxDifferingShare = 0.0002;  // 0.02 %: 15 pixels at 320x240

struct GoldenSettings {
  std::string golden_dir = TFTS_GOLDEN_DIR;
  std::string out_dir = ".";
  std::string program = "golden";  // for the "update with" hint
  bool update = false;
};

inline GoldenSettings& golden_settings() {
  static GoldenSettings settings;
  return settings;
}

inline int max_channel_difference(uint32_t a, uint32_t b) {
  int worst = 0;
  for (int shift = 0; shift <= 16; shift += 8) {
    const int d = static_cast<int>((a >> shift) & 0xFFu) - static_cast<int>((b >> shift) & 0xFFu);
    worst = std::max(worst, std::abs(d));
  }
  return worst;
}

/// Compares `frame` with the golden called `name` (or, with --update-golden, writes it).
inline void expect_matches_golden(const std::string& name, const core::RgbPlane& frame) {
  const GoldenSettings& s = golden_settings();
  const std::string golden_path = s.golden_dir + "/" + name + ".png";
  std::string error;
  if (s.update) {
    std::filesystem::create_directories(s.golden_dir);
    ASSERT_TRUE(core::save_png(golden_path, frame, error)) << error;
    std::printf("updated %s\n", golden_path.c_str());
    return;
  }
  core::RgbPlane golden;
  ASSERT_TRUE(core::load_png(golden_path, golden, error))
      << error << "\n(create it with: " << s.program << " --update-golden)";
  ASSERT_EQ(golden.width(), frame.width());
  ASSERT_EQ(golden.height(), frame.height());

  core::RgbPlane diff(frame.width(), frame.height());
  int differing = 0, worst = 0;
  for (int y = 0; y < frame.height(); ++y) {
    for (int x = 0; x < frame.width(); ++x) {
      const int d = max_channel_difference(frame.at(x, y), golden.at(x, y));
      worst = std::max(worst, d);
      const bool differs = d > kGoldenChannelTolerance;
      differing += differs;
      // Differences in red over a dimmed copy of the golden.
      diff.at(x, y) = differs ? 0xFF0000u : (golden.at(x, y) >> 2) & 0x3F3F3Fu;
    }
  }
  const int allowed = static_cast<int>(kGoldenMaxDifferingShare * frame.width() * frame.height());
  if (differing > allowed) {
    const std::string actual = s.out_dir + "/" + name + ".actual.png";
    const std::string diff_path = s.out_dir + "/" + name + ".diff.png";
    EXPECT_TRUE(core::save_png(actual, frame, error)) << error;
    EXPECT_TRUE(core::save_png(diff_path, diff, error)) << error;
    ADD_FAILURE() << name << ": " << differing << " pixels differ by more than "
                  << kGoldenChannelTolerance << " (allowed " << allowed << "; largest difference "
                  << worst << ").\nFrame: " << actual << "\nDifference: " << diff_path
                  << "\nIf the change is intended: " << s.program << " --update-golden";
  }
}

/// main() of a golden test program: gtest's flags, then --update-golden, --golden-dir DIR and
/// --out DIR; TFTS_UPDATE_GOLDEN=1 in the environment updates too.
inline int golden_main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  GoldenSettings& s = golden_settings();
  s.program = std::filesystem::path(argv[0]).filename().string();
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

}  // namespace tfts::test
