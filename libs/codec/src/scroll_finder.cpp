#include "tfts/codec/scroll_finder.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace tfts::codec {
namespace {

constexpr uint64_t kUniform = 0;  // hash reserved for single-colour rows

uint64_t row_hash(const uint16_t* row, int width) {
  bool uniform = true;
  uint64_t h = 1469598103934665603ull;
  for (int x = 0; x < width; ++x) {
    uniform = uniform && row[x] == row[0];
    h = (h ^ row[x]) * 1099511628211ull;
  }
  return uniform ? kUniform : (h | 1);
}

bool rows_equal(core::PlaneView<const uint16_t> a, int ya, core::PlaneView<const uint16_t> b,
                int yb) {
  return std::memcmp(a.row(ya), b.row(yb), static_cast<size_t>(a.width) * 2) == 0;
}

}  // namespace

std::optional<Scroll> ScrollFinder::find(core::PlaneView<const uint16_t> target,
                                         core::PlaneView<const uint16_t> shadow) {
  const int h = target.height, w = target.width;
  target_hash_.resize(static_cast<size_t>(h));
  shadow_hash_.resize(static_cast<size_t>(h));
  for (int y = 0; y < h; ++y) {
    target_hash_[static_cast<size_t>(y)] = row_hash(target.row(y), w);
    shadow_hash_[static_cast<size_t>(y)] = row_hash(shadow.row(y), w);
  }
  // Vote: each informative target row that changed in place proposes the offsets of the shadow
  // rows it equals. Text rows are rarely repeated, so the true scroll collects most votes.
  std::unordered_map<uint64_t, std::vector<int>> shadow_rows;
  for (int y = 0; y < h; ++y) {
    if (shadow_hash_[static_cast<size_t>(y)] != kUniform)
      shadow_rows[shadow_hash_[static_cast<size_t>(y)]].push_back(y);
  }
  votes_.assign(static_cast<size_t>(2 * h + 1), 0);
  for (int y = 0; y < h; ++y) {
    const uint64_t th = target_hash_[static_cast<size_t>(y)];
    if (th == kUniform || th == shadow_hash_[static_cast<size_t>(y)]) continue;
    const auto it = shadow_rows.find(th);
    if (it == shadow_rows.end() || it->second.size() > 4) continue;
    for (int sy : it->second) ++votes_[static_cast<size_t>(sy - y + h)];
  }
  const auto best = std::max_element(votes_.begin(), votes_.end());
  if (*best < kMinRows) return std::nullopt;
  const int dy = static_cast<int>(best - votes_.begin()) - h;

  // The longest run of target rows equal to their shifted shadow rows, with informative rows in it.
  Scroll found;
  int run_start = -1, informative = 0, best_informative = 0;
  for (int y = 0; y <= h; ++y) {
    const bool inside = y < h && y + dy >= 0 && y + dy < h && rows_equal(target, y, shadow, y + dy);
    if (inside) {
      if (run_start < 0) run_start = y, informative = 0;
      if (target_hash_[static_cast<size_t>(y)] != kUniform) ++informative;
      continue;
    }
    if (run_start >= 0 && informative > best_informative) {
      best_informative = informative;
      found = {run_start, y - run_start, dy};
    }
    run_start = -1;
  }
  if (best_informative < kMinRows) return std::nullopt;
  return found;
}

}  // namespace tfts::codec
