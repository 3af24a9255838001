#include "tfts/core/png_io.h"

#include <png.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "tfts/core/rgb565.h"

namespace tfts::core {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

}  // namespace

bool load_png(const std::string& path, RgbPlane& out, std::string& error) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    error = path + ": " + image.message;
    return false;
  }
  image.format = PNG_FORMAT_BGRA;  // little-endian 0xAARRGGBB words
  if (image.width == 0 || image.height == 0 || image.width > 16384 || image.height > 16384) {
    png_image_free(&image);
    error = path + ": unsupported size";
    return false;
  }
  RgbPlane img(static_cast<int>(image.width), static_cast<int>(image.height));
  if (!png_image_finish_read(&image, nullptr, img.data(), 0, nullptr)) {
    error = path + ": " + image.message;
    png_image_free(&image);
    return false;
  }
  for (int y = 0; y < img.height(); ++y) {
    uint32_t* r = img.row(y);
    for (int x = 0; x < img.width(); ++x) r[x] &= 0x00FFFFFFu;
  }
  out = std::move(img);
  return true;
}

namespace {

std::vector<uint8_t> packed_rgb(const RgbPlane& img) {
  std::vector<uint8_t> rgb(static_cast<size_t>(img.width()) * img.height() * 3);
  size_t i = 0;
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) {
      uint32_t p = img.at(x, y);
      rgb[i++] = static_cast<uint8_t>(p >> 16);
      rgb[i++] = static_cast<uint8_t>(p >> 8);
      rgb[i++] = static_cast<uint8_t>(p);
    }
  }
  return rgb;
}

png_image rgb_image(int width, int height) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_RGB;
  return image;
}

RgbPlane expanded(const Rgb565Plane& img) {
  RgbPlane rgb(img.width(), img.height());
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) rgb.at(x, y) = expand565(img.at(x, y));
  }
  return rgb;
}

}  // namespace

bool save_png(const std::string& path, const RgbPlane& img, std::string& error) {
  const std::vector<uint8_t> rgb = packed_rgb(img);
  png_image image = rgb_image(img.width(), img.height());
  if (!png_image_write_to_file(&image, path.c_str(), 0, rgb.data(), 0, nullptr)) {
    error = path + ": " + image.message;
    return false;
  }
  return true;
}

bool save_png(const std::string& path, const Rgb565Plane& img, std::string& error) {
  return save_png(path, expanded(img), error);
}

bool encode_png(const Rgb565Plane& img, std::string& out, std::string& error) {
  const std::vector<uint8_t> rgb = packed_rgb(expanded(img));
  png_image image = rgb_image(img.width(), img.height());
  png_alloc_size_t size = 0;
  // First call measures, second writes.
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, rgb.data(), 0, nullptr)) {
    error = image.message;
    return false;
  }
  out.resize(size);
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, rgb.data(), 0, nullptr)) {
    error = image.message;
    return false;
  }
  out.resize(size);
  return true;
}

}  // namespace tfts::core
