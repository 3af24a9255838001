// The written-out PREDICT tables match the formulas in docs/protocol.md §4.6.
#include <gtest/gtest.h>

#include "tfts/client/predict_tables.h"

namespace tfts {
namespace {

TEST(PredictTables, DiffTableMatchesFormula) {
  for (int t = 0; t < 64; ++t) {
    const int dr = (t >> 4) - 2, dg = ((t >> 2) & 3) - 2, db = (t & 3) - 2;
    EXPECT_EQ(client::kPredictDiff[t], static_cast<uint16_t>(dr * 2048 + dg * 32 + db)) << t;
  }
}

TEST(PredictTables, LumaGreenTableMatchesFormula) {
  for (int t = 0; t < 64; ++t) {
    const int dg = t - 32, half = dg >> 1;
    EXPECT_EQ(client::kPredictLumaGreen[t], static_cast<uint16_t>(dg * 32 + half * 2049)) << t;
  }
}

}  // namespace
}  // namespace tfts
