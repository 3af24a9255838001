// A small X client for the tests and the benchmark: fills the root window, creates windows
// with a known title and class painted with four known colours, moves, resizes and closes them,
// moves the pointer, and asks RandR for a monitor or a new screen size. Every call ends with a
// round trip, so what it drew is on the screen when it returns.
#pragma once

#include <xcb/xcb.h>

#include <cstdint>
#include <string>

#include "tfts/core/rect.h"

namespace tfts::x11::testing {

// The window's four quadrants, chosen to survive RGB565 unchanged (each channel is a multiple
// of 8 for red and blue, of 4 for green, with the low bits a replica of the high ones).
inline constexpr uint32_t kTopLeft = 0xE73C18;      // red-ish
inline constexpr uint32_t kTopRight = 0x18C342;     // green-ish
inline constexpr uint32_t kBottomLeft = 0x2141DE;   // blue-ish
inline constexpr uint32_t kBottomRight = 0xF7E35A;  // yellow-ish
inline constexpr uint32_t kRootColour = 0x424542;   // grey

/// The colour of quadrant pattern pixel (x, y) of a w x h window.
uint32_t quadrant_colour(int x, int y, int w, int h);

class TestClient {
 public:
  explicit TestClient(const std::string& display);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool ok() const { return c_ && xcb_connection_has_error(c_) == 0; }
  xcb_window_t root() const { return screen_->root; }

  void fill_root(uint32_t rgb);
  /// Fills `r` of `drawable` (a window or the root) with `rgb`.
  void fill(xcb_drawable_t drawable, const core::Rect& r, uint32_t rgb);
  /// A mapped top-level window at `r` (no window manager: exactly there) with the quadrant
  /// pattern, _NET_WM_NAME and WM_NAME `title`, and WM_CLASS "instance\0cls\0".
  xcb_window_t create_window(const std::string& title, const std::string& instance,
                             const std::string& cls, const core::Rect& r);
  void paint(xcb_window_t w, int width, int height);
  void move(xcb_window_t w, int x, int y);
  /// Resizes and paints the pattern at the new size.
  void resize(xcb_window_t w, int width, int height);
  void unmap(xcb_window_t w);
  void map(xcb_window_t w);
  void destroy(xcb_window_t w);
  void warp_pointer(int x, int y);
  /// RandR 1.5: a monitor called `name` covering `r` (no outputs). False if refused.
  bool set_monitor(const std::string& name, const core::Rect& r);
  /// RandR: a new screen size. False if the server refuses it.
  bool set_screen_size(int width, int height);
  void sync();

 private:
  uint32_t pixel(uint32_t rgb) const;  // the root visual's pixel value for a colour
  xcb_atom_t atom(const char* name);

  xcb_connection_t* c_ = nullptr;
  xcb_screen_t* screen_ = nullptr;
  xcb_gcontext_t gc_ = 0;
  uint32_t red_mask_ = 0xFF0000, green_mask_ = 0xFF00, blue_mask_ = 0xFF;
};

}  // namespace tfts::x11::testing
