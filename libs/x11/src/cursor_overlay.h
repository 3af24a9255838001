// The mouse pointer, composited into frames (X servers leave it out of GetImage). Its image
// comes from XFIXES (premultiplied ARGB) and is fetched again only after a CursorNotify; its
// position is asked for at every grab. The pixels under the drawn pointer are kept, so a pointer
// that moves over a still picture costs a few small copies instead of a new capture.
#pragma once

#include <cstdint>
#include <vector>

#include "connection.h"
#include "tfts/core/plane.h"
#include "tfts/core/rect.h"

namespace tfts::x11 {

class CursorOverlay {
 public:
  /// Listens for cursor changes on the root window (needs XFIXES; without it the overlay stays
  /// empty and update() reports no change).
  explicit CursorOverlay(Connection& conn);

  /// The server said the cursor image changed (an XFIXES CursorNotify event).
  void image_changed() { image_stale_ = true; }

  /// Sends the position query; update() collects it. Splitting the two lets the query travel
  /// with the capture's other requests.
  void request();
  /// Returns true when the pointer moved, changed shape, or appeared or vanished since the last
  /// call. False on a broken connection (see Connection::broken()).
  bool update();

  /// Where the pointer's image lies, in root coordinates (empty when there is none).
  core::Rect bounds() const;

  /// Composites the pointer into `frame`, whose top-left pixel is `origin` in root coordinates,
  /// after saving what it covers.
  void draw(core::RgbPlane& frame, int origin_x, int origin_y);
  /// Puts back what the last draw() covered. False when it cannot (the frame changed size):
  /// the caller then needs a new capture.
  bool erase(core::RgbPlane& frame);
  /// Forgets what draw() saved (the frame was captured again).
  void forget() { saved_.w = 0; }
  /// True when the last draw() put pixels into the frame (the pointer was over it).
  bool drawn() const { return saved_.w != 0; }

 private:
  bool fetch_image();

  Connection& conn_;
  bool enabled_;
  bool image_stale_ = true;
  xcb_query_pointer_cookie_t pointer_cookie_{};
  bool pending_ = false;
  // The pointer as last seen: hot spot position in root coordinates.
  int x_ = 0, y_ = 0;
  bool visible_ = false;  // on this screen, with an image
  uint32_t serial_ = 0;
  int width_ = 0, height_ = 0, hot_x_ = 0, hot_y_ = 0;
  std::vector<uint32_t> argb_;  // premultiplied
  // What the last draw() covered, in frame coordinates, and the frame's size then.
  core::Rect saved_;
  int saved_frame_w_ = 0, saved_frame_h_ = 0;
  std::vector<uint32_t> under_;
};

}  // namespace tfts::x11
