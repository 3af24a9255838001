// A 2-D array of pixels: Plane<T> owns, PlaneView<T> borrows (with a stride, so a view can be
// a crop). T is uint32_t for 0x00RRGGBB frames and uint16_t for native RGB565 values.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tfts::core {

template <typename T>
struct PlaneView {
  T* data = nullptr;
  int width = 0;
  int height = 0;
  std::ptrdiff_t stride = 0;  // elements between rows

  T* row(int y) const { return data + y * stride; }
  T& at(int x, int y) const { return data[y * stride + x]; }
  // A sub-rectangle; the caller keeps it inside this view.
  PlaneView crop(int x, int y, int w, int h) const {
    assert(x >= 0 && y >= 0 && x + w <= width && y + h <= height);
    return {data + y * stride + x, w, h, stride};
  }
  operator PlaneView<const T>() const { return {data, width, height, stride}; }
};

template <typename T>
class Plane {
 public:
  Plane() = default;
  Plane(int width, int height, T value = T{})
      : px_(static_cast<size_t>(width) * static_cast<size_t>(height), value),
        width_(width),
        height_(height) {}

  int width() const { return width_; }
  int height() const { return height_; }
  bool empty() const { return px_.empty(); }
  T* row(int y) { return px_.data() + static_cast<size_t>(y) * static_cast<size_t>(width_); }
  const T* row(int y) const {
    return px_.data() + static_cast<size_t>(y) * static_cast<size_t>(width_);
  }
  T& at(int x, int y) { return row(y)[x]; }
  const T& at(int x, int y) const { return row(y)[x]; }
  T* data() { return px_.data(); }
  const T* data() const { return px_.data(); }

  PlaneView<T> view() { return {px_.data(), width_, height_, width_}; }
  PlaneView<const T> view() const { return {px_.data(), width_, height_, width_}; }

  bool operator==(const Plane& o) const {
    return width_ == o.width_ && height_ == o.height_ && px_ == o.px_;
  }

 private:
  std::vector<T> px_;
  int width_ = 0;
  int height_ = 0;
};

using RgbPlane = Plane<uint32_t>;      // 0x00RRGGBB
using Rgb565Plane = Plane<uint16_t>;   // native RGB565 values

}  // namespace tfts::core
