#include "tfts/server/legacy_session.h"

#include <algorithm>

#include "tfts/pipeline/damage.h"

namespace tfts::server {
namespace {

constexpr int kHeaderBytes = 12;

void put16(std::vector<uint8_t>& v, int x) {
  v.push_back(static_cast<uint8_t>(x >> 8));
  v.push_back(static_cast<uint8_t>(x));
}

void append_packet(const core::Rgb565Plane& img, const core::Rect& r, std::vector<uint8_t>& out) {
  put16(out, r.x);
  put16(out, r.y);
  put16(out, r.w);
  put16(out, r.h);
  const auto len = static_cast<uint32_t>(r.w * r.h * 2);
  put16(out, static_cast<int>(len >> 16));
  put16(out, static_cast<int>(len & 0xffff));
  for (int y = r.y; y < r.bottom(); ++y) {
    const uint16_t* row = img.row(y);
    for (int x = r.x; x < r.right(); ++x) put16(out, row[x]);
  }
}

// Joins neighbouring damage rectangles of one tile row when the pixels the union adds cost
// less than the packet header saved. Input is in raster order of tiles.
std::vector<core::Rect> merge_in_rows(const std::vector<core::Rect>& in) {
  std::vector<core::Rect> out;
  long useful = 0;  // damaged pixels inside out.back()
  for (const core::Rect& r : in) {
    if (!out.empty() && out.back().y / pipeline::kTileSize == r.y / pipeline::kTileSize) {
      const core::Rect u = out.back().united(r);
      if ((u.area() - useful - r.area()) * 2 <= kHeaderBytes) {
        out.back() = u;
        useful += r.area();
        continue;
      }
    }
    out.push_back(r);
    useful = r.area();
  }
  return out;
}

}  // namespace

int append_legacy_packets(const core::Rgb565Plane& img, const core::Rect& r, int max_packet,
                          std::vector<uint8_t>& out) {
  const int rows = max_packet / (2 * r.w);
  int packets = 0;
  if (rows >= 1) {
    for (int y = r.y; y < r.bottom(); y += rows) {
      append_packet(img, {r.x, y, r.w, std::min(rows, r.bottom() - y)}, out);
      ++packets;
    }
    return packets;
  }
  const int cols = std::max(1, max_packet / 2);
  for (int y = r.y; y < r.bottom(); ++y) {
    for (int x = r.x; x < r.right(); x += cols) {
      append_packet(img, {x, y, std::min(cols, r.right() - x), 1}, out);
      ++packets;
    }
  }
  return packets;
}

LegacySession::LegacySession(int width, int height, int max_packet)
    : max_packet_(max_packet), shadow_(width, height), dirty_(width, height) {}

void LegacySession::offer(ScreenFramePtr frame, const pipeline::TileMask& damage) {
  if (frame_) dirty_ |= damage;
  frame_ = std::move(frame);
}

int LegacySession::next_batch(std::vector<uint8_t>& out) {
  damage_.clear();
  if (need_full_) {
    damage_.push_back({0, 0, shadow_.width(), shadow_.height()});
  } else {
    pipeline::collect_damage(frame_->target.view(), shadow_.view(), 0, damage_, &dirty_);
    damage_ = merge_in_rows(damage_);
  }
  int packets = 0;
  for (const core::Rect& r : damage_) {
    packets += append_legacy_packets(frame_->target, r, max_packet_, out);
  }
  shadow_ = frame_->target;
  dirty_.clear();
  need_full_ = false;
  packets_ += static_cast<uint64_t>(packets);
  if (packets > 0) ++batches_;
  return packets;
}

}  // namespace tfts::server
