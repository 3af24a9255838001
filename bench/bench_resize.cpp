// Our area resize against libyuv's ARGBScale(kFilterBox): speed (Google Benchmark) and
// accuracy against the exact area average (printed once at start). Decides which one the
// pipeline uses; see bench/results/README.md.
#include <benchmark/benchmark.h>
#include <libyuv/scale_argb.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "tfts/core/plane.h"
#include "tfts/pipeline/area_resize.h"

namespace {

using tfts::core::RgbPlane;

// Smooth content with text-like edges, deterministic.
RgbPlane make_source(int w, int h) {
  RgbPlane img(w, h);
  std::mt19937 rng(9);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint32_t v = ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | ((x + y) & 255);
      if ((x / 3 + y / 5) % 7 == 0) v = 0xFFFFFF;
      img.at(x, y) = v ^ (rng() & 0x030303);
    }
  return img;
}

void resize_libyuv(const RgbPlane& src, RgbPlane& dst) {
  libyuv::ARGBScale(reinterpret_cast<const uint8_t*>(src.data()), src.width() * 4, src.width(),
                    src.height(), reinterpret_cast<uint8_t*>(dst.data()), dst.width() * 4,
                    dst.width(), dst.height(), libyuv::kFilterBox);
}

double max_error_vs_exact(const RgbPlane& src, const RgbPlane& dst) {
  const double sx = static_cast<double>(src.width()) / dst.width();
  const double sy = static_cast<double>(src.height()) / dst.height();
  double worst = 0;
  for (int y = 0; y < dst.height(); y += 7)
    for (int x = 0; x < dst.width(); x += 5)
      for (int c = 0; c < 3; ++c) {
        double acc = 0;
        for (int j = static_cast<int>(y * sy); j < std::ceil((y + 1) * sy); ++j)
          for (int i = static_cast<int>(x * sx); i < std::ceil((x + 1) * sx); ++i) {
            const double wy = std::min(j + 1.0, (y + 1) * sy) - std::max<double>(j, y * sy);
            const double wx = std::min(i + 1.0, (x + 1) * sx) - std::max<double>(i, x * sx);
            acc += wx * wy * ((src.at(i, j) >> (16 - 8 * c)) & 255u);
          }
        const double got = (dst.at(x, y) >> (16 - 8 * c)) & 255u;
        worst = std::max(worst, std::abs(got - acc / (sx * sy)));
      }
  return worst;
}

template <bool kLibyuv>
void BM_Resize(benchmark::State& state) {
  const RgbPlane src = make_source(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  RgbPlane dst(320, 240);
  for (auto _ : state) {
    if (kLibyuv) {
      resize_libyuv(src, dst);
    } else {
      tfts::pipeline::resize_area(src.view(), dst.view());
    }
    benchmark::DoNotOptimize(dst.data());
  }
}
BENCHMARK(BM_Resize<false>)->Args({640, 480})->Args({1920, 1080})->Name("tfts_area");
BENCHMARK(BM_Resize<true>)->Args({640, 480})->Args({1920, 1080})->Name("libyuv_box");

}  // namespace

int main(int argc, char** argv) {
  for (auto [w, h] : {std::pair{640, 480}, std::pair{1920, 1080}}) {
    const RgbPlane src = make_source(w, h);
    RgbPlane ours(320, 240), yuv(320, 240);
    tfts::pipeline::resize_area(src.view(), ours.view());
    resize_libyuv(src, yuv);
    std::printf("{\"source\": \"%dx%d\", \"max_abs_error_tfts\": %.2f, \"max_abs_error_libyuv\": %.2f}\n",
                w, h, max_error_vs_exact(src, ours), max_error_vs_exact(src, yuv));
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
