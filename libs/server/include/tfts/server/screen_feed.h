// A screen at one display size (design §2, "one pipeline per screen"): resize, colour, RGB565,
// rotation, then the tile diff against its previous frame, computed once for every session of
// that size. produce() runs on the screen's thread only; the mailbox is the hand-over to the
// network thread.
#pragma once

#include <optional>

#include "tfts/config/server_config.h"
#include "tfts/pipeline/screen_pipeline.h"
#include "tfts/server/frame_mailbox.h"
#include "tfts/server/screen_frame.h"
#include "tfts/server/screen_metrics.h"

namespace tfts::server {

class ScreenFeed {
 public:
  // A feed of width x height frames (the display's size, rotation already applied).
  ScreenFeed(int width, int height, const config::ScreenConfig& screen);

  int width() const { return width_; }
  int height() const { return height_; }

  // Screen thread. New colour, dither and rotation settings for the frames to come; the next
  // frame is still diffed against the last one, so displays get only what the change altered.
  void reconfigure(const config::ScreenConfig& screen);

  // Screen thread. Turns a source picture into the next frame and returns it; returns null when
  // the result equals the previous frame (nothing to tell anyone). `metrics`, when given,
  // receives the resize, colour (rotation included) and diff times and the frame count.
  ScreenFramePtr produce(core::PlaneView<const uint32_t> source, Clock::time_point captured,
                         const ScreenMetrics* metrics = nullptr);

  // The last frame produced (null before the first). Screen thread only.
  const ScreenFramePtr& last() const { return last_; }

  FrameMailbox& mailbox() { return mailbox_; }

 private:
  int width_;
  int height_;
  int rotation_;  // clockwise degrees
  pipeline::ScreenPipeline pipeline_;
  ScreenFramePtr last_;
  uint64_t next_id_ = 1;
  FrameMailbox mailbox_;
};

// The part of `picture` a screen shows: its crop, clamped to the picture (the whole picture
// when there is no crop).
core::PlaneView<const uint32_t> apply_crop(const core::RgbPlane& picture,
                                           const std::optional<config::CropRect>& crop);

// Rotates `src` clockwise by `degrees` (0, 90, 180, 270) into `dst`, which must already have
// the rotated size.
void rotate_plane(const core::Rgb565Plane& src, int degrees, core::Rgb565Plane& dst);

}  // namespace tfts::server
