// X11 screen and window capture as a FrameSource (design §4): XCB with MIT-SHM (plain GetImage
// where shared memory cannot be used), the pointer composited in with XFIXES, XDAMAGE so that
// an idle screen costs a few small round trips and no pixels, and RandR for monitors by name.
// What is captured is chosen with the options of tfts/x11/x11_options.h.
//
// Behaviour of the source's grab() (beyond the FrameSource contract):
// - The first grab connects. Connecting runs on a helper thread, so a display that hangs or a
//   remote one that does not answer never holds grab() for more than kConnectWait; until it
//   answers grab() returns `failed`. A failed or lost connection is retried with a backoff from
//   100 ms to 2 s, and the capture resumes by itself when the X server comes back.
// - Messages (GrabResult::message) are sentences for the log and the status frame, e.g.
//   "x11: cannot open X display :5: no X server answers there, ...",
//   "x11: no window matches title 'Editor'", "x11: window 'Editor - notes.txt' closed",
//   "x11: lost X display :1: the connection to the X server broke; reconnecting".
// - `changed` when the captured area was damaged, moved or resized, or the pointer moved over
//   it; `unchanged` otherwise (without reading pixels). Without DAMAGE (or with damage=0) every
//   grab reads the pixels and returns `changed`.
// - A window is followed while it exists, whatever its title becomes: its current inside area
//   in root coordinates, clipped to the screen, so the frame size follows the window's. Other
//   windows over it are captured too (it is a screen region). While no window matches, the
//   search is repeated at most every kSearchInterval.
// - The frame takes the size of the area: the screen, the monitor, the window, or geometry=
//   within them, clipped to the screen; it changes when the screen is resized (RandR).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "tfts/source/frame_source.h"
#include "tfts/x11/x11_options.h"

namespace tfts::x11 {

// How long one grab waits for a connection attempt before reporting that it is still pending.
inline constexpr std::chrono::milliseconds kConnectWait{30};
// Backoff between connection attempts after a failure: doubling from the first to the last.
inline constexpr std::chrono::milliseconds kFirstRetry{100};
inline constexpr std::chrono::milliseconds kLastRetry{2000};
// How often a missing window or monitor is looked for again.
inline constexpr std::chrono::milliseconds kSearchInterval{250};

/// Builds an x11 source from the text after "x11:" (empty for "x11" alone). Does not connect:
/// a missing X server shows as `failed` from grab(), and is retried. Returns null with a
/// sentence in `error` for an argument that does not parse, or when no display is given and
/// $DISPLAY is not set. Never throws.
[[nodiscard]] std::unique_ptr<source::FrameSource> make_x11_source(std::string_view argument,
                                                                   std::string& error);

/// The same from parsed options.
[[nodiscard]] std::unique_ptr<source::FrameSource> make_x11_source(X11Options options,
                                                                   std::string& error);

/// The spec's syntax and a one-line description, for the source factory's table.
inline constexpr std::string_view kX11Syntax = "x11[:OPTION;...]";
inline constexpr std::string_view kX11Description =
    "X11 screen capture; options display=:N, geometry=WxH+X+Y, monitor=NAME, window=TITLE|/RE/, "
    "class=CLASS|/RE/, cursor=0, shm=0, damage=0";

}  // namespace tfts::x11
