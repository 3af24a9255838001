#include "tfts/pipeline/damage.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "tfts/core/rgb565.h"
#include "tfts/pipeline/tile_mask.h"

namespace tfts::pipeline {

bool exceeds_error(uint16_t a, uint16_t b, int max_error) {
  if (a == b) return false;
  const uint32_t ea = core::expand565(a), eb = core::expand565(b);
  for (int shift = 0; shift <= 16; shift += 8) {
    const int d = static_cast<int>((ea >> shift) & 255u) - static_cast<int>((eb >> shift) & 255u);
    if (std::abs(d) > max_error) return true;
  }
  return false;
}

void collect_damage(core::PlaneView<const uint16_t> target, core::PlaneView<const uint16_t> shadow,
                    int max_error, std::vector<core::Rect>& out,
                    const TileMask* candidates) {
  const int w = target.width, h = target.height;
  for (int ty = 0; ty < h; ty += kTileSize) {
    const int th = std::min(kTileSize, h - ty);
    if (candidates && !candidates->row_any(ty / kTileSize)) continue;
    // Rows that differ anywhere are rare between frames; skip a whole tile row when none do.
    bool any = false;
    for (int y = ty; y < ty + th && !any; ++y) {
      any = std::memcmp(target.row(y), shadow.row(y), static_cast<size_t>(w) * 2) != 0;
    }
    if (!any) continue;
    for (int tx = 0; tx < w; tx += kTileSize) {
      const int tw = std::min(kTileSize, w - tx);
      if (candidates && !candidates->test(tx / kTileSize, ty / kTileSize)) continue;
      int x0 = tw, y0 = th, x1 = -1, y1 = -1;
      for (int y = 0; y < th; ++y) {
        const uint16_t* a = target.row(ty + y) + tx;
        const uint16_t* b = shadow.row(ty + y) + tx;
        if (std::memcmp(a, b, static_cast<size_t>(tw) * 2) == 0) continue;
        for (int x = 0; x < tw; ++x) {
          if (a[x] == b[x] || (max_error > 0 && !exceeds_error(a[x], b[x], max_error))) continue;
          x0 = std::min(x0, x);
          x1 = std::max(x1, x);
          y0 = std::min(y0, y);
          y1 = std::max(y1, y);
        }
      }
      if (x1 >= 0) out.push_back({tx + x0, ty + y0, x1 - x0 + 1, y1 - y0 + 1});
    }
  }
}

}  // namespace tfts::pipeline
