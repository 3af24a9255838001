#include "tfts/server/screen_feed.h"

#include <algorithm>
#include <cassert>

namespace tfts::server {
namespace {

pipeline::ScreenParams params_for(int width, int height, const config::ScreenConfig& s) {
  pipeline::ScreenParams p;
  // The pipeline renders the unrotated picture; a quarter turn swaps its sides.
  const bool quarter = s.rotation == 90 || s.rotation == 270;
  p.width = quarter ? height : width;
  p.height = quarter ? width : height;
  p.color.gamma = s.gamma;
  p.color.gain_r = s.white_balance[0];
  p.color.gain_g = s.white_balance[1];
  p.color.gain_b = s.white_balance[2];
  p.dither = s.dither;
  return p;
}

}  // namespace

ScreenFeed::ScreenFeed(int width, int height, const config::ScreenConfig& screen)
    : width_(width),
      height_(height),
      rotation_(screen.rotation),
      pipeline_(params_for(width, height, screen)) {}

void ScreenFeed::reconfigure(const config::ScreenConfig& screen) {
  rotation_ = screen.rotation;
  pipeline_ = pipeline::ScreenPipeline(params_for(width_, height_, screen));
}

ScreenFramePtr ScreenFeed::produce(core::PlaneView<const uint32_t> source,
                                   Clock::time_point captured, const ScreenMetrics* metrics) {
  auto frame = std::make_shared<ScreenFrame>();
  pipeline::StageTimes times;
  const core::Rgb565Plane& processed = pipeline_.process(source, metrics ? &times : nullptr);
  const auto rotate_start = metrics ? Clock::now() : Clock::time_point{};
  if (rotation_ == 0) {
    frame->target = processed;
  } else {
    frame->target = core::Rgb565Plane(width_, height_);
    rotate_plane(processed, rotation_, frame->target);
  }
  const auto diff_start = metrics ? Clock::now() : Clock::time_point{};
  frame->damage = pipeline::TileMask(width_, height_);
  if (last_) {
    pipeline::mark_changed_tiles(frame->target.view(), last_->target.view(), frame->damage);
  } else {
    frame->damage.set_all();
  }
  if (metrics) {
    const auto done = Clock::now();
    metrics->resize->observe(times.resize);
    metrics->colour->observe(times.colour +
                             std::chrono::duration<double>(diff_start - rotate_start).count());
    metrics->diff->observe(std::chrono::duration<double>(done - diff_start).count());
  }
  if (last_ && !frame->damage.any()) return nullptr;
  if (metrics) metrics->processed->add();
  frame->id = next_id_++;
  frame->captured = captured;
  last_ = frame;
  return last_;
}

core::PlaneView<const uint32_t> apply_crop(const core::RgbPlane& picture,
                                           const std::optional<config::CropRect>& crop) {
  core::PlaneView<const uint32_t> v = picture.view();
  if (!crop) return v;
  const int x = std::clamp(crop->x, 0, v.width - 1), y = std::clamp(crop->y, 0, v.height - 1);
  const int w = std::clamp(crop->w, 1, v.width - x), h = std::clamp(crop->h, 1, v.height - y);
  return v.crop(x, y, w, h);
}

void rotate_plane(const core::Rgb565Plane& src, int degrees, core::Rgb565Plane& dst) {
  const int w = src.width(), h = src.height();
  switch (degrees) {
    case 90:  // source row y becomes destination column h-1-y
      assert(dst.width() == h && dst.height() == w);
      for (int y = 0; y < h; ++y) {
        const uint16_t* s = src.row(y);
        for (int x = 0; x < w; ++x) dst.at(h - 1 - y, x) = s[x];
      }
      break;
    case 180:
      assert(dst.width() == w && dst.height() == h);
      for (int y = 0; y < h; ++y) {
        const uint16_t* s = src.row(y);
        uint16_t* d = dst.row(h - 1 - y);
        for (int x = 0; x < w; ++x) d[w - 1 - x] = s[x];
      }
      break;
    case 270:
      assert(dst.width() == h && dst.height() == w);
      for (int y = 0; y < h; ++y) {
        const uint16_t* s = src.row(y);
        for (int x = 0; x < w; ++x) dst.at(y, w - 1 - x) = s[x];
      }
      break;
    default:
      dst = src;
      break;
  }
}

}  // namespace tfts::server
