// Finding a window by title or class, and where a found window is now.
#pragma once

#include <xcb/xcb.h>

#include <string>

#include "connection.h"
#include "tfts/core/rect.h"
#include "tfts/x11/x11_options.h"

namespace tfts::x11 {

struct FoundWindow {
  xcb_window_t id = XCB_WINDOW_NONE;
  std::string title;  // as the window names itself, for messages
  bool viewable = false;
};

/// Walks the window tree (top-level windows and, below window-manager frames, their clients; at
/// most kMaxSearchDepth levels and kMaxSearchWindows windows) for windows whose title matches
/// `title` and whose WM_CLASS matches `wm_class` (an empty pattern matches anything). Of those,
/// the topmost viewable one wins, else the topmost one. False when none matches or the
/// connection broke. Costs one round trip per tree level.
[[nodiscard]] bool find_window(Connection& conn, const TextMatch& title, const TextMatch& wm_class,
                               FoundWindow& found);

enum class WindowState {
  visible,  // mapped and viewable: `rect` is its inside in root coordinates
  hidden,   // exists but is not viewable (unmapped, minimised, or an ancestor unmapped)
  gone,     // destroyed (or the connection broke: see Connection::broken())
};

/// Where window `id` is now. One round trip.
WindowState locate_window(Connection& conn, xcb_window_t id, core::Rect& rect);

inline constexpr int kMaxSearchDepth = 4;
inline constexpr size_t kMaxSearchWindows = 20000;

}  // namespace tfts::x11
