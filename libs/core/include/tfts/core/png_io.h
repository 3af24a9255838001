// PNG files in and out (libpng). Errors are returned as text, never thrown.
#pragma once

#include <string>

#include "tfts/core/plane.h"

namespace tfts::core {

// Reads any PNG (grey, palette, RGB, with or without alpha; alpha is dropped) into 0x00RRGGBB.
// On failure returns false and sets `error` to a sentence naming the file.
[[nodiscard]] bool load_png(const std::string& path, RgbPlane& out, std::string& error);

// Writes 8-bit RGB. The 565 overload expands by bit replication.
[[nodiscard]] bool save_png(const std::string& path, const RgbPlane& img, std::string& error);
[[nodiscard]] bool save_png(const std::string& path, const Rgb565Plane& img, std::string& error);

// The PNG file for `img` (RGB565 expanded as a panel shows it) in `out`, for HTTP answers.
[[nodiscard]] bool encode_png(const Rgb565Plane& img, std::string& out, std::string& error);

}  // namespace tfts::core
