// Colours as the frames store them: 0x00RRGGBB. Themes and config files write them "#RRGGBB".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tfts::draw {

using Colour = uint32_t;  // 0x00RRGGBB

constexpr Colour rgb(uint32_t r, uint32_t g, uint32_t b) {
  return ((r & 0xFFu) << 16) | ((g & 0xFFu) << 8) | (b & 0xFFu);
}

/// `a` blended towards `b` by `t` (0 gives a, 1 gives b), per channel, rounded. Panels use it
/// for tints (a sparkline's fill is its line colour mixed into the panel), so no alpha is needed.
Colour mix(Colour a, Colour b, double t);

/// Parses "#RRGGBB", "RRGGBB" or "#RGB" (case-insensitive). False if `text` is none of these.
[[nodiscard]] bool parse_colour(std::string_view text, Colour& out);

/// "#rrggbb", the form parse_colour reads back.
std::string format_colour(Colour colour);

}  // namespace tfts::draw
