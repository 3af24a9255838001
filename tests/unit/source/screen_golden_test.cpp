// Golden images of the BIOS and CPU screens: each source renders the sample machine
// (system_samples.h) at 2024-05-06 12:34:56 UTC at 320x240, 240x240, 240x320 and 160x128, and
// the frame is compared with tests/golden/draw/<screen>_<W>x<H>.png (tolerance and updating:
// support/golden_image.h).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "support/golden_image.h"
#include "system_samples.h"
#include "tfts/source/bios_source.h"
#include "tfts/source/cpu_source.h"

namespace tfts::source {
namespace {

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

class ScreenGolden : public ::testing::TestWithParam<Case> {};

TEST_P(ScreenGolden, MatchesGolden) {
  const Case c = GetParam();
  const std::string name = case_name(c);
  const core::RgbPlane frame = render(c);
  ASSERT_EQ(frame.width(), c.width);
  test::expect_matches_golden(name, frame);
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

int main(int argc, char** argv) { return tfts::test::golden_main(argc, argv); }
