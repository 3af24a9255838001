// Colours: parsing the config's forms, formatting them back, and mixing.
#include "tfts/draw/colour.h"

#include <gtest/gtest.h>

namespace tfts::draw {
namespace {

TEST(Colour, ParsesHexForms) {
  Colour c = 0;
  EXPECT_TRUE(parse_colour("#1e90ff", c));
  EXPECT_EQ(c, 0x1E90FFu);
  EXPECT_TRUE(parse_colour("00AA00", c));
  EXPECT_EQ(c, 0x00AA00u);
  EXPECT_TRUE(parse_colour("#abc", c));
  EXPECT_EQ(c, 0xAABBCCu);
}

TEST(Colour, RejectsOtherText) {
  Colour c = 0x123456;
  for (const char* bad : {"", "#", "#12345", "#1234567", "blue", "#12345g", "0x123456"}) {
    EXPECT_FALSE(parse_colour(bad, c)) << bad;
  }
  EXPECT_EQ(c, 0x123456u);  // untouched
}

TEST(Colour, FormatsWhatItParses) {
  EXPECT_EQ(format_colour(0x0000AA), "#0000aa");
  Colour c = 0;
  ASSERT_TRUE(parse_colour(format_colour(0xF85149), c));
  EXPECT_EQ(c, 0xF85149u);
}

TEST(Colour, MixesPerChannel) {
  EXPECT_EQ(mix(0x000000, 0xFFFFFF, 0), 0x000000u);
  EXPECT_EQ(mix(0x000000, 0xFFFFFF, 1), 0xFFFFFFu);
  EXPECT_EQ(mix(0x000000, 0xFF8000, 0.5), 0x804000u);
  EXPECT_EQ(mix(0x102030, 0x102030, 0.3), 0x102030u);
  EXPECT_EQ(mix(0x000000, 0xFFFFFF, 2), 0xFFFFFFu);  // clamped
}

}  // namespace
}  // namespace tfts::draw
