#include "damage_tracker.h"

#include <algorithm>

namespace tfts::x11 {
namespace {

bool overlap(const core::Rect& a, const core::Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

}  // namespace

DamageTracker::DamageTracker(Connection& conn, bool wanted) : conn_(conn) {
  if (!wanted || !conn.extensions().damage) return;
  damage_ = xcb_generate_id(conn.get());
  xcb_damage_create(conn.get(), damage_, conn.root(), XCB_DAMAGE_REPORT_LEVEL_DELTA_RECTANGLES);
}

void DamageTracker::add(const xcb_damage_notify_event_t& event) {
  if (event.damage != damage_) return;
  // An event carries the sequence of our last request the server had processed when it made
  // it. Compared modulo 2^16, which is safe here: dropping only lasts from clear() to
  // caught_up(), a few requests.
  if (dropping_old_ && static_cast<int16_t>(event.sequence - clear_sequence_) < 0) return;
  const core::Rect r{event.area.x, event.area.y, event.area.width, event.area.height};
  if (r.empty()) return;
  if (rects_.size() < kMaxRects) {
    rects_.push_back(r);
    return;
  }
  core::Rect box = r;
  for (const core::Rect& old : rects_) box = box.united(old);
  rects_.assign(1, box);
}

bool DamageTracker::touches(const core::Rect& area) const {
  if (!available()) return true;
  return std::any_of(rects_.begin(), rects_.end(),
                     [&](const core::Rect& r) { return overlap(r, area); });
}

void DamageTracker::clear() {
  rects_.clear();
  if (!available()) return;
  clear_sequence_ = static_cast<uint16_t>(
      xcb_damage_subtract(conn_.get(), damage_, XCB_NONE, XCB_NONE).sequence);
  dropping_old_ = true;
}

}  // namespace tfts::x11
