#include "tfts/pipeline/area_resize.h"

#include <algorithm>
#include <vector>

namespace tfts::pipeline {
namespace {

// Exact 2x2 halving, the standard 640x480 -> 320x240 case: four pixels summed in 16-bit lanes
// (red|blue and green separately), rounded, in one pass without intermediate rows.
void box_2x2(core::PlaneView<const uint32_t> src, core::PlaneView<uint32_t> dst) {
  for (int y = 0; y < dst.height; ++y) {
    const uint32_t* a = src.row(2 * y);
    const uint32_t* b = src.row(2 * y + 1);
    uint32_t* d = dst.row(y);
    for (int x = 0; x < dst.width; ++x) {
      const uint32_t p0 = a[2 * x], p1 = a[2 * x + 1], p2 = b[2 * x], p3 = b[2 * x + 1];
      const uint32_t rb = (p0 & 0x00FF00FFu) + (p1 & 0x00FF00FFu) + (p2 & 0x00FF00FFu) +
                          (p3 & 0x00FF00FFu) + 0x00020002u;
      const uint32_t g = (p0 & 0x0000FF00u) + (p1 & 0x0000FF00u) + (p2 & 0x0000FF00u) +
                         (p3 & 0x0000FF00u) + 0x00000200u;
      d[x] = ((rb >> 2) & 0x00FF00FFu) | ((g >> 2) & 0x0000FF00u);
    }
  }
}

// Integer ratio kx x ky (kx*ky <= 256 keeps 8-bit channel sums inside 16-bit lanes).
void box_integer(core::PlaneView<const uint32_t> src, core::PlaneView<uint32_t> dst, int kx,
                 int ky) {
  const uint32_t n = static_cast<uint32_t>(kx * ky);
  std::vector<uint32_t> rb(static_cast<size_t>(dst.width));
  std::vector<uint32_t> g(static_cast<size_t>(dst.width));
  for (int y = 0; y < dst.height; ++y) {
    std::fill(rb.begin(), rb.end(), 0u);
    std::fill(g.begin(), g.end(), 0u);
    for (int sy = 0; sy < ky; ++sy) {
      const uint32_t* s = src.row(y * ky + sy);
      for (int x = 0; x < dst.width; ++x) {
        uint32_t srb = 0, sg = 0;
        for (int i = 0; i < kx; ++i) {
          const uint32_t p = s[x * kx + i];
          srb += p & 0x00FF00FFu;  // red and blue in two 16-bit lanes
          sg += p & 0x0000FF00u;
        }
        rb[x] += srb;
        g[x] += sg >> 8;
      }
    }
    uint32_t* d = dst.row(y);
    for (int x = 0; x < dst.width; ++x) {
      const uint32_t half = n / 2;
      const uint32_t r = ((rb[x] >> 16) + half) / n;
      const uint32_t b = ((rb[x] & 0xFFFFu) + half) / n;
      const uint32_t gg = (g[x] + half) / n;
      d[x] = (r << 16) | (gg << 8) | b;
    }
  }
}

// One output coordinate's source span: first source index and per-index weights (sum 65536).
struct Span {
  int first = 0;
  std::vector<uint32_t> weights;
};

std::vector<Span> make_spans(int src_len, int dst_len) {
  std::vector<Span> spans(static_cast<size_t>(dst_len));
  // Work in units of 1/(dst_len) source pixels to stay exact: output i covers
  // [i*src_len, (i+1)*src_len) in those units.
  for (int i = 0; i < dst_len; ++i) {
    const long lo = static_cast<long>(i) * src_len, hi = lo + src_len;
    Span& s = spans[static_cast<size_t>(i)];
    s.first = static_cast<int>(lo / dst_len);
    const int last = static_cast<int>((hi - 1) / dst_len);
    uint32_t given = 0;
    for (int j = s.first; j <= last; ++j) {
      const long a = std::max(lo, static_cast<long>(j) * dst_len);
      const long b = std::min(hi, static_cast<long>(j + 1) * dst_len);
      uint32_t w = static_cast<uint32_t>(((b - a) * 65536L) / src_len);
      if (j == last) w = 65536u - given;
      given += w;
      s.weights.push_back(w);
    }
  }
  return spans;
}

void area_general(core::PlaneView<const uint32_t> src, core::PlaneView<uint32_t> dst) {
  const std::vector<Span> xs = make_spans(src.width, dst.width);
  const std::vector<Span> ys = make_spans(src.height, dst.height);
  // Horizontal pass into 16.16 fixed point per channel, then vertical.
  std::vector<uint32_t> row_acc(static_cast<size_t>(dst.width) * 3);
  std::vector<uint64_t> acc(static_cast<size_t>(dst.width) * 3);
  for (int y = 0; y < dst.height; ++y) {
    std::fill(acc.begin(), acc.end(), 0u);
    const Span& vy = ys[static_cast<size_t>(y)];
    for (size_t k = 0; k < vy.weights.size(); ++k) {
      const uint32_t* s = src.row(vy.first + static_cast<int>(k));
      for (int x = 0; x < dst.width; ++x) {
        const Span& vx = xs[static_cast<size_t>(x)];
        uint32_t r = 0, g = 0, b = 0;
        for (size_t i = 0; i < vx.weights.size(); ++i) {
          const uint32_t p = s[vx.first + static_cast<int>(i)], w = vx.weights[i];
          r += ((p >> 16) & 255u) * w;
          g += ((p >> 8) & 255u) * w;
          b += (p & 255u) * w;
        }
        const uint64_t wy = vy.weights[k];
        acc[3 * static_cast<size_t>(x)] += static_cast<uint64_t>(r) * wy;
        acc[3 * static_cast<size_t>(x) + 1] += static_cast<uint64_t>(g) * wy;
        acc[3 * static_cast<size_t>(x) + 2] += static_cast<uint64_t>(b) * wy;
      }
    }
    uint32_t* d = dst.row(y);
    const uint64_t half = 1ull << 31;
    for (int x = 0; x < dst.width; ++x) {
      const size_t i = 3 * static_cast<size_t>(x);
      const auto r = static_cast<uint32_t>((acc[i] + half) >> 32);
      const auto g = static_cast<uint32_t>((acc[i + 1] + half) >> 32);
      const auto b = static_cast<uint32_t>((acc[i + 2] + half) >> 32);
      d[x] = (std::min(r, 255u) << 16) | (std::min(g, 255u) << 8) | std::min(b, 255u);
    }
  }
}

}  // namespace

void resize_area(core::PlaneView<const uint32_t> src, core::PlaneView<uint32_t> dst) {
  if (src.width == dst.width && src.height == dst.height) {
    for (int y = 0; y < dst.height; ++y) std::copy(src.row(y), src.row(y) + src.width, dst.row(y));
    return;
  }
  if (src.width % dst.width == 0 && src.height % dst.height == 0) {
    const int kx = src.width / dst.width, ky = src.height / dst.height;
    if (kx == 2 && ky == 2) return box_2x2(src, dst);
    if (kx * ky <= 256) return box_integer(src, dst, kx, ky);
  }
  area_general(src, dst);
}

}  // namespace tfts::pipeline
