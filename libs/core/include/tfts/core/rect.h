// An integer rectangle on the host side (the device uses client::Rect with 16-bit fields).
#pragma once

#include <algorithm>

namespace tfts::core {

struct Rect {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;

  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
  long area() const { return empty() ? 0 : static_cast<long>(w) * h; }
  bool operator==(const Rect&) const = default;

  // The smallest rectangle holding both (an empty one holds nothing).
  Rect united(const Rect& o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    int l = std::min(x, o.x), t = std::min(y, o.y);
    return {l, t, std::max(right(), o.right()) - l, std::max(bottom(), o.bottom()) - t};
  }
};

}  // namespace tfts::core
