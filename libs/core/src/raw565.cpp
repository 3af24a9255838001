#include "tfts/core/raw565.h"

namespace tfts::core {

bool read_raw565(std::span<const uint8_t> data, int width, int height, size_t stride,
                 ByteOrder order, Rgb565Plane& out, std::string& error) {
  if (width < 1 || height < 1) {
    error = "the size must be at least 1x1";
    return false;
  }
  const size_t row_bytes = 2 * static_cast<size_t>(width);
  if (stride == 0) stride = row_bytes;
  if (stride < row_bytes) {
    error = "a stride of " + std::to_string(stride) + " bytes is less than a row of " +
            std::to_string(width) + " pixels (" + std::to_string(row_bytes) + " bytes)";
    return false;
  }
  const size_t needed = stride * static_cast<size_t>(height - 1) + row_bytes;
  if (data.size() < needed) {
    error = "the dump has " + std::to_string(data.size()) + " bytes; " + std::to_string(width) +
            "x" + std::to_string(height) + " with a stride of " + std::to_string(stride) +
            " needs " + std::to_string(needed);
    return false;
  }
  out = Rgb565Plane(width, height);
  const int hi = order == ByteOrder::big ? 0 : 1;
  for (int y = 0; y < height; ++y) {
    const uint8_t* src = data.data() + stride * static_cast<size_t>(y);
    uint16_t* dst = out.row(y);
    for (int x = 0; x < width; ++x) {
      dst[x] = static_cast<uint16_t>(src[2 * x + hi] << 8 | src[2 * x + 1 - hi]);
    }
  }
  return true;
}

}  // namespace tfts::core
