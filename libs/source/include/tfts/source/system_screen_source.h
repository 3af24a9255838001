// SystemScreenSource: what the BIOS and CPU screens share as FrameSources: sampling the
// machine at an interval, the wall clock, laying out a Scene and drawing it only when it
// differs from the one on the frame. Subclasses supply the sampling and the layout. Public so
// that tests can look at the layout a source drew (dynamic_cast from FrameSource).
//
// Threads: built on any thread, then used by one thread at a time (the screen's), as
// FrameSource says. It owns its Typesetter (its own Pango font map), so screens on different
// threads share no drawing state but fontconfig's and Cairo's caches, which are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tfts/draw/scene.h"
#include "tfts/draw/theme.h"
#include "tfts/draw/typesetter.h"
#include "tfts/source/frame_source.h"
#include "tfts/source/system_screen_options.h"
#include "tfts/source/system_time.h"

namespace tfts::source {

/// Checks `options` (size, interval, history). False and a sentence naming `kind` in `error`.
[[nodiscard]] bool check_system_screen_options(std::string_view kind,
                                               const SystemScreenOptions& options,
                                               std::string& error);

class SystemScreenSource : public FrameSource {
 public:
  /// grab() samples when the interval has passed (the first call always samples), reads the wall
  /// clock, and lays out the screen when the sample or the shown second is new. It draws only if
  /// the layout differs from the last one drawn: `unchanged` otherwise, so a second in which
  /// nothing visible changes produces no damage at all. `failed` if drawing fails; the next call
  /// draws again.
  GrabResult grab(core::RgbPlane& frame, Clock::time_point now) final;

  /// The layout last drawn (empty before the first grab); tests check it.
  const draw::Scene& scene() const { return scene_; }
  const draw::Theme& theme() const { return theme_; }

 protected:
  /// `options` must have passed check_system_screen_options(). Empty options take the defaults
  /// given here.
  SystemScreenSource(SystemScreenOptions options, double default_interval_s,
                     std::string_view default_theme);

  /// Reads the machine (through options().collect) and keeps what the layout needs.
  virtual void sample() = 0;
  /// The screen for the values kept by sample() at wall time `time`.
  virtual draw::Scene layout(const LocalTime& time, draw::Typesetter& typesetter) = 0;

  const SystemScreenOptions& options() const { return options_; }
  /// "KIND:WxH", plus a note when the theme's font is not installed.
  std::string describe_as(std::string_view kind) const;

 private:
  SystemScreenOptions options_;
  draw::Theme theme_;
  std::string font_note_;  // why the theme's fonts were replaced, or ""
  Clock::duration interval_;
  std::optional<Clock::time_point> next_sample_;
  uint64_t generation_ = 0;  // counts samples
  // What the frame shows: the layout, and the sample and second it was made from.
  draw::Scene scene_;
  std::optional<std::pair<uint64_t, LocalTime>> shown_;
  draw::Typesetter typesetter_;
};

}  // namespace tfts::source
