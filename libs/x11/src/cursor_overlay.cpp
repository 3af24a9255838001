#include "cursor_overlay.h"

#include <xcb/xfixes.h>

#include <algorithm>
#include <cstring>

namespace tfts::x11 {
namespace {

// dst = src + dst * (255 - alpha) / 255 per channel, src premultiplied.
uint32_t over(uint32_t src, uint32_t dst) {
  const uint32_t a = src >> 24;
  if (a == 255) return src & 0xFFFFFFu;
  if (a == 0 && (src & 0xFFFFFFu) == 0) return dst;
  const uint32_t k = 255 - a;
  uint32_t out = 0;
  for (int shift = 0; shift <= 16; shift += 8) {
    const uint32_t s = (src >> shift) & 255u;
    const uint32_t d = (dst >> shift) & 255u;
    out |= std::min<uint32_t>(255, s + (d * k + 127) / 255) << shift;
  }
  return out;
}

}  // namespace

CursorOverlay::CursorOverlay(Connection& conn) : conn_(conn), enabled_(conn.extensions().xfixes) {
  if (enabled_) {
    xcb_xfixes_select_cursor_input(conn_.get(), conn_.root(),
                                   XCB_XFIXES_CURSOR_NOTIFY_MASK_DISPLAY_CURSOR);
  }
}

void CursorOverlay::request() {
  if (!enabled_) return;
  // A query left from a grab that stopped early would answer with an old position.
  if (pending_) xcb_discard_reply(conn_.get(), pointer_cookie_.sequence);
  pointer_cookie_ = xcb_query_pointer(conn_.get(), conn_.root());
  pending_ = true;
}

bool CursorOverlay::fetch_image() {
  const auto r = conn_.await<xcb_xfixes_get_cursor_image_reply_t>(
      xcb_xfixes_get_cursor_image(conn_.get()));
  if (!r) return false;
  width_ = r->width;
  height_ = r->height;
  hot_x_ = r->xhot;
  hot_y_ = r->yhot;
  serial_ = r->cursor_serial;
  const uint32_t* px = xcb_xfixes_get_cursor_image_cursor_image(r.get());
  const auto count = static_cast<size_t>(xcb_xfixes_get_cursor_image_cursor_image_length(r.get()));
  argb_.assign(px, px + std::min(count, static_cast<size_t>(width_) * height_));
  if (argb_.size() < static_cast<size_t>(width_) * height_) width_ = height_ = 0;
  image_stale_ = false;
  return true;
}

bool CursorOverlay::update() {
  if (!enabled_) return false;
  if (!pending_) request();
  pending_ = false;
  const auto p = conn_.await<xcb_query_pointer_reply_t>(pointer_cookie_);
  if (!p) return false;
  const uint32_t old_serial = serial_;
  if (image_stale_ && !fetch_image()) return false;
  const bool visible = p->same_screen && width_ > 0 && height_ > 0;
  const bool changed = visible != visible_ || serial_ != old_serial ||
                       (visible && (p->root_x != x_ || p->root_y != y_));
  x_ = p->root_x;
  y_ = p->root_y;
  visible_ = visible;
  return changed;
}

core::Rect CursorOverlay::bounds() const {
  if (!visible_) return {};
  return {x_ - hot_x_, y_ - hot_y_, width_, height_};
}

void CursorOverlay::draw(core::RgbPlane& frame, int origin_x, int origin_y) {
  saved_.w = 0;
  if (!visible_) return;
  // The pointer image in frame coordinates, clipped to the frame.
  const int left = x_ - hot_x_ - origin_x, top = y_ - hot_y_ - origin_y;
  const int x0 = std::max(0, left), y0 = std::max(0, top);
  const int x1 = std::min(frame.width(), left + width_);
  const int y1 = std::min(frame.height(), top + height_);
  if (x0 >= x1 || y0 >= y1) return;
  saved_ = {x0, y0, x1 - x0, y1 - y0};
  saved_frame_w_ = frame.width();
  saved_frame_h_ = frame.height();
  under_.resize(static_cast<size_t>(saved_.w) * saved_.h);
  for (int y = y0; y < y1; ++y) {
    uint32_t* row = frame.row(y);
    std::memcpy(&under_[static_cast<size_t>(y - y0) * saved_.w], row + x0,
                sizeof(uint32_t) * static_cast<size_t>(saved_.w));
    const uint32_t* src = &argb_[static_cast<size_t>(y - top) * width_];
    for (int x = x0; x < x1; ++x) row[x] = over(src[x - left], row[x]);
  }
}

bool CursorOverlay::erase(core::RgbPlane& frame) {
  if (saved_.w == 0) return true;
  if (frame.width() != saved_frame_w_ || frame.height() != saved_frame_h_) return false;
  for (int y = 0; y < saved_.h; ++y) {
    std::memcpy(frame.row(saved_.y + y) + saved_.x, &under_[static_cast<size_t>(y) * saved_.w],
                sizeof(uint32_t) * static_cast<size_t>(saved_.w));
  }
  saved_.w = 0;
  return true;
}

}  // namespace tfts::x11
