// The fidelity reference of `tftstream bench`: a source frame downscaled exactly, as the
// floating-point area average, in 8-bit units per channel. Deliberately simple and separate
// from the pipeline's fixed-point resize, so the two check each other.
#pragma once

#include <vector>

#include "tfts/core/plane.h"

namespace tfts::app {

// Returns width*height*3 doubles (r, g, b per pixel, row-major).
std::vector<double> reference_area_average(const core::RgbPlane& src, int width, int height);

// PSNR in dB of the 565 image (expanded to 8 bits) against the reference; 99 when identical.
double psnr_db(const core::Rgb565Plane& img, const std::vector<double>& reference);

}  // namespace tfts::app
