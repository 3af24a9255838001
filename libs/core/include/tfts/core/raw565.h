// Raw RGB565 dumps as firmware engineers make them (an LVGL flush buffer written to a file or
// a serial console): rows `stride` bytes apart, two bytes per pixel in either byte order.
// `tftstream shot --raw` turns one into a PNG, which replaces
// `ffmpeg -f rawvideo -pix_fmt rgb565be -s WxH -i dump out.png`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "tfts/core/plane.h"

namespace tfts::core {

enum class ByteOrder {
  big,     // "rgb565be": high byte first (LVGL's RGB565_SWAPPED / LV_COLOR_16_SWAP on an ESP32)
  little,  // "rgb565le": the MCU's native order (LVGL's plain RGB565)
};

// Reads a width x height picture from `data`. `stride` is the bytes from one row to the next
// (0 = 2 x width; more when rows are padded). Bytes after the last row are ignored. False, with
// a sentence in `error`, when the dump is too short or the stride is below 2 x width.
[[nodiscard]] bool read_raw565(std::span<const uint8_t> data, int width, int height,
                               size_t stride, ByteOrder order, Rgb565Plane& out,
                               std::string& error);

}  // namespace tfts::core
