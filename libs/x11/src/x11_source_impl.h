// X11Source: the FrameSource behind make_x11_source() (contract in tfts/x11/x11_source.h).
// One connection at a time (a Session); when it breaks, the source drops it and reconnects.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "connector.h"
#include "tfts/core/rect.h"
#include "tfts/source/frame_source.h"
#include "tfts/x11/x11_options.h"
#include "window_finder.h"

namespace tfts::x11 {

class X11Source final : public source::FrameSource {
 public:
  /// `options.display` must be set (make_x11_source resolves $DISPLAY).
  explicit X11Source(X11Options options);
  ~X11Source() override;

  source::GrabResult grab(core::RgbPlane& frame, source::Clock::time_point now) override;

  /// "x11:" and the options, with the display filled in. Immutable: safe from any thread.
  std::string describe() const override { return description_; }

 private:
  struct Session;

  source::GrabResult grab_connected(core::RgbPlane& frame, source::Clock::time_point now);
  // Steps the connection attempt; on success session_ is set and the result is unused.
  source::GrabResult connect(source::Clock::time_point now);
  source::GrabResult lost(source::Clock::time_point now);
  source::GrabResult fail(std::string message);
  void pump_events();
  // The area to capture now, in root coordinates; false with `failure` set when there is none.
  bool target_area(source::Clock::time_point now, core::Rect& area, source::GrabResult& failure);
  bool window_area(source::Clock::time_point now, core::Rect& area, source::GrabResult& failure);
  bool monitor_area(source::Clock::time_point now, core::Rect& area, source::GrabResult& failure);
  std::string window_pattern() const;  // "title 'Editor'", "class /xterm/i", ...

  const X11Options options_;
  const std::string description_;
  Connector connector_;
  std::unique_ptr<Session> session_;
  source::Clock::time_point next_attempt_{};
  source::Clock::duration backoff_{};
  std::string connect_error_;  // repeated while waiting to reconnect

  FoundWindow window_;          // the window followed; id none while there is none
  std::string window_error_;    // why there is none (repeated between searches)
  bool window_closed_ = false;  // the followed window closed and none matches since
  source::Clock::time_point next_search_{};
  std::optional<core::Rect> monitor_;  // the monitor's area, looked up again on RandR events
  std::string monitor_error_;

  core::Rect last_area_;        // the area `frame` shows, valid while have_frame_
  bool have_frame_ = false;
};

}  // namespace tfts::x11
