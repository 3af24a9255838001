// Synthetic RGB565 test content: solid, two-colour text, gradients, noise, photo-like.
#pragma once

#include <cstdint>
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/core/rgb565.h"

namespace tfts::test {

inline core::Rgb565Plane solid_image(int w, int h, uint16_t v) { return core::Rgb565Plane(w, h, v); }

// Glyph-like strokes in two colours, as terminal text after quantization.
inline core::Rgb565Plane text_image(int w, int h, uint32_t seed = 1) {
  core::Rgb565Plane img(w, h, core::pack565(1, 2, 2));
  std::mt19937 rng(seed);
  for (int y = 1; y < h; y += 8) {
    for (int x = 1; x + 4 < w; x += 6) {
      const unsigned bits = rng();
      for (int k = 0; k < 15; ++k) {
        if ((bits >> k) & 1u) {
          const int px = x + k % 3, py = y + k / 3;
          if (py < h) img.at(px, py) = core::pack565(25, 50, 25);
        }
      }
    }
  }
  return img;
}

inline core::Rgb565Plane gradient_image(int w, int h) {
  core::Rgb565Plane img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      img.at(x, y) = core::pack565(static_cast<unsigned>(x * 31 / std::max(1, w - 1)),
                                   static_cast<unsigned>(y * 63 / std::max(1, h - 1)),
                                   static_cast<unsigned>((x + y) * 31 / std::max(1, w + h - 2)));
  return img;
}

inline core::Rgb565Plane noise_image(int w, int h, uint32_t seed = 7) {
  core::Rgb565Plane img(w, h);
  std::mt19937 rng(seed);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) img.at(x, y) = static_cast<uint16_t>(rng());
  return img;
}

// Smooth shapes plus mild sensor noise: what PREDICT is for.
inline core::Rgb565Plane photo_image(int w, int h, uint32_t seed = 3) {
  core::Rgb565Plane img(w, h);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> noise(-1, 1);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int r = 12 + (x * 7 + y * 3) / 16 % 12 + noise(rng);
      const int g = 30 + (y * 5) / 8 % 20 + noise(rng);
      const int b = 8 + ((x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2)) / 64 % 16;
      img.at(x, y) = core::pack565(static_cast<unsigned>(std::clamp(r, 0, 31)),
                                   static_cast<unsigned>(std::clamp(g, 0, 63)),
                                   static_cast<unsigned>(std::clamp(b, 0, 31)));
    }
  return img;
}

struct NamedImage {
  std::string name;
  core::Rgb565Plane image;
};

inline std::vector<NamedImage> all_test_images(int w, int h) {
  return {{"solid", solid_image(w, h, 0xF800)}, {"text", text_image(w, h)},
          {"gradient", gradient_image(w, h)},   {"noise", noise_image(w, h)},
          {"photo", photo_image(w, h)}};
}

}  // namespace tfts::test
