#include "tfts/draw/colour.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tfts::draw {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Colour mix(Colour a, Colour b, double t) {
  t = std::clamp(t, 0.0, 1.0);
  Colour out = 0;
  for (int shift = 0; shift <= 16; shift += 8) {
    const double ca = (a >> shift) & 0xFFu;
    const double cb = (b >> shift) & 0xFFu;
    out |= static_cast<Colour>(std::lround(ca + (cb - ca) * t)) << shift;
  }
  return out;
}

bool parse_colour(std::string_view text, Colour& out) {
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  if (text.size() != 6 && text.size() != 3) return false;
  Colour value = 0;
  for (char c : text) {
    const int d = hex_digit(c);
    if (d < 0) return false;
    value = (value << 4) | static_cast<Colour>(d);
    if (text.size() == 3) value = (value << 4) | static_cast<Colour>(d);  // #abc is #aabbcc
  }
  out = value;
  return true;
}

std::string format_colour(Colour colour) {
  char text[8];
  std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(colour & 0xFFFFFFu));
  return text;
}

}  // namespace tfts::draw
