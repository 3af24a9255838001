#include "reference_scale.h"

#include <algorithm>
#include <cmath>

#include "tfts/core/rgb565.h"

namespace tfts::app {
namespace {

// Coverage of source cell j by output cell i, as a fraction of the output cell.
double coverage(int i, int j, int src_len, int dst_len) {
  const double scale = static_cast<double>(src_len) / dst_len;
  const double lo = i * scale, hi = (i + 1) * scale;
  const double a = std::max(lo, static_cast<double>(j)), b = std::min(hi, j + 1.0);
  return b > a ? (b - a) / scale : 0.0;
}

}  // namespace

std::vector<double> reference_area_average(const core::RgbPlane& src, int width, int height) {
  std::vector<double> out(static_cast<size_t>(width) * height * 3, 0.0);
  const double sx = static_cast<double>(src.width()) / width;
  const double sy = static_cast<double>(src.height()) / height;
  for (int y = 0; y < height; ++y) {
    const int y0 = static_cast<int>(std::floor(y * sy));
    const int y1 = std::min(src.height() - 1, static_cast<int>(std::ceil((y + 1) * sy)) - 1);
    for (int x = 0; x < width; ++x) {
      const int x0 = static_cast<int>(std::floor(x * sx));
      const int x1 = std::min(src.width() - 1, static_cast<int>(std::ceil((x + 1) * sx)) - 1);
      double acc[3] = {0, 0, 0};
      for (int j = y0; j <= y1; ++j) {
        const double wy = coverage(y, j, src.height(), height);
        for (int i = x0; i <= x1; ++i) {
          const double w = wy * coverage(x, i, src.width(), width);
          const uint32_t p = src.at(i, j);
          acc[0] += w * ((p >> 16) & 255u);
          acc[1] += w * ((p >> 8) & 255u);
          acc[2] += w * (p & 255u);
        }
      }
      double* o = &out[(static_cast<size_t>(y) * width + x) * 3];
      o[0] = acc[0];
      o[1] = acc[1];
      o[2] = acc[2];
    }
  }
  return out;
}

double psnr_db(const core::Rgb565Plane& img, const std::vector<double>& reference) {
  double se = 0;
  size_t k = 0;
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) {
      const uint32_t p = core::expand565(img.at(x, y));
      const double c[3] = {static_cast<double>((p >> 16) & 255u),
                           static_cast<double>((p >> 8) & 255u), static_cast<double>(p & 255u)};
      for (double v : c) {
        const double d = v - reference[k++];
        se += d * d;
      }
    }
  }
  const double mse = se / static_cast<double>(reference.size());
  return mse <= 0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace tfts::app
