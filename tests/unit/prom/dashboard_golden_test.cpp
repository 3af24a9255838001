// Golden images of the built-in node dashboard at 320x240 in the dark theme: fresh answers,
// the same answers stale, every query failing (error badges) and Prometheus unreachable (the
// banner over stale values). Compared with tests/golden/draw/dashboard_<state>.png (tolerance
// and updating: support/golden_image.h).
#include <gtest/gtest.h>

#include <string>

#include "dashboard_samples.h"
#include "support/golden_image.h"
#include "tfts/prom/dashboard_layout.h"

namespace tfts::prom {
namespace {

struct Case {
  const char* state;
  DashboardData (*data)();
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.state; }

class DashboardGolden : public ::testing::TestWithParam<Case> {};

TEST_P(DashboardGolden, MatchesGolden) {
  const Case c = GetParam();
  draw::Typesetter ts;
  const draw::Scene scene =
      layout_dashboard(node_exporter_dashboard(test::kUrl), c.data(), test::kNow, 320, 240,
                       *draw::builtin_theme("dark"), ts);
  core::RgbPlane frame;
  std::string error;
  ASSERT_TRUE(draw::render(scene, frame, ts, error)) << error;
  test::expect_matches_golden(std::string("dashboard_") + c.state, frame);
}

const Case kCases[] = {
    {"fresh", [] { return test::node_data(); }},
    {"stale", [] { return test::node_data(test::kNow - 100); }},
    {"error", [] { return test::all_in(PanelState::error); }},
    {"banner", [] { return test::unreachable(); }},
};

INSTANTIATE_TEST_SUITE_P(States, DashboardGolden, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           return std::string(param.param.state);
                         });

}  // namespace
}  // namespace tfts::prom

int main(int argc, char** argv) { return tfts::test::golden_main(argc, argv); }
