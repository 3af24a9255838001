#include "tfts/pipeline/screen_pipeline.h"

#include "tfts/pipeline/area_resize.h"

namespace tfts::pipeline {

ScreenPipeline::ScreenPipeline(const ScreenParams& params)
    : params_(params),
      lut_(params.color),
      quantizer_(params.dither),
      scaled_(params.width, params.height),
      target_(params.width, params.height) {}

const core::Rgb565Plane& ScreenPipeline::process(core::PlaneView<const uint32_t> source) {
  resize_area(source, scaled_.view());
  lut_.apply(scaled_.view());
  quantizer_.quantize(scaled_.view(), target_.view());
  return target_;
}

}  // namespace tfts::pipeline
