// What changed on the screen since the last capture, from XDAMAGE: a damage object on the root
// window reports each newly damaged rectangle once (DeltaRectangles) until the capture clears
// it, so an idle screen sends nothing and a busy one a bounded number of events per frame.
//
// Ordering that loses no update: the capture clears the damage (DamageSubtract) *before* its
// GetImage, in the same request stream. Drawing that the image misses therefore damages again
// after the clear, and its event makes the next grab capture.
#pragma once

#include <xcb/damage.h>

#include <vector>

#include "connection.h"
#include "tfts/core/rect.h"

namespace tfts::x11 {

class DamageTracker {
 public:
  /// Starts tracking when `wanted` and the server has DAMAGE; otherwise every check says
  /// "changed" (available() is false).
  DamageTracker(Connection& conn, bool wanted);

  bool available() const { return damage_ != 0; }

  /// A DamageNotify event from the connection's queue.
  void add(const xcb_damage_notify_event_t& event);
  /// True when anything inside `area` (root coordinates) was damaged since the last clear(), or
  /// when damage is not tracked.
  bool touches(const core::Rect& area) const;
  /// Forgets all damage, here and on the server. Call before reading the pixels.
  void clear();
  /// Call once the pixels are read and the events that came before them are pumped: events
  /// older than the last clear() (the server made them before it cleared, so the pixels
  /// already show their drawing) were dropped until now. The first of these is the damage a
  /// new damage object reports for the whole screen.
  void caught_up() { dropping_old_ = false; }

 private:
  // More rectangles than this are merged into their bounding box: a busy screen then captures
  // a little more often than needed, never less.
  static constexpr size_t kMaxRects = 64;

  Connection& conn_;
  xcb_damage_damage_t damage_ = 0;
  std::vector<core::Rect> rects_;
  uint16_t clear_sequence_ = 0;  // the low 16 bits of the last DamageSubtract's sequence
  bool dropping_old_ = false;
};

}  // namespace tfts::x11
