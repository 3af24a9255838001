#include "tfts/pipeline/screen_pipeline.h"

#include <chrono>

#include "tfts/pipeline/area_resize.h"

namespace tfts::pipeline {

ScreenPipeline::ScreenPipeline(const ScreenParams& params)
    : params_(params),
      lut_(params.color),
      quantizer_(params.dither),
      scaled_(params.width, params.height),
      target_(params.width, params.height) {}

const core::Rgb565Plane& ScreenPipeline::process(core::PlaneView<const uint32_t> source,
                                                 StageTimes* times) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = times ? Clock::now() : Clock::time_point{};
  resize_area(source, scaled_.view());
  const auto t1 = times ? Clock::now() : Clock::time_point{};
  lut_.apply(scaled_.view());
  quantizer_.quantize(scaled_.view(), target_.view());
  if (times) {
    const auto t2 = Clock::now();
    times->resize = std::chrono::duration<double>(t1 - t0).count();
    times->colour = std::chrono::duration<double>(t2 - t1).count();
  }
  return target_;
}

}  // namespace tfts::pipeline
